import Snapshot

/// The Kubernetes events an ITBench fault causes: the scheduler, kubelet and controllers reacting to it, the Chaos
/// Mesh controller's own events, and (noise) unrelated warnings.
extension ITBenchFault {
    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        let ns = AppModel.namespace
        let end = spec.end
        // Failing pods, whatever made them fail.
        for p in roster.pods where p.namespace == ns {
            guard let f = p.failure, let c = p.crashFrom else { continue }
            let stop = min(end, p.end ?? end)
            func kubelet(_ t: Nanos, _ type: String, _ reason: String, _ msg: String) {
                w.event(t, type, reason, msg, kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            }
            switch f {
            case .unschedulable(let msg):
                w.repeating(from: c, to: stop, every: 60_000_000_000, "FailedScheduling", msg, kind: "Pod", name: p.name, namespace: ns, component: "default-scheduler")
            case .missingVolume(let claim):
                w.repeating(from: c, to: stop, every: 60_000_000_000, "FailedScheduling",
                            "0/3 nodes are available: persistentvolumeclaim \"\(claim)\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
                            kind: "Pod", name: p.name, namespace: ns, component: "default-scheduler")
            case .imagePull(let msg):
                w.event(p.start, "Normal", "Scheduled", "Successfully assigned \(ns)/\(p.name) to \(p.node)", kind: "Pod", name: p.name, namespace: ns, component: "default-scheduler")
                let image = msg.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                kubelet(p.start + 1_000_000_000, "Warning", "Failed", "Failed to pull image \"\(image)\": rpc error: code = NotFound desc = failed to pull and unpack image \"\(image)\": not found")
                kubelet(p.start + 1_100_000_000, "Warning", "Failed", "Error: ErrImagePull")
                w.repeating(from: p.start + 15_000_000_000, to: stop, every: 60_000_000_000, "BackOff", msg, kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            case .crashLoop(let reason, _, let message):
                w.event(p.start, "Normal", "Scheduled", "Successfully assigned \(ns)/\(p.name) to \(p.node)", kind: "Pod", name: p.name, namespace: ns, component: "default-scheduler")
                kubelet(p.start + 1_000_000_000, "Normal", "Pulled", "Container image \"\(AppModel.service(p.service).image)\" already present on machine")
                kubelet(p.start + 1_200_000_000, "Normal", "Created", "Created container: \(p.service)")
                if reason == "StartError" { kubelet(p.start + 1_500_000_000, "Warning", "Failed", "Error: \(message)") }
                else { kubelet(p.start + 1_500_000_000, "Normal", "Started", "Started container \(p.service)") }
                if reason == "OOMKilled" { kubelet(c, "Warning", "OOMKilling", "Memory cgroup out of memory: Killed process (\(p.service)) total-vm:1048576kB, anon-rss:\(12 * 1024)kB") }
                w.repeating(from: c, to: stop, every: 60_000_000_000, "BackOff", "Back-off restarting failed container \(p.service) in pod \(p.name)_\(ns)(\(p.uid))",
                            kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            case .initCrash(let container, _):
                kubelet(p.start + 1_000_000_000, "Normal", "Started", "Started container \(container)")
                w.repeating(from: c + 5_000_000_000, to: stop, every: 60_000_000_000, "BackOff", "Back-off restarting failed container \(container) in pod \(p.name)_\(ns)(\(p.uid))",
                            kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            case .initHang(let container):
                kubelet(p.start + 1_000_000_000, "Normal", "Created", "Created container: \(container)")
                kubelet(p.start + 1_200_000_000, "Normal", "Started", "Started container \(container)")
            case .notReady(let msg):
                kubelet(p.start + 1_500_000_000, "Normal", "Started", "Started container \(p.service)")
                w.repeating(from: c + 10_000_000_000, to: stop, every: 30_000_000_000, "Unhealthy", msg, kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            }
        }
        for s in plan.steps { stepEvents(s, w, roster: roster, end: end) }
    }

    private func stepEvents(_ s: ITBenchStep, _ w: EventsWriter, roster: PodRoster, end: Nanos) {
        let ns = AppModel.namespace
        let svc = s.service ?? s.name
        let rs = "\(svc)-\(roster.rsHashes[svc]?.last ?? "")"
        switch s.mechanism {
        case .scaleWorkload, .scaledToZero:
            let r = s.mechanism == .scaledToZero ? 0 : s.replicas ?? 1
            w.event(s.at, "Normal", "ScalingReplicaSet", "Scaled \(r == 0 ? "down" : "up") replica set \(rs) from 1 to \(r)", kind: "Deployment", name: svc, namespace: ns, component: "deployment-controller")
            for p in roster.pods where p.service == svc && p.end.map({ $0 > s.at && $0 <= s.at + 2_000_000_000 }) == true {
                w.event(s.at + 100_000_000, "Normal", "SuccessfulDelete", "Deleted pod: \(p.name)", kind: "ReplicaSet", name: "\(svc)-\(p.rsHash)", namespace: ns, component: "replicaset-controller")
                w.event(s.at + 200_000_000, "Normal", "Killing", "Stopping container \(svc)", kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            }
        case .deleteWorkloadPods, .cordonedWorkerNode, .priorityPreemption, .insufficientResourceQuota:
            for p in roster.pods where p.service == svc && p.end.map({ $0 > s.at && $0 <= s.at + 8_000_000_000 }) == true {
                if s.mechanism == .priorityPreemption {
                    w.event(s.at + 4_000_000_000, "Normal", "Preempted", "Preempted by pod \(ClusterObjects.UIDs(seed: 7).of(p.name)) on node \(p.node)", kind: "Pod", name: p.name, namespace: ns, component: "default-scheduler")
                }
                w.event(p.end! - 1_000_000_000, "Normal", "Killing", "Stopping container \(svc)", kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
            }
            for p in roster.pods where p.service == svc && p.start > s.at && p.start <= s.at + 8_000_000_000 {
                w.event(p.start, "Normal", "SuccessfulCreate", "Created pod: \(p.name)", kind: "ReplicaSet", name: "\(svc)-\(p.rsHash)", namespace: ns, component: "replicaset-controller")
            }
            if s.mechanism == .cordonedWorkerNode, let node = s.node {
                w.event(s.at, "Normal", "NodeNotSchedulable", "Node \(node) status is now: NodeNotSchedulable", kind: "Node", name: node, namespace: "default", component: "kubelet")
            }
            if s.mechanism == .insufficientResourceQuota {
                w.repeating(from: s.at + 3_000_000_000, to: end, every: 60_000_000_000, "FailedCreate",
                            "Error creating: pods \"\(rs)-\(String(svc.hashValue_stable, radix: 36).suffix(5))\" is forbidden: exceeded quota: \(s.createdName ?? "\(svc)-quota"), requested: limits.cpu=\(AppModel.service(svc).cpuLimitMilli)m,limits.memory=\(AppModel.service(svc).memoryLimitMiB)Mi, used: limits.cpu=0,limits.memory=0, limited: limits.cpu=1m,limits.memory=1Mi",
                            kind: "ReplicaSet", name: rs, namespace: ns, component: "replicaset-controller")
            }
        case .misconfiguredHPA:
            for k in 1..<Self.hpaMax {
                let t = s.at + Int64(k) * 45_000_000_000
                w.event(t, "Normal", "SuccessfulRescale", "New size: \(k + 1); reason: cpu resource utilization (percentage of request) above target",
                        kind: "HorizontalPodAutoscaler", name: svc, namespace: ns, component: "horizontal-pod-autoscaler")
            }
        case .scheduledChaosMeshExperiment:
            let exp = s.experimentName ?? s.name
            var t = s.at, n = 0
            while t < end {
                w.event(t, "Normal", "Spawned", "Create new object: \(exp)", kind: "Schedule", name: s.name, namespace: s.namespace, component: "schedule-cron")
                if n == 0 { w.event(t + 50_000_000, "Normal", "FinalizerInited", "Finalizer has been inited", kind: s.chaosType ?? "NetworkChaos", name: exp, namespace: s.namespace, component: "initFinalizers") }
                w.event(t + 300_000_000, "Normal", "Applied", "Successfully apply chaos for \(s.chaosSelected.map { "\(s.chaosSelectedNamespace ?? ns)/\($0)" }.joined(separator: ", "))",
                        kind: s.chaosType ?? "NetworkChaos", name: exp, namespace: s.namespace, component: "records")
                if let d = s.chaosDuration {
                    w.event(t + d, "Normal", "Recovered", "Successfully recover chaos for \(s.chaosSelected.joined(separator: ", "))", kind: s.chaosType ?? "NetworkChaos", name: exp, namespace: s.namespace, component: "records")
                }
                t += 60_000_000_000; n += 1
            }
        case .trafficDenyingAuthorizationPolicy, .strictMutualTLS, .disabledIstioAmbientMode:
            if let gw = roster.pods.last(where: { $0.service == AppModel.current.proxy }) {
                w.event(s.at + 2_000_000_000, "Normal", "Updated", "Configuration updated (push version \(100 + s.at % 97))", kind: "Pod", name: gw.name, namespace: ns, component: "istiod")
            }
        default: break
        }
    }
}
