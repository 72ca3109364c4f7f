import Snapshot

/// One pod of the simulated cluster and its lifetime.
struct PodInstance {
    let service: String
    let namespace: String
    let owner: String
    let ownerKind: String
    let rsHash: String
    let name: String
    let uid: String
    let ip: String
    let node: String
    let start: Nanos
    var end: Nanos?
    let generation: Int
    /// From this time the container crash-loops: the pod exists but serves nothing.
    var crashFrom: Nanos? = nil
    /// How the pod fails from `crashFrom` (nil: the container crash-loops with an exec format error).
    var failure: PodFailure? = nil
    func alive(at t: Nanos) -> Bool { t >= start && (end == nil || t < end!) }
    func serving(at t: Nanos) -> Bool { alive(at: t) && (crashFrom == nil || t < crashFrom!) && t >= start + 8_000_000_000 }
}

/// All pods over the recording: app pods, infrastructure pods, and the replacements created by restarts.
struct PodRoster {
    var pods: [PodInstance] = []
    let nodes = ["ip-10-0-12-41.ec2.internal", "ip-10-0-47-190.ec2.internal", "ip-10-0-88-7.ec2.internal"]
    /// Deployment → ReplicaSet hash per template generation.
    var rsHashes: [String: [String]] = [:]
    /// Restarts: (deployment, time).
    var restarts: [(String, Nanos)] = []

    init(spec: ScenarioSpec, rng: inout RNG) {
        let bootTime = spec.start - 3 * 3600 * 1_000_000_000
        for s in AppModel.services {
            let h = rng.k8sSuffix(10)
            rsHashes[s.name] = [h]
            for _ in 0..<s.replicas {
                pods.append(PodInstance(service: s.name, namespace: AppModel.namespace, owner: s.name, ownerKind: "Deployment", rsHash: h,
                                        name: "\(s.name)-\(h)-\(rng.k8sSuffix(5))", uid: rng.uuid(), ip: "100.96.\(rng.int(6)).\(2 + rng.int(250))",
                                        node: rng.pick(nodes), start: bootTime + Int64(rng.int(600)) * 1_000_000_000, end: nil, generation: 0))
            }
        }
        for inf in AppModel.infra {
            let h = rng.k8sSuffix(10)
            rsHashes[inf.ns + "/" + inf.name] = [h]
            let name: String
            switch inf.kind {
            case "StatefulSet": name = "\(inf.name)-0"
            case "DaemonSet": name = "\(inf.name)-\(rng.k8sSuffix(5))"
            default: name = "\(inf.name)-\(h)-\(rng.k8sSuffix(5))"
            }
            pods.append(PodInstance(service: inf.name, namespace: inf.ns, owner: inf.name, ownerKind: inf.kind, rsHash: h, name: name,
                                    uid: rng.uuid(), ip: "100.96.\(rng.int(6)).\(2 + rng.int(250))", node: rng.pick(nodes),
                                    start: bootTime - Int64(rng.int(86400)) * 1_000_000_000, end: nil, generation: 0))
        }
    }

    /// A rollout restart of a deployment at `t`: a new ReplicaSet and pod, the old pod terminated ~20 s later.
    mutating func restart(_ service: String, at t: Nanos, rng: inout RNG, oldLingers: Int64 = 20_000_000_000) {
        guard let i = pods.lastIndex(where: { $0.service == service && $0.namespace == AppModel.namespace && $0.end == nil }) else { return }
        let old = pods[i]
        let h = rng.k8sSuffix(10)
        rsHashes[service, default: []].append(h)
        pods[i].end = t + oldLingers
        pods.append(PodInstance(service: service, namespace: old.namespace, owner: old.owner, ownerKind: old.ownerKind, rsHash: h,
                                name: "\(service)-\(h)-\(rng.k8sSuffix(5))", uid: rng.uuid(), ip: "100.96.\(rng.int(6)).\(2 + rng.int(250))",
                                node: rng.pick(nodes), start: t, end: nil, generation: old.generation + 1))
        restarts.append((service, t))
    }

    /// The pods of a deployment deleted at `t` and recreated by their ReplicaSet (same template, new names).
    mutating func replacePods(_ service: String, at t: Nanos, rng: inout RNG) {
        for i in pods.indices where pods[i].service == service && pods[i].namespace == AppModel.namespace && pods[i].alive(at: t) && pods[i].end == nil {
            let old = pods[i]
            pods[i].end = t + 2_000_000_000
            pods.append(PodInstance(service: service, namespace: old.namespace, owner: old.owner, ownerKind: old.ownerKind, rsHash: old.rsHash,
                                    name: "\(service)-\(old.rsHash)-\(rng.k8sSuffix(5))", uid: rng.uuid(), ip: "100.96.\(rng.int(6)).\(2 + rng.int(250))",
                                    node: rng.pick(nodes), start: t + 1_000_000_000, end: nil, generation: old.generation))
        }
    }

    /// A deployment scaled to `replicas` at `t`: pods added (same ReplicaSet) or the newest ones terminated.
    mutating func scale(_ service: String, to replicas: Int, at t: Nanos, rng: inout RNG) {
        var alive = pods.indices.filter { pods[$0].service == service && pods[$0].namespace == AppModel.namespace && pods[$0].end == nil }
        while alive.count > replicas, let last = alive.popLast() { pods[last].end = t + 1_000_000_000 }
        var n = alive.count
        while n < replicas { scaleUp(service, at: t, rng: &rng); n += 1 }
    }

    /// One more replica of a deployment at `t` (same ReplicaSet).
    mutating func scaleUp(_ service: String, at t: Nanos, rng: inout RNG) {
        guard let base = pods.last(where: { $0.service == service && $0.namespace == AppModel.namespace && $0.end == nil }) else { return }
        pods.append(PodInstance(service: service, namespace: base.namespace, owner: base.owner, ownerKind: base.ownerKind, rsHash: base.rsHash,
                                name: "\(service)-\(base.rsHash)-\(rng.k8sSuffix(5))", uid: rng.uuid(), ip: "100.96.\(rng.int(6)).\(2 + rng.int(250))",
                                node: rng.pick(nodes), start: t, end: nil, generation: base.generation))
    }

    /// The pod serving `service` at `t` (the newest one serving, else the newest alive one).
    func pod(for service: String, at t: Nanos) -> PodInstance {
        pods.last { $0.service == service && $0.namespace == AppModel.namespace && $0.serving(at: t) }
            ?? pods.last { $0.service == service && $0.namespace == AppModel.namespace && $0.alive(at: t) }
            ?? pods.last { $0.service == service }!
    }

    /// Whether any pod of `service` can answer at `t`.
    func available(_ service: String, at t: Nanos) -> Bool {
        pods.contains { $0.service == service && $0.namespace == AppModel.namespace && ($0.serving(at: t) || ($0.generation == 0 && $0.alive(at: t) && $0.crashFrom == nil)) }
    }

    func appPods(alive t: Nanos) -> [PodInstance] { pods.filter { $0.namespace == AppModel.namespace && $0.alive(at: t) } }
}
