import Foundation
import Snapshot

/// The Topology view: service calls with their error counts, then the configuration edges that matter in an
/// incident (uses, targets, scales, applies to, limits). `:tree` and `:path` open the tree views.
final class TopologyPage: PageController {
    var title: String { ViewID.topology.title }
    var help: String { "Topology: calls between services (errors in red) and configuration edges. :tree ENTITY shows a blast radius, :path A B a route." }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        var rows = s.callGraph().map { e in
            Row(["\(e.from.name) → \(e.to.name)", "calls", Format.count(e.calls ?? 0), (e.errors ?? 0) > 0 ? "✘ \(Format.count(e.errors!))" : ""],
                role: (e.errors ?? 0) > 0 ? .bad : .normal, entity: e.to.description)
        }
        let interesting: Set<EntityGraph.Relation> = [.uses, .targets, .scales, .appliesTo, .limits]
        rows += s.graph.edges.filter { interesting.contains($0.relation) && !Noise.isBackground($0.from) }
            .sorted { ($0.relation.rawValue, $0.from) < ($1.relation.rawValue, $1.from) }
            .map { e in Row(["\(e.from) → \(e.to)", e.relation.rawValue, "", ""], role: e.from.kind.hasSuffix("Chaos") || e.relation == .appliesTo ? .warn : .normal,
                            entity: e.from.description) }
        return ([Column("EDGE", .flex(min: 20)), Column("RELATION", .fixed(10)), Column("CALLS", .fixed(9), right: true), Column("ERRORS", .fixed(9))], rows)
    }
}
