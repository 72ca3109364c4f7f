import Snapshot

/// A Chaos Mesh NetworkChaos (delay or partition) on a service's pods. Root cause: the NetworkChaos object; the
/// chaos controller in `chaos-mesh` is machinery, not a cause.
struct ChaosNetworkFault: FaultModel {
    let service: String
    let action: String      // "delay" or "partition"
    let start: Nanos
    var chaosName: String { "otel-demo-\(service)-network-\(action)" }
    var label: String { "network \(action) on \(service)" }

    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? {
        guard t >= start + 5_000_000_000, callee == service else { return nil }
        if action == "delay" { return .slow(2_000_000_000 + Int64(rng.int(500_000_000))) }
        return .unreachable("upstream request timeout", after: 15_000_000_000)
    }

    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] {
        guard t >= start else { return [] }
        rv += 1
        var spec: [String: Any] = ["action": action, "mode": "all", "direction": "to",
                                   "selector": ["namespaces": [AppModel.namespace], "labelSelectors": ["opentelemetry.io/name": service]]]
        if action == "delay" { spec["delay"] = ["latency": "2000ms", "jitter": "500ms", "correlation": "0"] }
        return [("networkchaos", "chaos-mesh", [
            "apiVersion": "chaos-mesh.org/v1alpha1", "kind": "NetworkChaos",
            "metadata": cluster.metadata(chaosName, ns: "chaos-mesh", kind: "NetworkChaos", created: start, resourceVersion: rv, manager: "chaos-controller-manager"),
            "spec": spec,
            "status": ["experiment": ["desiredPhase": "Run", "containerRecords": [["phase": "Injected", "id": "\(AppModel.namespace)/\(service)"]]]],
        ])]
    }

    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        for (k, (reason, msg)) in [("FinalizerInited", "Finalizer has been inited"), ("Updated", "Successfully update finalizer of resource"),
                                    ("Started", "Experiment has started"), ("Applied", "Successfully apply chaos for \(AppModel.namespace)/\(service)")].enumerated() {
            w.event(start + Int64(k) * 200_000_000, "Normal", reason, msg, kind: "NetworkChaos", name: chaosName, namespace: "chaos-mesh",
                    component: "chaos-controller-manager")
        }
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        gt.root(id: chaosName, kind: "NetworkChaos", namespace: "chaos-mesh", name: ".*\(service)-network-\(action)", filter: true)
        gt.fault(category: "Network", condition: "Chaos Mesh network \(action) on \(service) pods", kind: "NetworkChaos", name: chaosName,
                 mechanism: "network_\(action)")
        gt.chain(from: chaosName, into: service, condition: action == "delay" ? "Packets to \(service) are delayed by 2 s" : "Packets to \(service) are dropped",
                 effect: action == "delay" ? "\(service) answers slowly" : "Calls to \(service) time out")
        gt.action("Delete the NetworkChaos \(chaosName)")
    }
}
