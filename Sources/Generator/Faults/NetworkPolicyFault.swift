import Snapshot

/// A NetworkPolicy that selects a service's pods and allows no ingress: callers time out. Root cause: the NetworkPolicy.
struct NetworkPolicyFault: FaultModel {
    let service: String
    let start: Nanos
    var policyName: String { "\(service)-block-all-ports" }
    var label: String { "network policy blocking \(service)" }

    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? {
        guard t >= start, callee == service else { return nil }
        return .unreachable("upstream connect error or disconnect/reset before headers. reset reason: connection timeout",
                            after: 10_000_000_000 + Int64(rng.int(50_000_000)))
    }

    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] {
        guard t >= start else { return [] }
        rv += 1
        return [("networkpolicies", AppModel.namespace, [
            "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": cluster.metadata(policyName, ns: AppModel.namespace, kind: "NetworkPolicy", created: start, resourceVersion: rv, manager: "kubectl-client-side-apply"),
            "spec": ["podSelector": ["matchLabels": ["opentelemetry.io/name": service]], "policyTypes": ["Ingress"], "ingress": [] as [Any]],
        ])]
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        gt.root(id: policyName, kind: "NetworkPolicy", namespace: gt.ns, name: policyName, filter: true)
        gt.fault(category: "Configuration", condition: "NetworkPolicy blocks all ingress traffic to \(service) pods", kind: "NetworkPolicy",
                 name: policyName, mechanism: "misconfigured-network-policy")
        gt.chain(from: policyName, into: service, condition: "NetworkPolicy \(policyName) drops all ingress to \(service)",
                 effect: "Connections to \(service) time out")
        gt.action("Delete the NetworkPolicy \(policyName)")
    }
}
