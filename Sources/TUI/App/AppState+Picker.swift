import Foundation
import Snapshot

/// The snapshot picker (`:open`): the shipped snapshots and those in any directory given; Enter switches to one.
extension AppState {
    /// Tasks with a snapshot offered by the picker: those of the dataset given (`--pick`, or the one opened), the
    /// shipped snapshots, and the current snapshot's siblings; each once.
    func pickerTasks() -> [DatasetTask] {
        var dirs: [String] = []
        if let extra = pickerDirectory { dirs.append(extra) }
        if let shipped = SnapshotCatalog.shippedDirectory() { dirs.append(shipped) }
        dirs.append(PathText.parent(snapshot.root))
        var seen = Set<String>(), out: [DatasetTask] = []
        for d in dirs {
            guard let dataset = try? TaskCatalog.open(d), dataset.layout != .snapshot else { continue }
            for t in dataset.snapshots where seen.insert(URL(fileURLWithPath: t.snapshot!).standardizedFileURL.path).inserted { out.append(t) }
        }
        return out
    }

    func pickerRows() -> (cols: [Column], rows: [Row]) {
        let current = URL(fileURLWithPath: snapshot.root).standardizedFileURL.path
        let rows = pickerTasks().map { t -> Row in
            let p = t.snapshot!
            return Row([t.name, t.truth == nil ? "" : "labelled", SnapshotCatalog.description(of: p) ?? "", p],
                       role: URL(fileURLWithPath: p).standardizedFileURL.path == current ? .accent : .normal, key: p)
        }
        return ([Column("TASK", .fixed(16)), Column("TRUTH", .fixed(8)), Column("DESCRIPTION", .flex(min: 20)), Column("PATH", .flex(min: 10))], rows)
    }
}
