import Snapshot

/// A Deployment rolled out with an image built for the wrong architecture: the new pod crash-loops and the old one
/// is gone, so the service refuses connections. Root cause: the Deployment.
struct BadRolloutFault: FaultModel {
    let service: String
    let start: Nanos
    var label: String { "bad image rollout of \(service)" }
    var badImage: String { AppModel.service(service).image.replacingOccurrences(of: "2.1.3", with: "2.1.4-arm64") }

    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {
        roster.restart(service, at: start, rng: &rng, oldLingers: 25_000_000_000)
        if let i = roster.pods.lastIndex(where: { $0.service == service && $0.start == start }) { roster.pods[i].crashFrom = start + 5_000_000_000 }
    }

    func modify(_ m: inout [String: Any], kind: String, name: String, namespace: String?, at t: Nanos) {
        guard t >= start, namespace == AppModel.namespace else { return }
        let created = ((m["metadata"] as? [String: Any])?["creationTimestamp"] as? String).flatMap(Timestamp.parse) ?? 0
        if (kind == "Deployment" && name == service) || (kind == "Pod" && name.hasPrefix(service + "-") && created >= start - 1_000_000_000) {
            ClusterObjects.setImage(&m, badImage)
        }
    }

    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {
        guard let p = roster.pods.last(where: { $0.service == service && $0.start == start }) else { return }
        let ns = AppModel.namespace
        w.event(start + 1_000_000_000, "Normal", "Pulling", "Pulling image \"\(badImage)\"", kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
        w.event(start + 3_000_000_000, "Normal", "Pulled", "Successfully pulled image \"\(badImage)\" in 1.9s", kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
        w.event(start + 4_000_000_000, "Normal", "Created", "Created container: \(service)", kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
        w.repeating(from: start + 20_000_000_000, to: spec.end, every: 45_000_000_000, "BackOff", "Back-off restarting failed container \(service) in pod \(p.name)_\(ns)(\(p.uid))",
                    kind: "Pod", name: p.name, namespace: ns, component: "kubelet")
    }

    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert] {
        guard let p = roster.pods.last(where: { $0.service == service && $0.start == start }), let c = p.crashFrom, t >= c + 120_000_000_000 else { return [] }
        return [ExtraAlert(name: "KubePodCrashLooping", labels: [("container", service), ("namespace", AppModel.namespace), ("pod", p.name)],
                           description: "Pod \(AppModel.namespace)/\(p.name) (\(service)) is in waiting state (reason: \"CrashLoopBackOff\").", since: c + 60_000_000_000)]
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        let id = "\(service)-deployment-1"
        gt.group(.init(id: id, kind: "Deployment", namespace: gt.ns, name: nil, filter: ["\(service)-.*"], rootCause: true))
        gt.fault(category: "Change", condition: "Invalid architecture image specified in deployment", kind: "Deployment", name: service,
                 mechanism: "unsupported-architecture-kubernetes-workload-container-image")
        gt.chain(from: id, into: service, condition: "Image \(badImage) cannot run on the nodes: exec format error",
                 effect: "\(service) pods crash-loop and the service refuses connections")
        gt.action("Roll back the \(service) deployment to the previous image")
    }
}
