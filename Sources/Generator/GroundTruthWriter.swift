import Foundation

/// Writes the ground truth in the ITBench v1 flat schema (`metadata: {version: v1}`).
struct GroundTruthWriter {
    struct Group { var id: String; var kind: String; var namespace: String; var name: String?; var filter: [String]; var rootCause: Bool }
    struct Propagation { var source: String; var target: String; var condition: String; var effect: String }
    struct AlertRef { var id: String; var groupID: String; var description: String }
    struct Fault { var category: String; var condition: String; var kind: String; var name: String; var mechanism: String; var element: String?; var from: String?; var to: String? }

    var groups: [Group] = []
    var aliases: [[String]] = []
    var propagations: [Propagation] = []
    var alerts: [AlertRef] = []
    var faults: [Fault] = []
    var actions: [String] = []

    static func q(_ s: String) -> String {
        // Single-quoted YAML: backslashes are literal, quotes doubled; newlines need a double-quoted scalar.
        if s.contains("\n") {
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }

    func yaml() -> String {
        var y = "---\n"
        y += "alerts:\n"
        for a in alerts { y += "  - group_id: \(a.groupID)\n    id: \(a.id)\n    metadata:\n      description: \(Self.q(a.description))\n" }
        if !aliases.isEmpty {
            y += "aliases:\n"
            for a in aliases { y += "  - " + (a.enumerated().map { ($0.offset == 0 ? "- " : "    - ") + $0.element }.joined(separator: "\n")) + "\n" }
        }
        y += "fault:\n"
        for f in faults {
            y += "  - category: \(Self.q(f.category))\n"
            if let e = f.element { y += "    changed:\n      element: \(Self.q(e))\n      from: \(Self.q(f.from ?? ""))\n      to: \(Self.q(f.to ?? ""))\n" }
            y += "    condition: \(Self.q(f.condition))\n    entity:\n      kind: \(f.kind)\n      name: \(f.name)\n    fault_mechanism: \(Self.q(f.mechanism))\n"
        }
        y += "groups:\n"
        for g in groups {
            if g.filter.isEmpty { y += "  - id: \(g.id)\n" } else {
                y += "  - filter:\n" + g.filter.map { "      - \(Self.q($0))\n" }.joined() + "    id: \(g.id)\n"
            }
            y += "    kind: \(g.kind)\n"
            if let n = g.name { y += "    name: \(n)\n" }
            y += "    namespace: \(g.namespace)\n"
            if g.rootCause { y += "    root_cause: true\n" }
        }
        y += "metadata:\n  version: v1\n"
        y += "propagations:\n"
        for p in propagations {
            y += "  - condition: \(Self.q(p.condition))\n    effect: \(Self.q(p.effect))\n    source: \(p.source)\n    target: \(p.target)\n"
        }
        y += "recommended_actions:\n"
        for a in actions { y += "  - solution:\n      actions:\n        - \(Self.q(a))\n      id: \(Self.q(a))\n" }
        return y
    }
}
