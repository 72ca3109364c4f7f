import Foundation
import Snapshot

/// A Kubernetes object's manifest: each change as a diff, then the manifest as last observed.
final class ObjectPage: PageController {
    let object: String
    init(_ object: String) { self.object = object }

    var title: String { "Object \(object)" }
    var help: String { "Object: what changed in the manifest (diff), then the manifest as observed. w wraps long lines, ← → scroll." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        guard let id = try? s.entity(object), let m = s.manifest(of: id) else { return ([Column("OBJECT", .flex(min: 10))], [Row(["no manifest for \(object)"], role: .bad)]) }
        var rows: [Row] = []
        for c in s.changes(of: id) {
            rows.append(Row(["changed between \(AppState.t(c.from)) and \(AppState.t(c.to)):"], role: .header, entity: id.description))
            for l in c.diff { rows.append(Row([l], role: l.hasPrefix("+") ? .good : l.hasPrefix("-") ? .bad : l.hasPrefix("@@") ? .dim : .normal, entity: id.description)) }
        }
        rows.append(Row(["manifest at \(AppState.t(m.time)) (observation \(m.index + 1)):"], role: .header, entity: id.description))
        for l in (m.yaml ?? "").split(separator: "\n", omittingEmptySubsequences: false) { rows.append(Row([String(l)], entity: id.description)) }
        return ([Column("OBJECT \(id)", .flex(min: 10))], rows)
    }
}
