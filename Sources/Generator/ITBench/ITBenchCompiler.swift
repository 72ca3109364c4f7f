import Foundation
import Scoring
import Snapshot

/// Turns a parsed scenario and its ground truth into an `ITBenchPlan`: steps placed in time and resolved against the
/// application, each injection's effect on traffic as its library page describes it, the truth's propagation chain
/// shown service by service, the alerts the page and the truth name, and noise.
struct ITBenchCompiler {
    let scenario: ITBenchScenario
    var map: ITBenchTruthMap
    let spec: ScenarioSpec
    var effects: [ITBenchEffect] = []
    var alerts: [ITBenchAlert] = []
    var pressure: [ITBenchPressure] = []

    init(scenario: ITBenchScenario, map: ITBenchTruthMap, spec: ScenarioSpec) {
        self.scenario = scenario; self.map = map; self.spec = spec
    }

    func fail(_ inj: ITBenchScenario.Injection, _ why: String) -> GeneratorError {
        GeneratorError("\(scenario.file) (\(scenario.name)): \(inj.field) '\(inj.mechanism.rawValue)': \(why)")
    }

    mutating func compile() throws -> ITBenchPlan {
        let t0 = spec.faultTime
        var steps: [ITBenchStep] = []
        for (i, f) in scenario.faults.enumerated() {
            let base = t0 + Int64(i) * 90_000_000_000
            for (j, inj) in f.before.enumerated() { steps.append(try step(inj, at: base - 60_000_000_000 + Int64(j) * 10_000_000_000)) }
            for (j, inj) in f.injections.enumerated() { steps.append(try step(inj, at: base + Int64(j) * 30_000_000_000)) }
            let last = base + Int64(max(0, f.injections.count - 1)) * 30_000_000_000
            for (j, inj) in f.after.enumerated() { steps.append(try step(inj, at: last + 20_000_000_000 + Int64(j) * 15_000_000_000)) }
        }
        for s in steps where s.phase == "injection" { addEffects(of: s) }
        chainEffects(from: steps.first { $0.phase == "injection" }?.at ?? t0, steps: steps)
        truthAlerts(start: t0)
        let ensured = try ensuredObjects(steps)
        return ITBenchPlan(scenario: scenario.name, steps: steps, effects: effects, alerts: dedupe(alerts), pressure: pressure,
                           ensured: ensured, faultTime: t0)
    }

    /// Makes `spec` render `plan`: the fault, ITBench's rule names, the application as compiled, and the workloads the
    /// noise must leave alone.
    func finish(_ plan: ITBenchPlan, into spec: inout ScenarioSpec) {
        spec.faults = [.itbench(plan)]
        spec.errorRule = "HighRequestErrorRate"
        spec.latencyRule = "HighRequestLatency"
        spec.application = map.app
        spec.noiseAvoid = noiseAvoids(plan.steps)
    }

    // MARK: steps

    mutating func step(_ inj: ITBenchScenario.Injection, at t: Nanos) throws -> ITBenchStep {
        let o = inj.object
        var s = ITBenchStep(mechanism: inj.mechanism, phase: inj.phase.rawValue, kind: o.kind, name: o.name,
                            namespace: o.namespace ?? (o.kind == "Namespace" ? "" : map.app.namespace), at: t)
        s.container = inj.container
        if let e = inj.environment { s.environment = [e.name, e.value] }
        switch o.kind {
        case "Deployment", "StatefulSet", "DaemonSet":
            guard (o.namespace ?? map.app.namespace) == map.app.namespace else {
                throw fail(inj, "args.kubernetesObject: \(o.entity) is not in the \(map.app.namespace) application")
            }
            if map.resolve(o.name) == nil { map.app = map.app.adding([o.name]) }
            s.service = map.resolve(o.name)
        case "Service":
            guard let w = map.resolve(o.name) else { throw fail(inj, "args.kubernetesObject: no workload of \(map.app.namespace) is behind Service \(o.name)") }
            s.service = w
        case "Secret":
            var n = o.name.lowercased()
            for suffix in ["-secret", "-credentials", "-service"] where n.hasSuffix(suffix) { n.removeLast(suffix.count) }
            s.service = map.resolve(n)
        default: break
        }
        switch inj.mechanism {
        case .featureFlag:
            guard let (flag, state) = inj.flag else { throw fail(inj, "needs args.flag") }
            guard ITBenchFlags.behaviour(flag) != nil else { throw fail(inj, "unknown otel-demo flag '\(flag)' (known: \(ITBenchFlags.known.joined(separator: ", ")))") }
            guard map.app.isOtelDemo else { throw fail(inj, "feature flags exist only in the otel-demo application") }
            s.flag = flag; s.flagState = state
        case .scheduledChaosMeshExperiment:
            try chaos(inj, &s)
        case .modifiedServiceTargetPort:
            s.targetPort = inj.targetPort
            if let w = s.service, let i = map.app.services.firstIndex(where: { $0.name == w }), map.app.services[i].port == inj.targetPort {
                // The workload listens elsewhere, so the Service now points at a port nothing serves.
                let old = map.app.services[i]
                map.app.services[i] = AppService(name: old.name, language: old.language, port: old.port == 9555 ? 8080 : 9555, image: old.image, rpcService: old.rpcService,
                                                 replicas: old.replicas, memoryLimitMiB: old.memoryLimitMiB, cpuLimitMilli: old.cpuLimitMilli, usesFlagd: old.usesFlagd,
                                                 hasService: old.hasService, sharedService: old.sharedService)
            }
        case .scaleWorkload: s.replicas = inj.replicas
        case .crashingInitContainer: s.configMap = inj.configMapName
        case .trafficDenyingAuthorizationPolicy: s.httpMethods = inj.httpMethods
        case .apiServerRequestSurge:
            s.surgeRPS = ((inj.loadGenerator?["options"] as? [String: Any])?["requestsPerSecond"] as? Int) ?? 1000
        case .cordonedWorkerNode:
            let nodes = ["ip-10-0-12-41.ec2.internal", "ip-10-0-47-190.ec2.internal", "ip-10-0-88-7.ec2.internal"]
            s.node = nodes[abs(o.name.hashValue_stable) % nodes.count]
        default: break
        }
        if [.crashingInitContainer, .hangingInitContainer, .misconfiguredReadinessProbe, .nonexistentPersistentVolumeClaim, .insufficientContainerResources,
            .invalidContainerCommand, .nonexistentContainerImage, .unsupportedArchitectureImage, .valkeyOutOfMemory, .valkeyChangedPassword,
            .modifiedEnvironmentVariable, .unassignedResourceLimits, .scaledToZero, .misconfiguredHPA, .nonexistentNode, .unschedulableAntiAffinity,
            .cordonedWorkerNode, .priorityPreemption, .insufficientResourceQuota, .failingNameResolutionDNSPolicy, .restartWorkload, .deleteWorkloadPods,
            .scaleWorkload].contains(inj.mechanism), s.service == nil {
            throw fail(inj, "args.kubernetesObject must be a workload of the application (got \(o.kind) \(o.name))")
        }
        s.createdName = createdName(for: inj.mechanism, service: s.service ?? o.name)
        return s
    }

    /// The name of the object a mechanism creates: the one the ground truth names for that kind, else ITBench's style.
    func createdName(for m: ITBenchMechanism, service: String) -> String? {
        let kind: String
        let fallback: String
        switch m {
        case .ingressPortBlockingNetworkPolicy: kind = "NetworkPolicy"; fallback = "\(service)-block-ingress"
        case .insufficientResourceQuota: kind = "ResourceQuota"; fallback = "\(service)-quota"
        case .priorityPreemption: kind = "PriorityClass"; fallback = "high-priority"
        case .trafficDenyingAuthorizationPolicy: kind = "AuthorizationPolicy"; fallback = "\(service)-deny"
        case .strictMutualTLS: kind = "PeerAuthentication"; fallback = "\(service)-strict-mtls"
        default: return nil
        }
        let named = map.truth.groups.first { $0.kind == kind }.map(ITBenchTruthMap.stem)
        return named.flatMap { ITBenchTruthMap.plainName($0) ? $0 : nil } ?? fallback
    }

    mutating func chaos(_ inj: ITBenchScenario.Injection, _ s: inout ITBenchStep) throws {
        guard let type = inj.chaosType, let body = inj.chaosSpec else { throw fail(inj, "needs args.scheduleSpec with a type and its spec") }
        let known = ["NetworkChaos", "StressChaos", "PodChaos", "HTTPChaos", "JVMChaos", "IOChaos", "DNSChaos", "TimeChaos", "KernelChaos", "AWSChaos", "GCPChaos"]
        guard known.contains(type) else { throw fail(inj, "unsupported Chaos Mesh experiment type '\(type)' (supported: \(known.joined(separator: ", ")))") }
        s.chaosType = type
        s.chaosAction = body["action"] as? String ?? (type == "StressChaos" ? "stress" : nil)
        func selected(_ sel: Any?) -> (ns: String?, names: [String]) {
            let d = sel as? [String: Any] ?? [:]
            let labels = d["labelSelectors"] as? [String: Any] ?? [:]
            let ns = (d["namespaces"] as? [Any])?.first.map { "\($0)" }
            return (ns, labels.values.map { "\($0)" }.sorted())
        }
        let sel = selected(body["selector"])
        s.chaosSelectedNamespace = sel.ns
        s.chaosSelected = sel.names
        s.chaosPeers = selected((body["target"] as? [String: Any])?["selector"]).names
        s.chaosDuration = (body["duration"] as? String).flatMap(Self.duration)
        s.chaosLatency = ((body["delay"] as? [String: Any])?["latency"] as? String).flatMap(Self.duration) ?? (body["delay"] as? String).flatMap(Self.duration)
        if let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) { s.chaosSpecJSON = String(decoding: data, as: UTF8.self) }
        // The experiment the Schedule spawns: the name the truth's experiment group accepts, else the Schedule's.
        let candidates = [inj.object.name, "\(map.app.namespace)-\(inj.object.name)"]
        for g in map.truth.groups where g.kind == type || Kind.chaosExperiments.contains(g.kind) {
            if let n = ITBenchTruthMap.name(for: g, among: candidates + [ITBenchTruthMap.stem(g)].filter(ITBenchTruthMap.plainName)) { s.experimentName = n; break }
        }
        s.service = nil
    }

    /// `55s`, `20000ms`, `5m`, `750ms` in nanoseconds.
    static func duration(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        for (unit, f) in [("ms", 1_000_000.0), ("s", 1e9), ("m", 60e9), ("h", 3600e9)] where t.hasSuffix(unit) {
            if let v = Double(t.dropLast(unit.count)) { return Int64(v * f) }
        }
        return nil
    }
}
