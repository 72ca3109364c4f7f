import Foundation

/// A candidate root cause, with the evidence that ranks it.
public struct Suspect: Sendable, Codable, Equatable {
    public var rank: Int
    public var entity: String
    public var score: Double
    public var evidence: [String]
}

extension Snapshot {
    /// Kinds whose changes are consequences of others (a rollout's ReplicaSet and pods, endpoints, leases).
    static let derivedKinds: Set<String> = ["Pod", "ReplicaSet", "Endpoints", "EndpointSlice", "Event", "Lease", "ControllerRevision", "Job",
                                            "PodMetrics", "Node"]
    /// Kinds that configure or constrain workloads: a change to one is a likely cause.
    static let causalKinds: Set<String> = ["NetworkPolicy", "ResourceQuota", "LimitRange", "ConfigMap", "Secret", "HorizontalPodAutoscaler",
                                           "Deployment", "StatefulSet", "DaemonSet", "Service", "PodDisruptionBudget"]

    /// A deterministic ranking of candidate root causes from the evidence the snapshot holds: objects that changed or
    /// appeared (Chaos Mesh experiments first, then what configures workloads), how close that was to the incident
    /// start and whether the object is linked to an entity that went bad; then the erroring services that call no
    /// erroring service (the upstream-most on the call graph) and the most anomalous metrics, as their workloads.
    /// A baseline to measure investigations against, not an answer: it is hidden in practice sessions.
    public func suspects(limit: Int = 10) -> [Suspect] {
        guard let rec = windows.recording else { return [] }
        let incident = windows.incident?.start
        var score: [EntityID: Double] = [:], evidence: [EntityID: [String]] = [:]
        func add(_ e: EntityID, _ s: Double, _ why: String) { score[e, default: 0] += s; evidence[e, default: []].append(why) }
        func workload(_ e: EntityID) -> EntityID {
            if e.kind == "Pod", let o = graph.owner(ofPod: e.name) { return workload(o) }
            if e.kind == "ReplicaSet", let d = graph.into(e).first(where: { $0.relation == .owns })?.from { return d }
            if e.kind == "Service", let d = graph.out(e).first(where: { $0.relation == .selects })?.to { return workload(d) }
            return e
        }

        // What went bad: services whose error rate rose, and objects with warning events after the incident start.
        var bad: [EntityID: String] = [:]
        let cmp = try? compare()
        var erroring: [String: (Double, Double)] = [:]
        for r in cmp?.rows ?? [] where r.measure == "error_rate" && r.after - r.before >= 0.05 {
            if let id = try? entity(r.entity) { bad[workload(id)] = "error rate \(Self.percent(r.before)) → \(Self.percent(r.after))"; erroring[id.name] = (r.before, r.after) }
        }
        for r in cmp?.rows ?? [] where r.measure == "spans_per_min" && r.before >= 1 && r.after < r.before * 0.2 {
            if let id = try? entity(r.entity) { bad[workload(id)] = bad[workload(id)] ?? "traffic fell from \(Int(r.before)) to \(Int(r.after)) spans/min" }
        }
        for e in events(EventFilter()) where e.isWarning && !Noise.isBackground(e.entity) && e.lastTime >= (incident ?? rec.start) {
            bad[workload(e.entity)] = bad[workload(e.entity)] ?? "\(e.reason) events"
        }

        // Objects that changed or appeared during the recording.
        var changes: [(EntityID, Nanos, String)] = changedObjects().map { ($0.entity, $0.firstChange, "changed") }
        let seen = Set(changes.map(\.0))
        for o in objects() where !seen.contains(o.entity) && o.firstSeen > rec.start + 120_000_000_000 { changes.append((o.entity, o.firstSeen, "appeared")) }
        let changedAt = Dictionary(changes.map { ($0.0, $0.1) }, uniquingKeysWith: min)
        for (e, t, how) in changes where !Self.derivedKinds.contains(e.kind) && !Noise.isBackground(e) {
            let chaos = e.kind.hasSuffix("Chaos") || e.kind == "Schedule"
            var s = how == "appeared" ? 3.5 : 3.0
            var why = ["\(how) at \(Timestamp.format(t, fraction: 0).suffix(8))"]
            if chaos { s += 2; why.append("a Chaos Mesh experiment") } else if Self.causalKinds.contains(e.kind) { s += 0.5 }
            // Objects are observed every few minutes, so a change shows at the first observation after it.
            if let i = incident {
                if t <= i + 5 * 60_000_000_000, t >= i - 15 * 60_000_000_000 { s += 1; why.append("around the incident start (\(Timestamp.format(i, fraction: 0).suffix(8)))") }
                else if t > i + 10 * 60_000_000_000 { s -= 1.5; why.append("well after the incident began") }
            }
            // A workload that changed with a ConfigMap or Secret it uses was most likely restarted by that change.
            if let cfg = graph.out(e).first(where: { $0.relation == .uses && changedAt[$0.to].map { abs($0 - t) <= 120_000_000_000 } == true })?.to {
                s -= 1.5; why.append("changed with \(cfg), which it uses")
            }
            let linked = (graph.out(e).map(\.to) + graph.into(e).map(\.from)).map(workload).first { bad[$0] != nil }
            if let l = linked { s += 1.5; why.append("linked to \(l) (\(bad[l]!))") } else if bad[workload(e)] != nil, workload(e) == e {
                s += 1.5; why.append(bad[e]!)
            }
            add(e, s, why.joined(separator: "; "))
        }

        // Erroring services that call no erroring service: where the errors start on the call graph.
        let calls = callGraph()
        for (service, (b, a)) in erroring {
            let callees = calls.filter { $0.from.name == service }.map(\.to.name)
            if callees.contains(where: { erroring[$0] != nil }) { continue }
            guard let id = graph.primaryEntity(forService: service) else { continue }
            add(workload(id), 1 + min(1, (a - b) * 2), "error rate \(Self.percent(b)) → \(Self.percent(a)), calling no erroring service")
        }
        // The most anomalous metrics.
        for m in metricAnomalies(limit: 5) where m.anomaly >= 10 && !Noise.isBackground(m.entity) {
            add(workload(m.entity), 0.5, "\(m.name) anomaly \(String(format: "%.0f", m.anomaly))")
        }
        let ranked = score.sorted { ($0.value, $1.key.description) > ($1.value, $0.key.description) }.prefix(limit)
        return ranked.enumerated().map { i, kv in Suspect(rank: i + 1, entity: kv.key.description, score: (kv.value * 100).rounded() / 100, evidence: evidence[kv.key] ?? []) }
    }

    static func percent(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
}
