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

    public init(name: String, description: String, seed: UInt64 = 1, start: Nanos = Timestamp.parse("2026-03-10 09:00:00")!,
                minutes: Int = 20, rps: Double = 0.25, faultAt: Double = 0.45, faults: [FaultSpec], metricInterval: Int = 30,
                verboseLogs: Bool = true) {
        self.name = name; self.description = description; self.seed = seed; self.start = start; self.minutes = minutes
        self.rps = rps; self.faultAt = faultAt; self.faults = faults; self.metricInterval = metricInterval; self.verboseLogs = verboseLogs
    }

    public var end: Nanos { start + Int64(minutes) * 60_000_000_000 }
    public var faultTime: Nanos { start + Int64(Double(minutes) * 60 * faultAt) * 1_000_000_000 }
}

/// A fault the generator can inject.
public enum FaultSpec: Sendable {
    /// A flagd feature flag turned on in the `flagd-config` ConfigMap; the flagged service fails some operations.
    case featureFlag(flag: String, service: String, operation: String, errorRate: Double, message: String)

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
}
