import Foundation
import Snapshot

/// The snapshot picker (`:open`): the shipped snapshots, those of a dataset given with `--pick`, and the current
/// snapshot's siblings, each once; Enter switches to one (the basket empties: it belongs to one incident).
final class PickerPage: PageController {
    var title: String { "Open snapshot" }
    var help: String { "Open snapshot: Enter switches to the selected snapshot or dataset task (labelled ones are scored on submit)." }

    func open(_ row: Row, _ app: AppState) { if let p = row.key { app.switchSnapshot(p) } }

    func table(_ app: AppState) -> PageTable {
        let current = URL(fileURLWithPath: app.snapshot.root).standardizedFileURL.path
        let rows = Self.tasks(app).map { t -> Row in
            let p = t.snapshot!
            return Row([t.name, t.truth == nil ? "" : "labelled", SnapshotCatalog.description(of: p) ?? "", p],
                       role: URL(fileURLWithPath: p).standardizedFileURL.path == current ? .accent : .normal, key: p)
        }
        return ([Column("TASK", .fixed(16)), Column("TRUTH", .fixed(8)), Column("DESCRIPTION", .flex(min: 20)), Column("PATH", .flex(min: 10))], rows)
    }

    /// Tasks with a snapshot offered by the picker: those of the dataset given (`--pick`, or the one opened), the
    /// shipped snapshots, and the current snapshot's siblings; each once.
    static func tasks(_ app: AppState) -> [DatasetTask] {
        var dirs: [String] = []
        if let extra = app.pickerDirectory { dirs.append(extra) }
        if let shipped = SnapshotCatalog.shippedDirectory() { dirs.append(shipped) }
        dirs.append(PathText.parent(app.snapshot.root))
        var seen = Set<String>(), out: [DatasetTask] = []
        for d in dirs {
            guard let dataset = try? TaskCatalog.open(d), dataset.layout != .snapshot else { continue }
            for t in dataset.snapshots where seen.insert(URL(fileURLWithPath: t.snapshot!).standardizedFileURL.path).inserted { out.append(t) }
        }
        return out
    }
}
