/// Kubernetes label selectors: plain maps (Service `spec.selector`) and `{matchLabels, matchExpressions}`.
struct LabelSelector {
    var matchLabels: [String: String] = [:]
    var expressions: [(key: String, op: String, values: [String])] = []

    /// nil when the JSON value is not a selector at all.
    init?(_ any: Any?, plain: Bool = false) {
        guard let d = any as? [String: Any] else { return nil }
        if plain {
            matchLabels = d.compactMapValues { $0 as? String }
            return
        }
        matchLabels = (d["matchLabels"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
        for e in (d["matchExpressions"] as? [[String: Any]]) ?? [] {
            guard let k = e["key"] as? String, let op = e["operator"] as? String else { continue }
            expressions.append((k, op, (e["values"] as? [String]) ?? []))
        }
        // A chaos selector's `labelSelectors` is a plain map.
        if let ls = d["labelSelectors"] as? [String: Any] {
            for (k, v) in ls { if let s = v as? String { matchLabels[k] = s } }
        }
    }

    var isEmpty: Bool { matchLabels.isEmpty && expressions.isEmpty }

    func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        for e in expressions {
            let v = labels[e.key]
            switch e.op {
            case "In": if v == nil || !e.values.contains(v!) { return false }
            case "NotIn": if let v, e.values.contains(v) { return false }
            case "Exists": if v == nil { return false }
            case "DoesNotExist": if v != nil { return false }
            default: return false
            }
        }
        return true
    }
}
