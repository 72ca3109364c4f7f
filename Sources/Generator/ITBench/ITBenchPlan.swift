import Snapshot

/// One step of an ITBench fault sequence, resolved against the generated cluster: what it acts on, when, and with what.
struct ITBenchStep: Sendable, Equatable {
    var mechanism: ITBenchMechanism
    var phase: String
    /// The object of `args.kubernetesObject`.
    var kind: String
    var name: String
    var namespace: String
    /// The application workload the step acts on (nil: a node, a namespace, the whole application).
    var service: String?
    var at: Nanos
    var container: String?
    var environment: [String] = []
    var flag: String?
    var flagState: String?
    /// Chaos Mesh: experiment type, action, the workloads it selects and the peers it cuts them from, duration, latency.
    var chaosType: String?
    var chaosAction: String?
    var chaosSpecJSON: String?
    var chaosSelected: [String] = []
    var chaosSelectedNamespace: String?
    var chaosPeers: [String] = []
    var chaosDuration: Int64?
    var chaosLatency: Int64?
    /// The experiment objects the Schedule creates are named this (a name the ground truth's group accepts, when it names one).
    var experimentName: String?
    var targetPort: Int?
    var replicas: Int?
    var configMap: String?
    var httpMethods: [String] = []
    var surgeRPS: Int?
    /// The object the fault creates (NetworkPolicy, ResourceQuota, PriorityClass, AuthorizationPolicy, PeerAuthentication).
    var createdName: String?
    var node: String?
}

/// What a service does to calls into it from a point in time.
struct ITBenchEffect: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case error(String), slow(Int64), unreachable(String) }
    var service: String
    var from: Nanos
    var kind: Kind
    /// Share of calls affected.
    var share: Double = 1
    /// Only this operation (nil: every operation).
    var operation: String? = nil
    /// Active for `window` ns of every `period` ns from `from` (a scheduled experiment), or always.
    var window: Int64? = nil
    var period: Int64? = nil

    func active(at t: Nanos) -> Bool {
        guard t >= from else { return false }
        guard let window, let period, period > 0 else { return true }
        return (t - from) % period < window
    }
}

/// An alert the incident fires: the fault library's expected alerts on the faulted workload and the alerts the ground
/// truth names on their entities. `pod` labels resolve to the pod of `podOf` alive when the alert is evaluated.
struct ITBenchAlert: Sendable, Equatable {
    var name: String
    var labels: [[String]]
    var podOf: String?
    var description: String
    var since: Nanos
    var severity = "warning"
}

/// Memory or CPU pressure on a workload's pods (a StressChaos, a JVM heap stress, a leak without limits).
struct ITBenchPressure: Sendable, Equatable {
    var service: String
    var from: Nanos
    var memoryFactor: Double
    var extraCPU: Double
}

/// Everything an ITBench incident renders: the steps, their effects on traffic, the alerts and pressure.
public struct ITBenchPlan: Sendable, Equatable {
    var scenario: String
    var steps: [ITBenchStep]
    var effects: [ITBenchEffect]
    var alerts: [ITBenchAlert]
    var pressure: [ITBenchPressure]
    /// Objects the ground truth names that nothing else creates: (kind, namespace, name).
    var ensured: [[String]]
    var faultTime: Nanos
}
