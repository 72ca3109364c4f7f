import Snapshot

/// An HPA misconfigured to scale up aggressively and never down: the workload runs far more replicas than it needs,
/// some pending for lack of CPU. Root cause: the HorizontalPodAutoscaler.
struct HPAFault: FaultModel {
    let service: String
    let start: Nanos
    let maxReplicas = 6
    var label: String { "HPA misconfiguration on \(service)" }

    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {
        for k in 1..<maxReplicas { roster.scaleUp(service, at: start + Int64(k) * 45_000_000_000, rng: &rng) }
    }

    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] {
        guard service != "frontend" else { return [] }   // frontend's HPA exists already and is modified instead
        rv += 1
        var m: [String: Any] = ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                                "metadata": cluster.metadata(service, ns: AppModel.namespace, kind: "HorizontalPodAutoscaler", created: spec0(cluster), resourceVersion: rv),
                                "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": service], "minReplicas": 1, "maxReplicas": 2,
                                         "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]]],
                                "status": ["currentReplicas": 1, "desiredReplicas": 1]]
        modify(&m, kind: "HorizontalPodAutoscaler", name: service, namespace: AppModel.namespace, at: t)
        return [("horizontalpodautoscalers", AppModel.namespace, m)]
    }

    private func spec0(_ c: ClusterObjects) -> Nanos { c.spec.start - 3 * 3600 * 1_000_000_000 }

    func modify(_ m: inout [String: Any], kind: String, name: String, namespace: String?, at t: Nanos) {
        guard kind == "HorizontalPodAutoscaler", name == service, t >= start else { return }
        let replicas = min(maxReplicas, 1 + Int((t - start) / 45_000_000_000))
        m["spec"] = ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": service], "minReplicas": 1, "maxReplicas": maxReplicas,
                     "behavior": ["scaleDown": ["selectPolicy": "Disabled"], "scaleUp": ["stabilizationWindowSeconds": 0]],
                     "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 2]]]]]
        m["status"] = ["currentReplicas": replicas, "desiredReplicas": maxReplicas]
    }

    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        let ns = AppModel.namespace
        for k in 1..<maxReplicas {
            let t = start + Int64(k) * 45_000_000_000
            w.event(t, "Normal", "SuccessfulRescale", "New size: \(k + 1); reason: cpu resource utilization (percentage of request) above target",
                    kind: "HorizontalPodAutoscaler", name: service, namespace: ns, component: "horizontal-pod-autoscaler")
            w.event(t + 100_000_000, "Normal", "ScalingReplicaSet", "Scaled up replica set \(service)-\(roster.rsHashes[service]?.first ?? "") from \(k) to \(k + 1)",
                    kind: "Deployment", name: service, namespace: ns, component: "deployment-controller")
        }
        if let last = roster.pods.last(where: { $0.service == service }) {
            w.repeating(from: start + Int64(maxReplicas - 1) * 45_000_000_000, to: spec.end, every: 120_000_000_000, "FailedScheduling",
                        "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
                        kind: "Pod", name: last.name, namespace: ns, component: "default-scheduler")
        }
    }

    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert] {
        let maxed = start + Int64(maxReplicas - 1) * 45_000_000_000
        guard t >= maxed + 60_000_000_000 else { return [] }
        return [ExtraAlert(name: "KubeHpaMaxedOut", labels: [("horizontalpodautoscaler", service), ("namespace", AppModel.namespace)],
                           description: "HPA \(AppModel.namespace)/\(service) has been running at max replicas for longer than 15 minutes.", since: maxed)]
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        let id = "\(service)-horizontal-pod-autoscaler-1"
        gt.group(.init(id: id, kind: "HorizontalPodAutoscaler", namespace: gt.ns, name: service, filter: [], rootCause: true))
        gt.group(.init(id: "otel-demo-namespace-1", kind: "Namespace", namespace: gt.ns, name: gt.ns, filter: [], rootCause: false))
        gt.fault(category: "Other", condition: "Misconfigured HPA", kind: "HorizontalPodAutoscaler", name: service, mechanism: "custom")
        gt.propagate(id, "otel-demo-namespace-1", condition: "HPA misconfigured to scale up aggressively but not scale down",
                     effect: "Excessive \(service) replicas keep running, consuming CPU and memory")
        gt.gt.alerts.append(.init(id: "KubeHpaMaxedOut", groupID: id, description: "HPA \(service) runs at its maximum replica count"))
        gt.action("Fix the HPA \(service): sensible utilization target and scale-down behaviour")
    }
}
