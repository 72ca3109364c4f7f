import Snapshot

/// What happens to one call (hop) while a fault is active.
enum HopOutcome {
    /// The callee answers with an error after its normal work.
    case error(String)
    /// The callee answers, `ns` slower.
    case slow(Int64)
    /// The callee is never reached: the caller's client span fails after `after` ns.
    case unreachable(String, after: Int64)
}

/// An alert a fault adds on top of the request-rate rules (pod, deployment or HPA alerts).
struct ExtraAlert {
    var name: String
    var labels: [(String, String)]
    var description: String
    var since: Nanos
    var severity = "warning"
}

/// One injected fault: how it shows in traffic, manifests, pods, events, metrics, alerts and the ground truth.
/// Every hook has a no-op default, so a fault implements only what it touches.
protocol FaultModel {
    /// Short human label (never shown to a practising user).
    var label: String { get }
    /// Changes pods (restarts, crashes, deletions, scale-ups) once, before generation.
    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG)
    /// The outcome of a call to `callee.operation` at `t`, or nil when unaffected.
    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome?
    /// Objects that exist only because of the fault (a NetworkPolicy, a chaos object, a quota).
    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])]
    /// Edits a generated manifest at `t` (a Deployment's image, an HPA's spec).
    func modify(_ manifest: inout [String: Any], kind: String, name: String, namespace: String?, at t: Nanos)
    /// Whether a generated object is gone at `t` (a deleted Service).
    func removes(kind: String, name: String, namespace: String?, at t: Nanos) -> Bool
    /// Kubernetes events the fault causes.
    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec)
    /// Memory use as a multiple of normal for a pod at `t`.
    func memoryFactor(_ pod: PodInstance, at t: Nanos) -> Double
    /// Extra CPU seconds per second for a pod at `t`.
    func extraCPU(_ pod: PodInstance, at t: Nanos) -> Double
    /// Alerts beyond the request-rate rules, active at `t`.
    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert]
    /// Adds root causes, symptoms, aliases, propagations and explained alerts to the ground truth.
    func groundTruth(_ gt: inout GroundTruthBuilder)
}

extension FaultModel {
    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {}
    func outcome(callee: String, operation: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? { nil }
    func extraObjects(at t: Nanos, cluster: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] { [] }
    func modify(_ manifest: inout [String: Any], kind: String, name: String, namespace: String?, at t: Nanos) {}
    func removes(kind: String, name: String, namespace: String?, at t: Nanos) -> Bool { false }
    func events(_ w: EventsWriter, roster: PodRoster, spec: ScenarioSpec) {}
    func memoryFactor(_ pod: PodInstance, at t: Nanos) -> Double { 1 }
    func extraCPU(_ pod: PodInstance, at t: Nanos) -> Double { 0 }
    func alerts(at t: Nanos, roster: PodRoster, spec: ScenarioSpec) -> [ExtraAlert] { [] }
}

/// Event helpers shared by faults.
extension EventsWriter {
    func event(_ t: Nanos, _ type: String, _ reason: String, _ message: String, kind: String, name: String, namespace: String,
               component: String, count: Int = 1, first: Nanos? = nil) {
        add(.init(time: t + 600_000_000, first: first ?? t, last: t, count: count, type: type, reason: reason, message: message,
                  kind: kind, name: name, namespace: namespace, component: component))
    }

    /// A repeating warning (count increments every `every` ns from `from` to `to`), recorded at each update.
    func repeating(from: Nanos, to: Nanos, every: Int64, _ reason: String, _ message: String, kind: String, name: String,
                   namespace: String, component: String) {
        var t = from, n = 1
        while t < to {
            add(.init(time: t + 600_000_000, first: from, last: t, count: n, type: "Warning", reason: reason, message: message,
                      kind: kind, name: name, namespace: namespace, component: component, watch: n == 1 ? "ADDED" : "MODIFIED"))
            t += every; n += 1
        }
    }
}
