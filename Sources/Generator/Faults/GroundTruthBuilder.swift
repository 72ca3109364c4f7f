import Snapshot

/// Builds the v1 ground truth from the faults: groups, aliases, propagations along the call path, explained alerts.
struct GroundTruthBuilder {
    var gt = GroundTruthWriter()
    let spec: ScenarioSpec
    /// Alerts that fired after the fault: (alert name, service or pod owner) → first firing time.
    let fired: [String: [String: Nanos]]
    let ns = AppModel.namespace

    init(spec: ScenarioSpec, fired: [String: [String: Nanos]]) { self.spec = spec; self.fired = fired }

    mutating func group(_ g: GroundTruthWriter.Group) {
        if let i = gt.groups.firstIndex(where: { $0.id == g.id }) { if g.rootCause { gt.groups[i].rootCause = true } } else { gt.groups.append(g) }
    }

    /// A root-cause group for an object with an exact name.
    mutating func root(id: String, kind: String, namespace: String, name: String, filter: Bool = false) {
        group(.init(id: id, kind: kind, namespace: namespace, name: filter ? nil : name, filter: filter ? [name] : [], rootCause: true))
    }

    /// Service group `<svc>-service-1` plus its pod group, aliased.
    @discardableResult
    mutating func service(_ svc: String) -> String {
        let id = "\(svc)-service-1"
        if gt.groups.contains(where: { $0.id == id }) { return id }
        group(.init(id: id, kind: "Service", namespace: ns, filter: ["\(svc)\\b"], rootCause: false))
        group(.init(id: "\(svc)-pod-1", kind: "Pod", namespace: ns, filter: ["\(svc)-.*"], rootCause: false))
        gt.aliases.append([id, "\(svc)-pod-1"])
        return id
    }

    mutating func propagate(_ from: String, _ to: String, condition: String, effect: String) {
        if !gt.propagations.contains(where: { $0.source == from && $0.target == to }) {
            gt.propagations.append(.init(source: from, target: to, condition: condition, effect: effect))
        }
    }

    /// Propagation from `rootID` into `svc` and then up the call path to the proxy.
    mutating func chain(from rootID: String, into svc: String, condition: String, effect: String) {
        let first = service(svc)
        propagate(rootID, first, condition: condition, effect: effect)
        var cur = svc
        while let caller = SnapshotGenerator.caller(of: cur) {
            let a = service(cur), b = service(caller)
            propagate(a, b, condition: "\(caller) receives errors or slow answers from \(cur)", effect: "\(caller) request errors and latency rise")
            cur = caller
        }
        explainAlerts()
    }

    /// Every alert that fired after the fault on a service in the ground truth is attached to its group.
    mutating func explainAlerts() {
        for (alert, targets) in fired.sorted(by: { $0.key < $1.key }) {
            let podLevel = ["KubePodCrashLooping", "KubePodNotReady", "CPUThrottlingHigh", "KubeContainerWaiting"].contains(alert)
            for (svc, t) in targets.sorted(by: { $0.key < $1.key }) where t > spec.faultTime {
                let gid = podLevel ? "\(svc)-pod-1" : "\(svc)-service-1"
                guard gt.groups.contains(where: { $0.id == gid }),
                      !gt.alerts.contains(where: { $0.id == alert && $0.groupID == gid }) else { continue }
                gt.alerts.append(.init(id: alert, groupID: gid, description: "\(alert) on \(svc) after the fault"))
            }
        }
    }

    mutating func fault(category: String, condition: String, kind: String, name: String, mechanism: String,
                        element: String? = nil, from: String? = nil, to: String? = nil) {
        gt.faults.append(.init(category: category, condition: condition, kind: kind, name: name, mechanism: mechanism,
                               element: element, from: from, to: to))
    }

    mutating func action(_ a: String) { if !gt.actions.contains(a) { gt.actions.append(a) } }
}
