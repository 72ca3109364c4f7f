import Snapshot

/// A Chaos Mesh StressChaos on a service's pod: memory (climbs to the limit, OOM-killed restarts) or CPU (saturated,
/// throttled, slow). Root cause: the StressChaos object.
struct StressFault: FaultModel {
    let service: String
    let resource: String    // "memory" or "cpu"
    let start: Nanos
    var chaosName: String { "otel-demo-\(service)-\(resource)-stress" }
    var label: String { "\(resource) stress on \(service)" }
    static let oomPeriod: Int64 = 180_000_000_000

    /// Time since the last OOM kill (memory) or since the stress began.
    func phase(_ t: Nanos) -> Int64? {
        guard t >= start else { return nil }
        return resource == "memory" ? (t - start) % Self.oomPeriod : t - start
    }

    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? {
        guard callee == service, let ph = phase(t) else { return nil }
        if resource == "memory" {
            // The container is restarting for ~15 s after each OOM kill; before that it is slow under memory pressure.
            if t - start >= Self.oomPeriod && ph < 15_000_000_000 {
                return .unreachable("upstream connect error or disconnect/reset before headers. reset reason: connection failure", after: 2_000_000)
            }
            return ph > Self.oomPeriod * 2 / 3 ? .slow(300_000_000) : nil
        }
        return .slow(1_500_000_000 + Int64(rng.int(1_000_000_000)))
    }

    func memoryFactor(_ pod: PodInstance, at t: Nanos) -> Double {
        guard resource == "memory", pod.service == service, let ph = phase(t) else { return 1 }
        return 1 + 1.2 * Double(ph) / Double(Self.oomPeriod)
    }

    func extraCPU(_ pod: PodInstance, at t: Nanos) -> Double {
        guard resource == "cpu", pod.service == service, phase(t) != nil else { return 0 }
        return Double(AppModel.service(service).cpuLimitMilli) / 1000
    }

    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] {
        guard t >= start else { return [] }
        rv += 1
        let stressors: [String: Any] = resource == "memory" ? ["memory": ["workers": 1, "size": "512MB"]] : ["cpu": ["workers": 2, "load": 100]]
        return [("stresschaos", "chaos-mesh", [
            "apiVersion": "chaos-mesh.org/v1alpha1", "kind": "StressChaos",
            "metadata": cluster.metadata(chaosName, ns: "chaos-mesh", kind: "StressChaos", created: start, resourceVersion: rv, manager: "chaos-controller-manager"),
            "spec": ["mode": "one", "stressors": stressors,
                     "selector": ["namespaces": [AppModel.namespace], "labelSelectors": ["opentelemetry.io/name": service]]],
        ])]
    }

    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        w.event(start, "Normal", "Applied", "Successfully apply chaos for \(AppModel.namespace)/\(service)", kind: "StressChaos", name: chaosName,
                namespace: "chaos-mesh", component: "chaos-controller-manager")
        guard resource == "memory" else { return }
        let p = roster.pod(for: service, at: start)
        var t = start + Self.oomPeriod, n = 1
        while t < spec.end {
            w.event(t, "Warning", "BackOff", "Back-off restarting failed container \(service) in pod \(p.name)_\(AppModel.namespace)(\(p.uid))",
                    kind: "Pod", name: p.name, namespace: AppModel.namespace, component: "kubelet", count: n, first: start + Self.oomPeriod)
            t += Self.oomPeriod; n += 1
        }
    }

    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert] {
        guard t >= start + 60_000_000_000 else { return [] }
        let p = roster.pod(for: service, at: t)
        if resource == "cpu" {
            return [ExtraAlert(name: "CPUThrottlingHigh", labels: [("container", service), ("namespace", AppModel.namespace), ("pod", p.name)],
                               description: "87% throttling of CPU in namespace \(AppModel.namespace) for container \(service) in pod \(p.name).",
                               since: start + 45_000_000_000, severity: "info")]
        }
        guard t >= start + Self.oomPeriod + 60_000_000_000 else { return [] }
        return [ExtraAlert(name: "KubePodCrashLooping", labels: [("container", service), ("namespace", AppModel.namespace), ("pod", p.name)],
                           description: "Pod \(AppModel.namespace)/\(p.name) (\(service)) is restarting (reason: OOMKilled).", since: start + Self.oomPeriod + 30_000_000_000)]
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        gt.root(id: chaosName, kind: "StressChaos", namespace: "chaos-mesh", name: chaosName, filter: true)
        gt.fault(category: "Resource", condition: "Chaos Mesh stress injecting \(resource) pressure on \(service) pods", kind: "StressChaos",
                 name: chaosName, mechanism: "\(resource)_stress")
        gt.chain(from: chaosName, into: service, condition: "Stressors exhaust \(service)'s \(resource)",
                 effect: resource == "memory" ? "\(service) is OOM-killed and restarts" : "\(service) is CPU-throttled and slow")
        gt.action("Delete the StressChaos \(chaosName)")
    }
}
