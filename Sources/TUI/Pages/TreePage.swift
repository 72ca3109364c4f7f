import Foundation
import Snapshot

/// An entity's blast radius (`:tree [ENTITY]`): what depends on it above, what it depends on below, with calls and
/// errors on each edge.
final class TreePage: PageController {
    let entity: String
    init(_ entity: String) { self.entity = entity }

    static let columns = [Column("ENTITY", .flex(min: 24)), Column("RELATION", .fixed(10)), Column("CALLS", .fixed(9), right: true),
                          Column("ERRORS", .fixed(9), right: true)]

    var title: String { "Blast radius \(entity)" }
    var help: String { "Blast radius: upstream (what depends on the entity) and downstream (what it depends on), errors on edges. Enter opens an entity." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        guard let id = try? s.entity(entity) else { return errorTable("no entity \(entity)") }
        let up = s.upstream(id), down = s.downstream(id)
        var rows = [Row(["▲ upstream: what depends on \(id.name)", "", "", ""], role: .header)]
        rows += up.isEmpty ? [Row(["  nothing depends on it in this snapshot", "", "", ""], role: .dim)] : Self.lines(up, arrow: "←")
        rows.append(Row(["● \(id)", "", "", ""], role: .accent, entity: id.description))
        rows.append(Row(["▼ downstream: what \(id.name) depends on", "", "", ""], role: .header))
        rows += down.isEmpty ? [Row(["  it depends on nothing in this snapshot", "", "", ""], role: .dim)] : Self.lines(down, arrow: "→")
        let hit = (up + down).filter { ($0.errors ?? 0) > 0 }.count
        rows.append(Row(["\(up.count) upstream, \(down.count) downstream, \(hit) edge(s) with errors", "", "", ""], role: .dim))
        return (Self.columns, rows)
    }

    /// Depth-first nodes as a tree: `├─`, `└─` and `│` from the depths.
    static func lines(_ nodes: [TopologyNode], arrow: String) -> [Row] {
        nodes.enumerated().map { i, n in
            var prefix = "  "
            for d in 1..<max(1, n.depth) { prefix += hasLaterSibling(nodes, after: i, depth: d) ? "│ " : "  " }
            let last = !hasLaterSibling(nodes, after: i, depth: n.depth)
            let errors = n.errors ?? 0
            return Row([prefix + (last ? "└─" : "├─") + arrow + " " + n.entity.description, n.via?.rawValue ?? "",
                        n.calls.map(Format.count) ?? "", errors > 0 ? "✘ " + Format.count(errors) : ""],
                       role: errors > 0 ? .bad : n.entity.kind.hasSuffix("Chaos") ? .warn : .normal, entity: n.entity.description)
        }
    }

    /// Whether a node at `depth` follows position `i` before the walk climbs above `depth`.
    static func hasLaterSibling(_ nodes: [TopologyNode], after i: Int, depth: Int) -> Bool {
        for n in nodes[(i + 1)...] { if n.depth < depth { return false }; if n.depth == depth { return true } }
        return false
    }

    /// `:tree` with no argument takes the entity in focus.
    static func command(_ arg: String, _ app: AppState) {
        let name = arg.isEmpty ? app.focusedEntity() : arg
        guard let name else { app.message = ":tree ENTITY (or focus a row that names one)"; return }
        do { app.go(.tree(try app.snapshot.entity(name).description)) } catch { app.message = "\(error)" }
    }
}
