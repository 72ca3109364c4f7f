import Foundation
import Yams

/// YAML read into plain values (`[String: Any]`, `[Any]`, `String`) with a bound on the work: the document is
/// composed into a node tree, where an alias shares its anchor's storage, and converted under a node budget, so an
/// alias bomb (anchors of aliases of anchors, a billion nodes from a few lines) is refused at once instead of running
/// for minutes at gigabytes. Every scalar is a string, as with Yams' basic resolver.
enum BoundedYAML {
    struct TooLarge: Error, CustomStringConvertible {
        let budget: Int
        var description: String { "expands to more than \(budget) nodes (YAML aliases?): refused" }
    }

    /// Real ground truths have a few hundred nodes; the largest label-mode files a few tens of thousands.
    static let defaultBudget = 1_000_000

    static func load(_ text: String, budget: Int = defaultBudget) throws -> Any? {
        guard let node = try Yams.compose(yaml: text, .basic) else { return nil }
        var left = budget
        return try value(node, &left, budget)
    }

    private static func value(_ n: Node, _ left: inout Int, _ budget: Int) throws -> Any {
        left -= 1
        if left < 0 { throw TooLarge(budget: budget) }
        switch n {
        case .scalar(let s): return s.string
        case .sequence(let seq):
            var out: [Any] = []
            for x in seq { out.append(try value(x, &left, budget)) }
            return out
        case .mapping(let map):
            var out: [String: Any] = [:]
            for (k, v) in map { out[k.string ?? "\(k)"] = try value(v, &left, budget) }
            return out
        case .alias:
            return ""
        }
    }
}
