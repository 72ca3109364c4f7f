import Snapshot

/// What to generate: the incident's time frame, traffic volume and faults. Same spec and seed, same bytes.
public struct ScenarioSpec: Sendable {
    public var name: String
    /// One line shown by `triage info`; must not give the answer away.
    public var description: String
    public var seed: UInt64
    /// Recording start.
    public var start: Nanos
    public var minutes: Int
    /// Load-generator requests per second.
    public var rps: Double
    /// When the fault is injected, as a fraction of the recording.
    public var faultAt: Double
    public var faults: [FaultSpec]
    /// Seconds between metric samples.
    public var metricInterval: Int
    /// Write application logs for every request (false: errors and a sample only).
    public var verboseLogs: Bool
    /// Ground-truth files written as given (name → text) instead of the one built from the faults (ITBench incidents).
    public var truthFiles: [String: String] = [:]
    /// Names of the request error-rate and latency rules (ITBench's library says HighRequestErrorRate, HighRequestLatency).
    public var errorRule = "RequestErrorRate"
    public var latencyRule = "RequestLatency"
    /// Always-on alerts and routine background events (off only for an ITBench incident with `--noise none`).
    public var backgroundNoise = true
    /// Red herrings and unrelated warnings (`noise:` in a scenario file, `--noise` for ITBench incidents).
    public var noise: IncidentNoise = .none
    /// The workloads changed as red herrings (nil: chosen by seed among those `noiseAvoids` leaves).
    public var herrings: [String]? = nil
    /// Workloads the noise must not touch (nil: the faults' services and their callers up to the proxy).
    public var noiseAvoid: Set<String>? = nil
    /// The application to run (nil: the otel-demo shop), as an ITBench scenario compiled it.
    var application: AppDefinition? = nil

    var noiseAvoids: Set<String> {
        if let noiseAvoid { return noiseAvoid }
        var out = Set<String>()
        for f in faults {
            var cur = f.service
            while let c = cur, !out.contains(c) { out.insert(c); cur = SnapshotGenerator.caller(of: c) }
        }
        return out
    }

    public init(name: String, description: String, seed: UInt64 = 1, start: Nanos = Timestamp.parse("2026-03-10 09:00:00")!,
                minutes: Int = 20, rps: Double = 0.25, faultAt: Double = 0.45, faults: [FaultSpec], metricInterval: Int = 30,
                verboseLogs: Bool = true) {
        self.name = name; self.description = description; self.seed = seed; self.start = start; self.minutes = minutes
        self.rps = rps; self.faultAt = faultAt; self.faults = faults; self.metricInterval = metricInterval; self.verboseLogs = verboseLogs
    }

    public var end: Nanos { start + Int64(minutes) * 60_000_000_000 }
    public var faultTime: Nanos { start + Int64(Double(minutes) * 60 * faultAt) * 1_000_000_000 }
}

/// A fault the generator can inject. Several in one scenario make independent root causes.
public enum FaultSpec: Sendable, Equatable {
    /// A flagd feature flag turned on in the `flagd-config` ConfigMap; the flagged service fails some operations.
    case featureFlag(flag: String, service: String, operation: String, errorRate: Double, message: String)
    /// A NetworkPolicy blocking all ingress to a service.
    case networkPolicy(service: String)
    /// A Deployment rolled out with an image that cannot run; its pods crash-loop.
    case badRollout(service: String)
    /// A ResourceQuota exhausted, so a service's evicted pod cannot be recreated.
    case resourceQuota(service: String)
    /// A Chaos Mesh NetworkChaos: `delay` or `partition`.
    case chaosNetwork(service: String, action: String)
    /// A Chaos Mesh StressChaos: `memory` or `cpu`.
    case stress(service: String, resource: String)
    /// An HPA that scales a deployment to its maximum and never down.
    case hpa(service: String)
    /// An ITBench scenario's fault sequence, compiled against its ground truth.
    case itbench(ITBenchPlan)

    /// Fault kinds as written in scenario files and on the command line.
    public static let kinds = ["feature-flag", "network-policy", "bad-rollout", "resource-quota", "network-delay", "network-partition",
                               "memory-stress", "cpu-stress", "hpa"]

    /// Every known fault flag of the otel-demo, with its failing operation.
    public static func flag(_ name: String) -> FaultSpec? {
        switch name {
        case "productCatalogFailure":
            return .featureFlag(flag: name, service: "product-catalog", operation: "GetProduct", errorRate: 0.1,
                                message: "Error: Product Catalog Fail Feature Flag Enabled")
        case "cartFailure":
            return .featureFlag(flag: name, service: "cart", operation: "EmptyCart", errorRate: 1.0,
                                message: "Can't access cart storage. System.ApplicationException: Wasn't able to connect to redis")
        case "paymentFailure":
            return .featureFlag(flag: name, service: "payment", operation: "Charge", errorRate: 0.5,
                                message: "Payment request failed. Invalid token. app.loyalty.level=gold")
        case "adFailure":
            return .featureFlag(flag: name, service: "ad", operation: "GetAds", errorRate: 0.1,
                                message: "io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED")
        default: return nil
        }
    }

    /// Builds a fault from its kind name and target (`service`, or `flag` for feature flags).
    public static func make(kind: String, service: String?, flag: String?) throws -> FaultSpec {
        func svc() throws -> String {
            guard let s = service else { throw GeneratorError("fault '\(kind)' needs a service") }
            guard AppModel.services.contains(where: { $0.name == s }) else {
                throw GeneratorError("unknown service '\(s)'; known: \(AppModel.services.map(\.name).joined(separator: ", "))")
            }
            return s
        }
        switch kind {
        case "feature-flag":
            guard let f = flag.flatMap(FaultSpec.flag) else {
                throw GeneratorError("fault 'feature-flag' needs flag: productCatalogFailure, cartFailure, paymentFailure or adFailure")
            }
            return f
        case "network-policy": return .networkPolicy(service: try svc())
        case "bad-rollout": return .badRollout(service: try svc())
        case "resource-quota": return .resourceQuota(service: try svc())
        case "network-delay": return .chaosNetwork(service: try svc(), action: "delay")
        case "network-partition": return .chaosNetwork(service: try svc(), action: "partition")
        case "memory-stress": return .stress(service: try svc(), resource: "memory")
        case "cpu-stress": return .stress(service: try svc(), resource: "cpu")
        case "hpa": return .hpa(service: try svc())
        default: throw GeneratorError("unknown fault kind '\(kind)'; known: \(kinds.joined(separator: ", "))")
        }
    }

    /// The service the fault acts on (nil for an ITBench sequence, which names its own).
    var service: String? {
        switch self {
        case .featureFlag(_, let s, _, _, _), .networkPolicy(let s), .badRollout(let s), .resourceQuota(let s), .chaosNetwork(let s, _),
             .stress(let s, _), .hpa(let s):
            return s
        case .itbench: return nil
        }
    }

    /// `KIND:TARGET`, as `--fault` takes it.
    public var label: String {
        switch self {
        case .featureFlag(let flag, _, _, _, _): return "feature-flag:\(flag)"
        case .networkPolicy(let s): return "network-policy:\(s)"
        case .badRollout(let s): return "bad-rollout:\(s)"
        case .resourceQuota(let s): return "resource-quota:\(s)"
        case .chaosNetwork(let s, let a): return "network-\(a):\(s)"
        case .stress(let s, let r): return "\(r)-stress:\(s)"
        case .hpa(let s): return "hpa:\(s)"
        case .itbench(let p): return "itbench:\(p.scenario)"
        }
    }

    /// The model that plays the fault out, starting at `start`.
    func model(start: Nanos) -> FaultModel {
        switch self {
        case .featureFlag(let flag, let service, let op, let rate, let message):
            return FeatureFlagFault(flag: flag, service: service, operation: op, errorRate: rate, message: message, start: start)
        case .networkPolicy(let s): return NetworkPolicyFault(service: s, start: start)
        case .badRollout(let s): return BadRolloutFault(service: s, start: start)
        case .resourceQuota(let s): return QuotaFault(service: s, start: start)
        case .chaosNetwork(let s, let a): return ChaosNetworkFault(service: s, action: a, start: start)
        case .stress(let s, let r): return StressFault(service: s, resource: r, start: start)
        case .hpa(let s): return HPAFault(service: s, start: start)
        case .itbench(let p): return ITBenchFault(plan: p)
        }
    }
}
