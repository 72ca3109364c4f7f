import Snapshot

/// How much background noise an incident carries beyond the always-on alerts: none, what real snapshots show (a
/// red-herring change shortly before the fault, unrelated warnings), or more of each (`hard`).
public enum IncidentNoise: String, Sendable, CaseIterable { case none, real, hard }

/// Noise as real snapshots have it, played like a fault that is not one: workloads changed and rolled out shortly
/// before the incident (red herrings: none of them a root cause), and warnings unrelated to the fault.
struct NoiseModel: FaultModel {
    let level: IncidentNoise
    let herrings: [String]
    let herringAt: Nanos
    /// Workloads the noise leaves alone (the faults' own and their call paths).
    let avoid: Set<String>
    var label: String { "noise (\(level.rawValue))" }

    init(spec: ScenarioSpec) {
        level = spec.noise
        avoid = spec.noiseAvoids
        herrings = spec.herrings ?? Self.pick(spec: spec, avoid: spec.noiseAvoids)
        herringAt = max(spec.start + 45_000_000_000, spec.faultTime - 210_000_000_000)
    }

    /// One workload with `real` noise, two with `hard`, chosen by seed among those the faults do not touch.
    static func pick(spec: ScenarioSpec, avoid: Set<String>) -> [String] {
        guard spec.noise != .none else { return [] }
        let app = AppModel.current
        let fixed: Set<String> = [app.proxy, app.frontend, app.loadGenerator, "flagd", "kafka", "valkey-cart", "image-provider"]
        let candidates = app.services.map(\.name).filter { !avoid.contains($0) && !fixed.contains($0) }.sorted()
        guard !candidates.isEmpty else { return [] }
        let start = Int(spec.seed % UInt64(candidates.count))
        return (0..<min(spec.noise == .hard ? 2 : 1, candidates.count)).map { candidates[(start + $0) % candidates.count] }
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {}

    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {
        for h in herrings { roster.restart(h, at: herringAt, rng: &rng, oldLingers: 12_000_000_000) }
    }

    /// The herring's new template: more verbose logging and larger limits (a routine tuning change).
    func modify(_ m: inout [String: Any], kind: String, name: String, namespace: String?, at t: Nanos) {
        guard t >= herringAt, herrings.contains(where: { ClusterObjects.carriesTemplate(m, kind: kind, name: name, of: $0, since: herringAt) }) else { return }
        ClusterObjects.editPodSpec(&m) { spec in
            ClusterObjects.editContainer(&spec) { c in
                var env = c["env"] as? [[String: Any]] ?? []
                env.append(["name": "OTEL_LOG_LEVEL", "value": "debug"])
                c["env"] = env
                c["resources"] = ["limits": ["memory": "400Mi", "cpu": "750m"], "requests": ["memory": "200Mi", "cpu": "100m"]]
            }
        }
    }

    /// Warnings that have nothing to do with the fault: an image pull retry in an infrastructure namespace, a probe
    /// timeout on a healthy service, a DNS hiccup (more of each with `hard`).
    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        let hard = level == .hard
        let infra = roster.pods.filter { $0.namespace != AppModel.namespace }
        let app = roster.pods.filter { p in p.namespace == AppModel.namespace && p.end == nil && !avoid.contains(p.service) }
        guard let dns = infra.first(where: { $0.service == "coredns" }), let some = app.first else { return }
        w.repeating(from: spec.start + 95_000_000_000, to: spec.end, every: hard ? 90_000_000_000 : 240_000_000_000, "Unhealthy",
                    "Readiness probe failed: HTTP probe failed with statuscode: 503",
                    kind: "Pod", name: dns.name, namespace: dns.namespace, component: "kubelet")
        w.event(spec.faultTime - 420_000_000_000, "Warning", "DNSConfigForming", "Search Line limits were exceeded, some search paths have been omitted, the applied search line is: \(AppModel.namespace).svc.cluster.local svc.cluster.local cluster.local ec2.internal",
                kind: "Pod", name: some.name, namespace: some.namespace, component: "kubelet")
        if hard {
            for p in app.prefix(4) {
                w.event(spec.faultTime - Int64(p.name.count) * 9_000_000_000, "Warning", "Unhealthy", "Readiness probe failed: Get \"http://\(p.ip):\(AppModel.service(p.service).port)/\": context deadline exceeded",
                        kind: "Pod", name: p.name, namespace: p.namespace, component: "kubelet")
            }
            if let rec = infra.first(where: { $0.namespace == "data-recorders" }) {
                w.repeating(from: spec.start + 30_000_000_000, to: spec.end, every: 300_000_000_000, "BackOff", "Back-off pulling image \"registry.k8s.io/\(rec.service):v1.0.1\"",
                            kind: "Pod", name: rec.name, namespace: rec.namespace, component: "kubelet")
            }
        }
    }
}
