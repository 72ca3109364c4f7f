import Foundation
import Snapshot

/// The blast-radius tree of an entity (`:tree [ENTITY]`: what depends on it above, what it depends on below, calls and
/// errors on each edge) and the path between two entities (`:path A B`).
extension AppState {
    static let topologyColumns = [Column("ENTITY", .flex(min: 24)), Column("RELATION", .fixed(10)), Column("CALLS", .fixed(9), right: true),
                                  Column("ERRORS", .fixed(9), right: true)]

    /// `:tree` with no argument takes the entity in focus.
    func treeCommand(_ arg: String) {
        let name = arg.isEmpty ? focusedEntity() : arg
        guard let name else { message = ":tree ENTITY (or focus a row that names one)"; return }
        do { go(.tree(try snapshot.entity(name).description)) } catch { message = "\(error)" }
    }

    func pathCommand(_ arg: String) {
        let words = arg.split(separator: " ").map(String.init)
        let pair: [String]
        if words.count == 2 { pair = words } else if words.count == 1, let f = focusedEntity() { pair = [f, words[0]] } else {
            message = ":path FROM TO (or :path TO from the entity in focus)"; return
        }
        do { go(.path("\(try snapshot.entity(pair[0]).description) \(try snapshot.entity(pair[1]).description)")) } catch { message = "\(error)" }
    }

    func treeRows(_ raw: String) -> (cols: [Column], rows: [Row]) {
        guard let id = try? snapshot.entity(raw) else { return errorRows("no entity \(raw)") }
        let up = snapshot.upstream(id), down = snapshot.downstream(id)
        var rows = [Row(["▲ upstream: what depends on \(id.name)", "", "", ""], role: .header)]
        rows += up.isEmpty ? [Row(["  nothing depends on it in this snapshot", "", "", ""], role: .dim)] : Self.treeLines(up, arrow: "←")
        rows.append(Row(["● \(id)", "", "", ""], role: .accent, entity: id.description))
        rows.append(Row(["▼ downstream: what \(id.name) depends on", "", "", ""], role: .header))
        rows += down.isEmpty ? [Row(["  it depends on nothing in this snapshot", "", "", ""], role: .dim)] : Self.treeLines(down, arrow: "→")
        let hit = (up + down).filter { ($0.errors ?? 0) > 0 }.count
        rows.append(Row(["\(up.count) upstream, \(down.count) downstream, \(hit) edge(s) with errors", "", "", ""], role: .dim))
        return (Self.topologyColumns, rows)
    }

    /// Depth-first nodes as a tree: `├─`, `└─` and `│` from the depths.
    static func treeLines(_ nodes: [TopologyNode], arrow: String) -> [Row] {
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

    func pathRows(_ arg: String) -> (cols: [Column], rows: [Row]) {
        let words = arg.split(separator: " ").map(String.init)
        guard words.count == 2, let a = try? snapshot.entity(words[0]), let b = try? snapshot.entity(words[1]) else { return errorRows("no path \(arg)") }
        guard let chain = snapshot.path(from: a, to: b) else {
            return (Self.topologyColumns, [Row(["\(a) and \(b) are not connected in this snapshot", "", "", ""], role: .warn)])
        }
        let rows = chain.map { n in
            Row([String(repeating: "  ", count: n.depth) + (n.depth == 0 ? "● " : "└─ ") + n.entity.description, n.via?.rawValue ?? "",
                 n.calls.map(Format.count) ?? "", (n.errors ?? 0) > 0 ? "✘ " + Format.count(n.errors!) : ""],
                role: (n.errors ?? 0) > 0 ? .bad : .normal, entity: n.entity.description)
        }
        return (Self.topologyColumns, rows + [Row(["\(chain.count - 1) step(s)", "", "", ""], role: .dim)])
    }
}
