import Foundation
import Snapshot

/// A ground-truth group compiled for matching, with an explanation of every accepted match.
struct GroupMatcher: Sendable {
    let group: GroundTruth.Group
    /// Anchored, case-insensitive patterns (nil entries: the filter was not a valid regex).
    private let patterns: [(source: String, regex: NSRegularExpression?)]
    /// Notes about the group itself (e.g. an invalid regex read as a glob).
    let notes: [String]

    static let workloadKinds: Set<String> = ["Pod", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Service"]

    init(_ g: GroundTruth.Group) {
        group = g
        var notes: [String] = []
        patterns = g.filter.map { f in
            if let r = try? NSRegularExpression(pattern: "^(?:\(f))$", options: [.caseInsensitive]) { return (f, r) }
            notes.append("filter '\(f)' is not a valid regex; read as a glob")
            return (f, nil)
        }
        self.notes = notes
    }

    /// Why `entity` matches this group under `profile`, or nil.
    func match(_ e: EntityRef, profile: MatchProfile) -> String? {
        let lenient = profile == .lenient
        // Rule 7: namespaces compare when both sides have one.
        if let gns = group.namespace?.lowercased(), let ens = e.namespace?.lowercased(), gns != ens, group.kind != "Namespace" { return nil }
        // Kinds through kubectl aliases; workload equivalence in the lenient profile.
        var kindNote = ""
        if let k = e.kind {
            if k != group.kind {
                guard lenient, Self.workloadKinds.contains(k), Self.workloadKinds.contains(group.kind) else { return nil }
                kindNote = " (workload equivalence: \(k) for a \(group.kind) group)"
            }
        }
        let name = e.name.lowercased()
        var candidates = [(name, "")]
        if lenient, e.kind == "Pod" || e.kind == "ReplicaSet" || e.kind == nil {
            for w in Self.workloadNames(of: name) where w != name { candidates.append((w, " (pod name reduced to its workload '\(w)')")) }
        }
        for (n, how) in candidates {
            if let exact = group.name {
                if exact.lowercased() == n { return "name '\(exact)' matches exactly\(how)\(kindNote)" }
                if group.kind == "Namespace", e.kind == "Namespace" || e.kind == nil, n == exact.lowercased() { return "namespace \(exact)" }
                continue
            }
            for (src, rx) in patterns {
                if let rx {
                    if Self.full(rx, n) { return "filter '\(src)' matches '\(n)' (anchored)\(how)\(kindNote)" }
                    if lenient, let stem = Self.ownedStem(src), stem.lowercased() == n {
                        return "filter '\(src)' names objects owned by '\(n)' (suffix relaxation)\(how)\(kindNote)"
                    }
                    if lenient, let relaxed = Self.serviceSuffixRelaxed(src), Self.full(relaxed, n) {
                        return "filter '\(src)' uses the architecture name of '\(n)' ('-service' naming)\(how)\(kindNote)"
                    }
                } else if Self.globMatch(src, name: n, namespace: e.namespace) {
                    return "filter '\(src)' is not a valid regex; read as the glob <namespace>.<name>, it matches\(how)\(kindNote)"
                }
            }
        }
        return nil
    }

    static func full(_ rx: NSRegularExpression, _ s: String) -> Bool {
        rx.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// `checkout-.*` / `checkout-.+` → `checkout`.
    static func ownedStem(_ f: String) -> String? {
        for suffix in ["-.*", "-.+"] where f.hasSuffix(suffix) && f.count > suffix.count {
            let stem = String(f.dropLast(suffix.count))
            return stem.contains(where: { "\\[](){}|*+?^$".contains($0) }) ? nil : stem
        }
        return nil
    }

    /// `.*adservice` → `.*ad`, `ad-service\b` → `ad` (architecture files name services `<name>-service`), as an
    /// anchored regex; nil when the pattern has no such suffix.
    static func serviceSuffixRelaxed(_ f: String) -> NSRegularExpression? {
        var s = f
        for end in ["\\b", "$"] where s.hasSuffix(end) { s.removeLast(end.count) }
        for suffix in ["-service", "service"] where s.hasSuffix(suffix) && s.count > suffix.count {
            let stem = String(s.dropLast(suffix.count))
            guard !stem.hasSuffix("*"), !stem.hasSuffix("-") else { return nil }
            return try? NSRegularExpression(pattern: "^(?:\(stem))$", options: [.caseInsensitive])
        }
        return nil
    }

    /// `cart-755465879b-rh5r4` → [`cart-755465879b`, `cart`]; `redis-0` → [`redis`].
    static func workloadNames(of pod: String) -> [String] {
        var parts = pod.split(separator: "-").map(String.init)
        var out: [String] = []
        guard parts.count >= 2 else { return [] }
        let last = parts.removeLast()
        if Int(last) != nil { return [parts.joined(separator: "-")] }
        out.append(parts.joined(separator: "-"))
        if parts.count >= 2 { parts.removeLast(); out.append(parts.joined(separator: "-")) }
        return out
    }

    /// An invalid regex such as `*.*` read as `<namespace-glob>.<name-glob>` when it has that shape, else a name glob.
    static func globMatch(_ pattern: String, name: String, namespace: String?) -> Bool {
        func glob(_ g: String, _ s: String) -> Bool {
            let escaped = NSRegularExpression.escapedPattern(for: g).replacingOccurrences(of: "\\*", with: ".*").replacingOccurrences(of: "\\?", with: ".")
            return (try? NSRegularExpression(pattern: "^\(escaped)$", options: [.caseInsensitive])).map { full($0, s) } ?? false
        }
        let parts = pattern.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) {
            return glob(parts[0], namespace ?? "") && glob(parts[1], name) || (namespace == nil && glob(parts[1], name))
        }
        return glob(pattern, name)
    }
}
