import Foundation
import Snapshot

/// How two entities connect (`:path A B`): the chain of relations from one to the other, calls and errors on each.
final class PathPage: PageController {
    /// "FROM TO".
    let pair: String
    init(_ pair: String) { self.pair = pair }

    var title: String { "Path \(pair.replacingOccurrences(of: " ", with: " → "))" }
    var help: String { "Path: the shortest chain of relations between two entities. Enter opens an entity." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        let words = pair.split(separator: " ").map(String.init)
        guard words.count == 2, let a = try? s.entity(words[0]), let b = try? s.entity(words[1]) else { return errorTable("no path \(pair)") }
        guard let chain = s.path(from: a, to: b) else {
            return (TreePage.columns, [Row(["\(a) and \(b) are not connected in this snapshot", "", "", ""], role: .warn)])
        }
        let rows = chain.map { n in
            Row([String(repeating: "  ", count: n.depth) + (n.depth == 0 ? "● " : "└─ ") + n.entity.description, n.via?.rawValue ?? "",
                 n.calls.map(Format.count) ?? "", (n.errors ?? 0) > 0 ? "✘ " + Format.count(n.errors!) : ""],
                role: (n.errors ?? 0) > 0 ? .bad : .normal, entity: n.entity.description)
        }
        return (TreePage.columns, rows + [Row(["\(chain.count - 1) step(s)", "", "", ""], role: .dim)])
    }

    /// `:path FROM TO`, or `:path TO` from the entity in focus.
    static func command(_ arg: String, _ app: AppState) {
        let words = arg.split(separator: " ").map(String.init)
        let pair: [String]
        if words.count == 2 { pair = words } else if words.count == 1, let f = app.focusedEntity() { pair = [f, words[0]] } else {
            app.message = ":path FROM TO (or :path TO from the entity in focus)"; return
        }
        do { app.go(.path("\(try app.snapshot.entity(pair[0]).description) \(try app.snapshot.entity(pair[1]).description)")) } catch { app.message = "\(error)" }
    }
}
