import Foundation
import Snapshot

/// Plays an ITBench plan out: pods (rollouts, crash loops, pending pods, scaling), traffic effects, pressure and alerts.
/// Objects and events are in `ITBenchFault+Objects` and `ITBenchFault+Events`.
struct ITBenchFault: FaultModel {
    let plan: ITBenchPlan
    var label: String { "ITBench \(plan.scenario)" }

    /// The pod failure a step's change to a workload's template causes (nil: the new pods run).
    static func failure(of s: ITBenchStep) -> PodFailure? {
        let c = s.container ?? s.service ?? s.name
        switch s.mechanism {
        case .unsupportedArchitectureImage: return .crashLoop(reason: "Error", exitCode: 255, message: "exec /app/\(c): exec format error")
        case .invalidContainerCommand:
            return .crashLoop(reason: "StartError", exitCode: 128, message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"/bin/\(c)-nonexistent\": stat /bin/\(c)-nonexistent: no such file or directory: unknown")
        case .insufficientContainerResources, .valkeyOutOfMemory: return .crashLoop(reason: "OOMKilled", exitCode: 137, message: "")
        case .nonexistentContainerImage:
            return .imagePull(message: "Back-off pulling image \"\(ITBenchFault.badImage(s))\"")
        case .nonexistentNode:
            return .unschedulable(message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        case .unschedulableAntiAffinity:
            return .unschedulable(message: "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
        case .cordonedWorkerNode:
            return .unschedulable(message: "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        case .priorityPreemption:
            return .unschedulable(message: "0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
        case .nonexistentPersistentVolumeClaim: return .missingVolume(claim: ITBenchFault.claimName(s))
        case .crashingInitContainer:
            return .initCrash(container: "init-\(s.configMap ?? "config")", message: "cat: can't open '/config/\(s.configMap ?? "config")/features.json': No such file or directory")
        case .hangingInitContainer: return .initHang(container: "init-wait")
        case .misconfiguredReadinessProbe: return .notReady(message: "Readiness probe failed: HTTP probe failed with statuscode: 404")
        default: return nil
        }
    }

    static func badImage(_ s: ITBenchStep) -> String { "ghcr.io/open-telemetry/demo:2.1.3-\(s.service ?? s.name)-nonexistent" }
    static func claimName(_ s: ITBenchStep) -> String { "\(s.service ?? s.name)-data" }

    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {
        var broken: [(String, Nanos, PodFailure)] = []
        for s in plan.steps.sorted(by: { $0.at < $1.at }) {
            guard let svc = s.service else { continue }
            switch s.mechanism {
            case .restartWorkload: roster.restart(svc, at: s.at, rng: &rng)
            case .deleteWorkloadPods: roster.replacePods(svc, at: s.at, rng: &rng)
            case .scaleWorkload: roster.scale(svc, to: s.replicas ?? 1, at: s.at, rng: &rng)
            case .scaledToZero: roster.scale(svc, to: 0, at: s.at, rng: &rng)
            case .insufficientResourceQuota:
                // The pods are deleted; the quota forbids their replacements (FailedCreate on the ReplicaSet).
                for i in roster.pods.indices where roster.pods[i].service == svc && roster.pods[i].namespace == AppModel.namespace && roster.pods[i].end == nil {
                    roster.pods[i].end = s.at + 2_000_000_000
                }
            case .misconfiguredHPA:
                for k in 1..<ITBenchFault.hpaMax { roster.scaleUp(svc, at: s.at + Int64(k) * 45_000_000_000, rng: &rng) }
            case .cordonedWorkerNode, .priorityPreemption:
                // The node is cordoned and the pods drained (or preempted): replacements cannot be placed.
                roster.replacePods(svc, at: s.at + 5_000_000_000, rng: &rng)
                if let f = Self.failure(of: s) { broken.append((svc, s.at + 5_000_000_000, f)) }
            default:
                guard let f = Self.failure(of: s) else {
                    // A template change the new pods run with (environment, DNS policy, password, limits).
                    if [.modifiedEnvironmentVariable, .failingNameResolutionDNSPolicy, .valkeyChangedPassword, .unassignedResourceLimits].contains(s.mechanism) {
                        roster.restart(svc, at: s.at, rng: &rng)
                    }
                    continue
                }
                // The template changes: a new ReplicaSet whose pods fail; the old pod is gone once the rollout starts.
                roster.restart(svc, at: s.at, rng: &rng, oldLingers: 15_000_000_000)
                broken.append((svc, s.at, f))
            }
        }
        for (svc, from, f) in broken {
            for i in roster.pods.indices where roster.pods[i].service == svc && roster.pods[i].namespace == AppModel.namespace && roster.pods[i].start >= from {
                roster.pods[i].failure = f
                if case .crashLoop = f { roster.pods[i].crashFrom = roster.pods[i].start + 6_000_000_000 } else { roster.pods[i].crashFrom = roster.pods[i].start }
            }
        }
        // Pods an HPA adds beyond what the nodes hold stay Pending.
        for s in plan.steps where s.mechanism == .misconfiguredHPA {
            guard let svc = s.service else { continue }
            let extra = roster.pods.indices.filter { roster.pods[$0].service == svc && roster.pods[$0].start > s.at }
            for i in extra.suffix(2) {
                roster.pods[i].failure = .unschedulable(message: "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
                roster.pods[i].crashFrom = roster.pods[i].start
            }
        }
    }

    static let hpaMax = 6

    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? {
        for e in plan.effects where e.service == callee && e.active(at: t) && (e.operation == nil || e.operation == operation) {
            guard e.share >= 1 || rng.chance(e.share) else { continue }
            switch e.kind {
            case .error(let m): return .error(m)
            case .slow(let ns): return .slow(ns + Int64(rng.around(Double(ns) / 10)))
            case .unreachable(let m): return .unreachable(m, after: m.contains("timeout") ? 10_000_000_000 : 1_000_000 + Int64(rng.int(3_000_000)))
            }
        }
        return nil
    }

    func memoryFactor(_ pod: PodInstance, at t: Nanos) -> Double {
        plan.pressure.reduce(1.0) { f, p in p.service == pod.service && t >= p.from ? f * p.memoryFactor : f }
    }

    func extraCPU(_ pod: PodInstance, at t: Nanos) -> Double {
        plan.pressure.reduce(0.0) { c, p in p.service == pod.service && t >= p.from ? c + p.extraCPU : c }
    }

    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert] {
        plan.alerts.filter { $0.since <= t }.compactMap { a in
            var labels = a.labels.map { ($0[0], $0[1]) }
            if let svc = a.podOf {
                guard let pod = roster.pods.last(where: { $0.service == svc && $0.namespace == AppModel.namespace && $0.alive(at: t) })
                        ?? roster.pods.last(where: { $0.service == svc && $0.namespace == AppModel.namespace }) else { return nil }
                labels.append(("pod", pod.name))
            }
            return ExtraAlert(name: a.name, labels: labels, description: a.description, since: a.since, severity: a.severity)
        }
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {}
}
