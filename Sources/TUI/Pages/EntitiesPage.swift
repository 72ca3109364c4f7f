import Foundation
import Snapshot

/// The Entities view: every entity the snapshot names, where it was seen, and whether it is in the basket.
final class EntitiesPage: PageController {
    var title: String { ViewID.entities.title }
    var help: String { "Entities: everything the snapshot names. Enter opens an entity page; b adds it to the basket." }
    var sortNames: [String] { ["name", "kind"] }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        var ents = s.entities.filter { !app.hideNoise || !Noise.isBackground($0) }
        if app.sortIndex % 2 == 1 { ents.sort { ($0.kind, $0.name) < ($1.kind, $1.name) } }
        return ([Column("ENTITY", .flex(min: 20)), Column("SEEN IN", .flex(min: 10)), Column("BASKET", .fixed(6))],
                ents.map { e in Row([e.description, (s.graph.sources[e] ?? []).names.joined(separator: ","), app.basket.contains(e.description) ? "★" : ""],
                                    role: app.basket.contains(e.description) ? .accent : .normal, entity: e.description) })
    }
}
