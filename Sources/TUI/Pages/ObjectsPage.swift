import Foundation
import Snapshot

/// The Objects view: every Kubernetes object with a manifest, those changed or created during the recording first.
final class ObjectsPage: PageController {
    var title: String { ViewID.objects.title }
    var help: String { "Objects: manifests, changed or new ones first. Enter shows the manifest and its diff." }

    func open(_ row: Row, _ app: AppState) { if let k = row.key { app.go(.object(k)) } }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        let changed = Dictionary(uniqueKeysWithValues: s.changedObjects().map { ($0.entity, $0.firstChange) })
        let start = s.windows.recording?.start ?? 0
        let objs = s.objects().filter { !app.hideNoise || !Noise.isBackground($0.entity) }
        let rows = objs.map { o -> (Int, Row) in
            let appeared = o.firstSeen > start + 120_000_000_000
            let note = changed[o.entity].map { "changed \(AppState.t($0))" } ?? (appeared ? "appeared \(AppState.t(o.firstSeen))" : "")
            return (note.isEmpty ? 1 : 0, Row([o.entity.description, "\(o.observations)", "\(o.versions)", note],
                                              role: note.isEmpty ? .normal : .warn, entity: o.entity.description, key: o.entity.description))
        }.sorted { $0.0 < $1.0 }.map(\.1)
        return ([Column("OBJECT", .flex(min: 20)), Column("OBS", .fixed(4), right: true), Column("VER", .fixed(4), right: true), Column("CHANGE", .fixed(18))], rows)
    }
}
