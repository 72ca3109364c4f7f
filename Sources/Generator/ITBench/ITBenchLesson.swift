import Foundation
import Scoring
import Snapshot

/// An ITBench injection in triage's own scenario format (`faults: [{itbench: {id, args}}]`): the fault is rendered as
/// for a real scenario, and the ground truth is written the way ITBench's v1 truths are: the changed object as the
/// root cause, the workload it breaks and its callers up to the proxy as the propagation chain, and the alerts the
/// fault library lists on the entities they fire on. The curriculum (`scripts/curriculum/`) is written this way.
enum ITBenchLesson {
    /// Makes `spec` render a scenario file's `itbench:` entries, with the ground truth they imply.
    static func apply(_ entries: [(raw: Any, field: String)], file: String, to spec: inout ScenarioSpec) throws {
        let injections = try entries.map { try ITBenchScenario.injection($0.raw, field: $0.field, phase: .injection, file: file, scenario: spec.name) }
        let scenario = ITBenchScenario(name: spec.name, file: file, applications: [.opentelemetryDemo],
                                       faults: injections.map { ITBenchScenario.Fault(before: [], injections: [$0], after: []) })
        // First the steps (what each creates and changes), then the truth they imply, then the plan against it.
        var probe = ITBenchCompiler(scenario: scenario, map: ITBenchTruthMap(truth: GroundTruth(), app: .otelDemo), spec: spec)
        let truth = Self.truth(for: try probe.compile().steps, app: probe.map.app)
        var compiler = ITBenchCompiler(scenario: scenario, map: ITBenchTruthMap(truth: truth, app: .otelDemo), spec: spec)
        let plan = try compiler.compile()   // first: compiling settles the application (ports moved, workloads added)
        compiler.finish(plan, into: &spec)
        spec.truthFiles = ["ground_truth.yaml": GroundTruthFile.yaml(truth)]
    }

    /// The root-cause object of a step: what it changed or created.
    static func root(_ s: ITBenchStep) -> (kind: String, namespace: String?, name: String) {
        let w = s.service ?? s.name
        switch s.mechanism {
        case .misconfiguredHPA: return ("HorizontalPodAutoscaler", s.namespace, w)
        case .ingressPortBlockingNetworkPolicy: return ("NetworkPolicy", s.namespace, s.createdName ?? w)
        case .insufficientResourceQuota: return ("ResourceQuota", s.namespace, s.createdName ?? w)
        case .priorityPreemption: return ("PriorityClass", nil, s.createdName ?? "high-priority")
        case .strictMutualTLS: return ("PeerAuthentication", s.namespace, s.createdName ?? w)
        case .trafficDenyingAuthorizationPolicy: return ("AuthorizationPolicy", s.namespace, s.createdName ?? w)
        case .cordonedWorkerNode: return ("Node", nil, s.node ?? s.name)
        case .scheduledChaosMeshExperiment: return ("Schedule", s.namespace, s.name)
        case .disabledIstioAmbientMode, .apiServerRequestSurge: return ("Namespace", nil, s.name)
        default: return (s.kind, s.kind == "Namespace" ? nil : s.namespace, s.name)
        }
    }

    static func truth(for steps: [ITBenchStep], app: AppDefinition) -> GroundTruth {
        var groups: [GroundTruth.Group] = [], aliases: [[String]] = [], props: [GroundTruth.Propagation] = [], alerts: [GroundTruth.AlertRef] = []
        func add(_ g: GroundTruth.Group) { if !groups.contains(where: { $0.id == g.id }) { groups.append(g) } }
        func service(_ w: String) -> String {
            let id = "\(w)-service-1"
            add(.init(id: id, kind: "Service", namespace: app.namespace, name: nil, filter: ["\(w)\\b"], rootCause: false))
            add(.init(id: "\(w)-pod-1", kind: "Pod", namespace: app.namespace, name: nil, filter: ["\(w)-.*"], rootCause: false))
            if !aliases.contains([id, "\(w)-pod-1"]) { aliases.append([id, "\(w)-pod-1"]) }
            return id
        }
        for s in steps where s.phase == "injection" {
            let r = root(s)
            let rootID = "\(r.name)-\(r.kind.lowercased())-1"
            add(.init(id: rootID, kind: r.kind, namespace: r.namespace, name: r.name, filter: [], rootCause: true))
            // The workload the fault breaks: its own, the flag's, or the experiment's first target.
            let target = s.service ?? s.flag.flatMap { ITBenchFlags.behaviour($0)?.service } ?? s.chaosSelected.compactMap { w in app.services.first { $0.name == w }?.name }.first
            guard let w = target else { continue }
            var prev = service(w)
            props.append(.init(source: rootID, target: prev, condition: "\(s.mechanism.rawValue) on \(r.kind) \(r.name)", effect: "\(w) fails or slows"))
            var cur = w
            while let c = SnapshotGenerator.caller(of: cur), c != app.loadGenerator {
                let next = service(c)
                props.append(.init(source: prev, target: next, condition: "\(c) receives errors or slow answers from \(cur)", effect: "\(c) request errors and latency rise"))
                prev = next; cur = c
            }
            for name in s.mechanism.expectedAlerts {
                switch name {
                case "KubePodNotReady", "KubePodCrashLooping", "KubeContainerWaiting": alerts.append(.init(id: name, groupID: "\(w)-pod-1", description: "\(name) on \(w)"))
                case "KubeHpaMaxedOut": alerts.append(.init(id: name, groupID: rootID, description: "HPA \(w) at its maximum"))
                case "HighRequestErrorRate": alerts.append(.init(id: name, groupID: "\(SnapshotGenerator.caller(of: w) ?? w)-service-1", description: "errors calling \(w)"))
                default: alerts.append(.init(id: name, groupID: "\(w)-service-1", description: "\(name) on \(w)"))
                }
            }
        }
        return GroundTruth(schema: .v1flat, name: nil, groups: groups, aliases: aliases, propagations: props, alerts: alerts, faults: [])
    }
}
