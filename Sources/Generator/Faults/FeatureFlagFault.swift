import Snapshot

/// A flagd feature flag turned on in the `flagd-config` ConfigMap; flagd is restarted and the flagged service fails
/// some operations. Root cause: the ConfigMap.
struct FeatureFlagFault: FaultModel {
    let flag: String
    let service: String
    let operation: String
    let errorRate: Double
    let message: String
    let start: Nanos

    var label: String { "feature flag \(flag)" }

    func shapePods(_ roster: inout PodRoster, spec: ScenarioSpec, rng: inout RNG) {
        if !roster.restarts.contains(where: { $0.0 == "flagd" }) { roster.restart("flagd", at: start + 10_000_000_000, rng: &rng) }
    }

    func outcome(callee: String, operation op: String, at t: Nanos, product: String, rng: inout RNG) -> HopOutcome? {
        guard t >= start + 20_000_000_000, callee == service, op == operation else { return nil }
        if flag == "productCatalogFailure" { return product == AppModel.products[0] ? .error(message) : nil }
        return rng.chance(errorRate) ? .error(message) : nil
    }

    func groundTruth(_ gt: inout GroundTruthBuilder) {
        gt.root(id: "flagd-config", kind: "ConfigMap", namespace: gt.ns, name: "flagd-config")
        gt.fault(category: "Configuration Setting", condition: "\(flag) feature flag set", kind: "ConfigMap", name: "flagd-config",
                 mechanism: "custom(flagd)", element: "data.demo\\.flagd\\.json",
                 from: "\"\(flag)\": {... \"defaultVariant\": \"off\" }", to: "\"\(flag)\": {... \"defaultVariant\": \"on\" }")
        gt.chain(from: "flagd-config", into: service, condition: "Feature flag \(flag) makes \(service) fail \(operation) requests",
                 effect: "\(service) returns errors for \(operation)")
        gt.action("Disable the \(flag) flag in flagd-config")
    }
}
