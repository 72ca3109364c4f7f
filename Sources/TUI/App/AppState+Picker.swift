import Foundation
import Snapshot

/// The snapshot picker (`:open`): the shipped snapshots and those in any directory given; Enter switches to one.
extension AppState {
    /// Snapshot directories offered by the picker.
    func pickerPaths() -> [String] {
        var dirs: [String] = []
        if let shipped = SnapshotCatalog.shippedDirectory() { dirs.append(shipped) }
        dirs.append((snapshot.root as NSString).deletingLastPathComponent)
        if let extra = pickerDirectory { dirs.insert(extra, at: 0) }
        var seen = Set<String>(), out: [String] = []
        for d in dirs { for p in SnapshotCatalog.list(d) where seen.insert(URL(fileURLWithPath: p).standardizedFileURL.path).inserted { out.append(p) } }
        return out
    }

    func pickerRows() -> (cols: [Column], rows: [Row]) {
        let rows = pickerPaths().map { p in
            Row([(p as NSString).lastPathComponent, SnapshotCatalog.description(of: p) ?? "", p],
                role: URL(fileURLWithPath: p).standardizedFileURL.path == URL(fileURLWithPath: snapshot.root).standardizedFileURL.path ? .accent : .normal, key: p)
        }
        return ([Column("SNAPSHOT", .fixed(16)), Column("DESCRIPTION", .flex(min: 20)), Column("PATH", .flex(min: 10))], rows)
    }
}
