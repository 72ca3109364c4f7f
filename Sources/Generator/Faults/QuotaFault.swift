import Snapshot

/// A ResourceQuota that leaves no room for one more pod; the service's pod is then evicted and cannot be recreated.
/// Root cause: the ResourceQuota.
struct QuotaFault: FaultModel {
    let service: String
    let start: Nanos
    let quotaName = "otel-demo-quota"
    var label: String { "resource quota exhaustion hitting \(service)" }

    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {
        if let i = roster.pods.lastIndex(where: { $0.service == service && $0.namespace == AppModel.namespace && $0.end == nil }) {
            roster.pods[i].end = start + 30_000_000_000
        }
    }

    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? {
        guard t >= start + 30_000_000_000, callee == service else { return nil }
        return .unreachable("upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111",
                            after: 1_000_000 + Int64(rng.int(2_000_000)))
    }

    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] {
        guard t >= start else { return [] }
        rv += 1
        let used = cluster.roster.appPods(alive: start).count
        return [("resourcequotas", AppModel.namespace, [
            "apiVersion": "v1", "kind": "ResourceQuota",
            "metadata": cluster.metadata(quotaName, ns: AppModel.namespace, kind: "ResourceQuota", created: start, resourceVersion: rv, manager: "kubectl-client-side-apply"),
            "spec": ["hard": ["pods": "\(used - 1)", "limits.memory": "4Gi"]],
            "status": ["hard": ["pods": "\(used - 1)", "limits.memory": "4Gi"], "used": ["pods": "\(used - 1)", "limits.memory": "3900Mi"]],
        ])]
    }

    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        let ns = AppModel.namespace
        guard let p = roster.pods.last(where: { $0.service == service && $0.namespace == ns }) else { return }
        let rs = "\(service)-\(p.rsHash)"
        w.event(start + 30_000_000_000, "Normal", "Killing", "Stopping container \(service)", kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
        let used = roster.appPods(alive: start).count - 1
        w.repeating(from: start + 31_000_000_000, to: spec.end, every: 60_000_000_000, "FailedCreate",
                    "Error creating: pods \"\(rs)-\" is forbidden: exceeded quota: \(quotaName), requested: pods=1, used: pods=\(used), limited: pods=\(used)",
                    kind: "ReplicaSet", name: rs, namespace: ns, component: "replicaset-controller")
    }

    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert] {
        guard t >= start + 30_000_000_000 + 300_000_000_000 else { return [] }
        return [ExtraAlert(name: "KubeDeploymentReplicasMismatch", labels: [("deployment", service), ("namespace", AppModel.namespace)],
                           description: "Deployment \(AppModel.namespace)/\(service) has not matched the expected number of replicas for longer than 5 minutes.",
                           since: start + 45_000_000_000)]
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        gt.root(id: quotaName, kind: "ResourceQuota", namespace: gt.ns, name: quotaName)
        gt.fault(category: "Resource", condition: "ResourceQuota leaves no room to recreate \(service) pods", kind: "ResourceQuota",
                 name: quotaName, mechanism: "resource-quota-exhaustion")
        gt.chain(from: quotaName, into: service, condition: "Quota \(quotaName) forbids creating the \(service) pod",
                 effect: "\(service) has no running pod and refuses connections")
        gt.action("Raise or remove the ResourceQuota \(quotaName)")
    }
}
