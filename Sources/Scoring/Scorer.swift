import Foundation
import Snapshot

/// Scores submissions against a ground truth with recall-gated precision, explaining every verdict.
public struct Scorer: Sendable {
    public let truth: GroundTruth
    public let options: ScoringOptions
    let matchers: [String: GroupMatcher]
    /// Root-cause classes: each root group merged with every group in its alias sets; classes sharing a group merge.
    public let classes: [[String]]

    public init(truth: GroundTruth, options: ScoringOptions = ScoringOptions()) {
        self.truth = truth
        self.options = options
        var m: [String: GroupMatcher] = [:]
        for g in truth.groups { m[g.id] = GroupMatcher(g) }
        matchers = m
        var classes: [Set<String>] = []
        // Root groups naming the very same object (v2 files can list an entity twice) are one root cause.
        func sameObject(_ a: GroundTruth.Group, _ b: GroundTruth.Group) -> Bool {
            a.name != nil && a.name?.lowercased() == b.name?.lowercased() && a.kind == b.kind && a.namespace?.lowercased() == b.namespace?.lowercased()
        }
        for root in truth.rootCauseGroups {
            var c: Set<String> = [root.id]
            for other in truth.rootCauseGroups where other.id != root.id && sameObject(root, other) { c.insert(other.id) }
            for a in truth.aliases where a.contains(root.id) { c.formUnion(a.filter { m[$0] != nil }) }
            if let i = classes.firstIndex(where: { !$0.isDisjoint(with: c) }) { classes[i].formUnion(c) } else { classes.append(c) }
        }
        // Keep the root group first in each class for naming.
        self.classes = classes.map { c in
            let roots = truth.rootCauseGroups.map(\.id).filter { c.contains($0) }
            return roots + c.subtracting(roots).sorted()
        }
    }

    func className(_ i: Int) -> String { classes[i].filter { id in truth.group(id)?.rootCause == true }.joined(separator: "+") }

    static func describe(_ g: GroundTruth.Group) -> String {
        var who = g.name.map { "'\($0)'" } ?? "name ~ " + g.filter.map { "/\($0)/" }.joined(separator: " or ")
        if g.name == nil, g.filter.contains(where: { !GroundTruth.isUsableFilter($0) }) {
            who = GroundTruth.nameCarried(byGroupID: g.id, kind: g.kind).map { "'\($0)' (the name its id carries; its filter is not a valid regex)" }
                ?? "(nothing: its filter is not a valid regex)"
        }
        return "\(g.kind) \(who)\(g.namespace.map { " in \($0)" } ?? "") (group \(g.id))"
    }

    /// Scores one submission. With a snapshot, entities it does not contain are reported as such.
    public func score(_ submission: Submission, snapshot: Snapshot? = nil) -> ScoreReport {
        score(entities: submission.entities, snapshot: snapshot)
    }

    public func score(entities: [String], snapshot: Snapshot? = nil) -> ScoreReport {
        let ibm = options.profile == .ibm
        var verdicts: [ScoreReport.Verdict] = []
        var refs: [(index: Int, ref: EntityRef)] = []
        var seen: [String: Int] = [:]
        for raw in entities {
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let ref = EntityRef.parse(trimmed) else {
                verdicts.append(.init(entity: raw, normalized: trimmed, verdict: .falsePositive, rootCause: nil,
                                      explanation: "unknown entity: not of the form namespace/Kind/name, Kind/name or namespace/name"))
                continue
            }
            let norm = [ref.namespace?.lowercased(), ref.kind, ref.name.lowercased()].compactMap { $0 }.joined(separator: "/")
            // IBM's evaluator scores every prediction, repeated ones included.
            if !ibm, let first = seen[norm] {
                verdicts.append(.init(entity: raw, normalized: norm, verdict: .duplicate, rootCause: nil,
                                      explanation: "duplicate of '\(verdicts[first].entity)' after normalisation; counted once"))
                continue
            }
            seen[norm] = verdicts.count
            if options.excludeInfrastructure || ibm, let ns = Self.excludedNamespace(raw: trimmed, ref: ref, ibm: ibm) {
                verdicts.append(.init(entity: raw, normalized: norm, verdict: .excluded, rootCause: nil,
                                      explanation: "in benchmark-infrastructure namespace '\(ns)': dropped before scoring (\(ibm ? "IBM's evaluator" : "--exclude-infra"))"))
                continue
            }
            refs.append((verdicts.count, ref))
            verdicts.append(.init(entity: raw, normalized: norm, verdict: .falsePositive, rootCause: nil, explanation: ""))
        }
        // Which classes each entity can stand for, and by which rule.
        var blocked: [Int: String] = [:]   // entity → the non-root group that claims it (workload equivalence refused)
        var options_: [[(cls: Int, why: String)]] = []
        for (e, (_, ref)) in refs.enumerated() {
            var opts: [(Int, String)] = []
            for (ci, members) in classes.enumerated() {
                for gid in members {
                    guard let m = matchers[gid], let why = m.match(ref, profile: options.profile) else { continue }
                    // The ground truth's own non-root group for this very kind wins over workload equivalence
                    // (scenario 105: the product-catalog Service is a symptom, not the root Deployment).
                    if let k = ref.kind, k != m.group.kind, let own = ownGroup(for: ref, kind: k, outside: Set(members)) {
                        blocked[e] = own.id
                        continue
                    }
                    let via = truth.group(gid)?.rootCause == true ? "" : " via alias group \(gid)"
                    opts.append((ci, why + via))
                    break
                }
            }
            options_.append(opts)
        }
        var owner = [Int?](repeating: nil, count: classes.count)
        var hit = [Int?](repeating: nil, count: refs.count)   // entity → class it counts for
        if ibm {
            // Every prediction that matches a root (or an alias of one) is correct.
            for e in refs.indices { if let c = options_[e].first?.cls { hit[e] = c; if owner[c] == nil { owner[c] = e } } }
        } else {
            // Maximum matching of entities to classes (each class counts once; Kuhn's augmenting paths).
            func augment(_ e: Int, _ visited: inout Set<Int>) -> Bool {
                for (c, _) in options_[e] where visited.insert(c).inserted {
                    if owner[c] == nil || augment(owner[c]!, &visited) { owner[c] = e; return true }
                }
                return false
            }
            for e in refs.indices { var v = Set<Int>(); _ = augment(e, &v) }
            for (c, e) in owner.enumerated() { if let e { hit[e] = c } }
        }
        var tp = 0, fp = 0
        for (e, (vi, ref)) in refs.enumerated() {
            if let c = hit[e] {
                tp += 1
                verdicts[vi].verdict = .truePositive
                verdicts[vi].rootCause = className(c)
                verdicts[vi].explanation = options_[e].first { $0.cls == c }!.why
                continue
            }
            fp += 1
            if let (c, _) = options_[e].first {
                let by = owner[c].map { verdicts[refs[$0].index].entity } ?? "another entity"
                verdicts[vi].rootCause = className(c)
                verdicts[vi].explanation = "alias already counted: root cause \(className(c)) was already matched by '\(by)'"
            } else {
                verdicts[vi].explanation = falsePositiveReason(ref, snapshot: snapshot)
                if let g = blocked[e] {
                    verdicts[vi].explanation += "; the ground truth has its own group \(g) for this \(ref.kind ?? "entity"), so workload equivalence with the root does not apply"
                }
            }
        }
        let matched = owner.compactMap { $0 }.count
        let missed = classes.indices.filter { owner[$0] == nil }.map { c in
            ScoreReport.Missed(rootCause: className(c), acceptedAs: classes[c].compactMap { truth.group($0).map(Self.describe) })
        }
        let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        // IBM divides by its count of root-cause entities; we by root-cause classes (same objects named twice are one).
        let denominator = ibm ? truth.rootCauseGroups.count : classes.count
        let found = ibm ? Set(classes.indices.filter { owner[$0] != nil }.flatMap { c in classes[c].filter { truth.group($0)?.rootCause == true } }).count : matched
        let recall = denominator == 0 ? 0 : Double(found) / Double(denominator)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        var notes = truth.warnings
        switch options.profile {
        case .strict: notes.append("strict profile: no suffix relaxation, no workload equivalence, no Schedule ↔ experiment")
        case .ibm: notes.append("ibm profile: IBM's evaluator (strict matching, every alias hit correct, infrastructure namespaces dropped); its headline is F1")
        case .lenient: break
        }
        return ScoreReport(score: missed.isEmpty && tp > 0 ? precision : 0, precision: precision, recall: recall, f1: f1,
                           truePositives: tp, falsePositives: fp, rootCauseClasses: classes.count, matchedClasses: matched,
                           profile: options.profile, verdicts: verdicts, missed: missed, notes: notes,
                           truth: .init(file: truth.source, version: truth.version, disagreement: nil))
    }

    /// A non-root group outside `outside` that names this entity with its own kind (same kind, so no equivalence).
    func ownGroup(for ref: EntityRef, kind: String, outside: Set<String>) -> GroundTruth.Group? {
        truth.groups.first { g in
            !g.rootCause && g.kind == kind && !outside.contains(g.id) && matchers[g.id]?.match(ref, profile: options.profile) != nil
        }
    }

    /// The infrastructure namespace an entity is in, if any. IBM's evaluator takes the first `/`-separated part of
    /// the string as the namespace whenever there are two or more parts, as `namespace_filter.extract_namespace` does.
    static func excludedNamespace(raw: String, ref: EntityRef, ibm: Bool) -> String? {
        let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
        let ns = ibm ? (parts.count >= 2 ? String(parts[0]) : nil) : ref.namespace?.lowercased()
        guard let ns, ScoringOptions.infrastructureNamespaces.contains(ibm ? ns : ns.lowercased()) else { return nil }
        return ns
    }

    /// Why an entity that matches no root-cause class is wrong.
    func falsePositiveReason(_ ref: EntityRef, snapshot: Snapshot?) -> String {
        // A symptom: a non-root group, preferably one on the propagation path.
        let onPath = Set(truth.propagations.flatMap { [$0.source, $0.target] })
        // The group of the entity's own kind first (a Service is its Service group, not a Pod group by equivalence).
        let hits = truth.groups.filter { !$0.rootCause }.compactMap { g in matchers[g.id]?.match(ref, profile: options.profile).map { (g, $0) } }
            .sorted { ($0.0.kind == ref.kind ? 0 : 1) < ($1.0.kind == ref.kind ? 0 : 1) }
        if let (g, _) = hits.first(where: { $0.0.kind == ref.kind && onPath.contains($0.0.id) }) ?? hits.first(where: { onPath.contains($0.0.id) }) ?? hits.first {
            let from = truth.propagations.first { $0.target == g.id }
            let path = from.map { " (propagated from \($0.source): \($0.effect.isEmpty ? $0.condition : $0.effect))" } ?? ""
            return onPath.contains(g.id) ? "symptom on the propagation path: matches \(Self.describe(g))\(path)"
                : "matches \(Self.describe(g)), which is not a root cause"
        }
        if Kind.isChaosInfrastructure(namespace: ref.namespace?.lowercased(), name: ref.name) {
            return "Chaos Mesh infrastructure (the controller or daemon that runs experiments), not a root cause; the experiment object is"
        }
        if let k = ref.kind, Kind.chaos.contains(k) {
            let roots = truth.rootCauseGroups.filter { Kind.chaos.contains($0.kind) }
            if k == "Schedule" || roots.contains(where: { $0.kind == "Schedule" }), !roots.isEmpty, options.profile != .lenient {
                return "a Chaos Mesh \(k) that matches no root group literally; a Schedule and the experiment it creates count for each other only in the lenient profile"
            }
            return "a Chaos Mesh experiment that matches no root-cause group: not the experiment that caused this incident"
        }
        if let s = snapshot {
            let r = s.resolve(ref.description)
            if r.matches.isEmpty {
                let hint = r.suggestions.isEmpty ? "" : "; near names: " + r.suggestions.prefix(3).map(\.description).joined(separator: ", ")
                return "not in the snapshot\(hint)"
            }
        }
        return "unrelated: matches no ground-truth group"
    }
}
