import Foundation
import Snapshot

/// A ground-truth group compiled for matching, with an explanation of every accepted match.
struct GroupMatcher: Sendable {
    let group: GroundTruth.Group
    /// Anchored, case-insensitive patterns (nil entries: the filter was not a valid regex).
    private let patterns: [(source: String, regex: BudgetRegex?, glob: BudgetRegex?)]
    /// For a filter that is not a valid regex: the name the group id carries, matched exactly instead (never "anything").
    private let fallbackName: String?

    static let workloadKinds: Set<String> = ["Pod", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Service"]

    init(_ g: GroundTruth.Group) {
        group = g
        // A filter that is not a regex, or one that could backtrack without limit, is not run (rule 6).
        patterns = g.filter.map { f in
            (f, GroundTruth.isUsableFilter(f) ? try? BudgetRegex("^(?:\(f))$", ignoreCase: true) : nil, Self.globReading(f))
        }
        fallbackName = patterns.contains { $0.regex == nil } ? GroundTruth.nameCarried(byGroupID: g.id, kind: g.kind) : nil
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
                if lenient, let why = scheduleRelation(e, kind: k) { return why }
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
            for (src, rx, glob) in patterns {
                if let rx {
                    if Self.full(rx, n) { return "filter '\(src)' matches '\(n)' (anchored)\(how)\(kindNote)" }
                    if lenient, let glob, Self.full(glob, n) {
                        return "filter '\(src)' read as a glob ('*' for any text) matches '\(n)'\(how)\(kindNote)"
                    }
                    if lenient, let stem = Self.ownedStem(src), stem.lowercased() == n {
                        return "filter '\(src)' names objects owned by '\(n)' (suffix relaxation)\(how)\(kindNote)"
                    }
                    if lenient, let relaxed = Self.serviceSuffixRelaxed(src), Self.full(relaxed, n) {
                        return "filter '\(src)' uses the architecture name of '\(n)' ('-service' naming)\(how)\(kindNote)"
                    }
                } else if let fallbackName, fallbackName == n {
                    return "filter '\(src)' is not a usable regex (see the ground truth's warnings); matched the name '\(fallbackName)' carried by group id '\(group.id)' instead\(how)\(kindNote)"
                }
            }
        }
        return nil
    }

    static let experimentKinds = Kind.chaosExperiments

    /// Lenient: a Chaos Mesh `Schedule` and the experiment it creates name one root cause (v1 files name the experiment,
    /// v2 files its Schedule). They are related when the experiment's name is the Schedule's, or the Schedule's with
    /// a prefix (`otel-demo-valkey-memory-stress` ← `valkey-memory-stress`), or when a wildcard filter's literal is a
    /// whole dash-separated part of the Schedule's name (`.*product-catalog` ← `product-catalog-network-delay`).
    func scheduleRelation(_ e: EntityRef, kind: String) -> String? {
        let n = e.name.lowercased()
        if kind == "Schedule", Self.experimentKinds.contains(group.kind) {
            let names = group.name.map { [$0.lowercased()] } ?? []
            for exact in names where Self.spawned(experiment: exact, by: n) {
                return "Schedule '\(n)' creates the \(group.kind) '\(exact)' (Schedule ↔ experiment, lenient)"
            }
            for (src, rx, _) in patterns {
                if let rx, Self.full(rx, n) { return "Schedule '\(n)' matches the \(group.kind) filter '\(src)' (Schedule ↔ experiment, lenient)" }
                var lit = src
                var wild = false
                for w in [".*", ".+"] where lit.hasPrefix(w) { lit.removeFirst(w.count); wild = true }
                for end in ["\\b", "$"] where lit.hasSuffix(end) { lit.removeLast(end.count) }
                guard !lit.contains(where: { "\\[](){}|*+?^$.".contains($0) }) else { continue }
                let l = lit.lowercased()
                let stems = [l] + (l.hasSuffix("service") && l.count > 7 ? [String(l.dropLast(l.hasSuffix("-service") ? 8 : 7))] : [])
                if Self.spawned(experiment: l, by: n) || wild && stems.contains(where: { Self.isPart($0, of: n) }) {
                    return "Schedule '\(n)' creates the \(group.kind) named by filter '\(src)' (Schedule ↔ experiment, lenient)"
                }
            }
        }
        if Self.experimentKinds.contains(kind), group.kind == "Schedule", let s = group.name?.lowercased(), Self.spawned(experiment: n, by: s) {
            return "\(kind) '\(n)' is the experiment created by Schedule '\(s)' (Schedule ↔ experiment, lenient)"
        }
        return nil
    }

    static func spawned(experiment c: String, by schedule: String) -> Bool {
        c == schedule || c.hasSuffix("-" + schedule) || c.hasPrefix(schedule + "-")
    }

    /// `part` is one or more whole dash-separated parts of `name`.
    static func isPart(_ part: String, of name: String) -> Bool {
        guard !part.isEmpty else { return false }
        return ("-" + name + "-").contains("-" + part + "-")
    }

    static func full(_ rx: BudgetRegex, _ s: String) -> Bool { rx.firstMatch(in: s) }

    /// Lenient, rule 13: a filter written as a glob (`productpage-v1-*`, `reviews-v*`: a literal name then `*`, in
    /// scenario 50) also matches as the glob it was meant as. As a regex it means "then any number of dashes" (or
    /// `v`s) and matches no pod or version of the name. Nil for a filter that is a regex in any other way.
    static func globReading(_ f: String) -> BudgetRegex? {
        guard f.hasSuffix("*"), f.count > 1 else { return nil }
        let stem = f.dropLast()
        guard !stem.contains(where: { "\\[](){}|*+?^$.".contains($0) }) else { return nil }
        return try? BudgetRegex("^(?:\(stem).*)$", ignoreCase: true)
    }

    /// `checkout-.*` / `checkout-.+` → `checkout`.
    static func ownedStem(_ f: String) -> String? {
        for suffix in ["-.*", "-.+"] where f.hasSuffix(suffix) && f.count > suffix.count {
            let stem = String(f.dropLast(suffix.count))
            return stem.contains(where: { "\\[](){}|*+?^$".contains($0) }) ? nil : stem
        }
        return nil
    }

    /// `.*adservice` → `ad` as the whole name or its last dash-separated part (`jvm-return-otel-demo-ad`, never
    /// `cart-load`); `ad-service\b` → `ad` (architecture files name services `<name>-service`), as an anchored regex;
    /// nil when the pattern has no such suffix.
    static func serviceSuffixRelaxed(_ f: String) -> BudgetRegex? {
        var s = f
        for end in ["\\b", "$"] where s.hasSuffix(end) { s.removeLast(end.count) }
        for suffix in ["-service", "service"] where s.hasSuffix(suffix) && s.count > suffix.count {
            var stem = String(s.dropLast(suffix.count))
            guard !stem.hasSuffix("*"), !stem.hasSuffix("-") else { return nil }
            // A leading wildcard may only stand for whole leading parts: the stem must be a whole name part.
            for wild in [".*", ".+"] where stem.hasPrefix(wild) { stem = "(?:.*[-_.])?" + stem.dropFirst(wild.count) }
            guard GroundTruth.isUsableFilter(stem) else { return nil }
            return try? BudgetRegex("^(?:\(stem))$", ignoreCase: true)
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
}
