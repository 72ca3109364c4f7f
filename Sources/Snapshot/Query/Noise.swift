/// The benchmark's background noise: alerts that always fire and the benchmark's own namespaces.
public enum Noise {
    /// Alerts present in every ITBench snapshot regardless of the fault.
    public static let alwaysFiring: Set<String> = [
        "Watchdog", "InfoInhibitor", "KubeClientCertificateExpiration", "KubeSchedulerDown", "KubeControllerManagerDown",
        "CPUThrottlingHigh", "PrometheusNotConnectedToAlertmanagers", "KubeProxyDown", "TargetDown", "NodeClockNotSynchronising",
    ]
    /// Warning events every busy cluster repeats whatever happened (a pod's DNS search list over the resolver's
    /// limit): shown with the events, never taken as the start of an incident.
    public static let benignWarnings: Set<String> = ["DNSConfigForming"]
    /// Benchmark infrastructure namespaces (IBM's list) plus the usual cluster add-ons.
    public static let infrastructureNamespaces: Set<String> = [
        "kube-system", "data-recorders", "clickhouse", "clickhouse-operator", "prometheus", "opentelemetry-operator",
        "opentelemetry-collectors", "metrics-server", "opensearch", "ingress-nginx", "chaos-mesh", "kube-public", "kube-node-lease",
        "local-path-storage", "cert-manager",
    ]

    public static func isInfrastructure(namespace: String?) -> Bool {
        guard let ns = namespace else { return false }
        return infrastructureNamespaces.contains(ns)
    }

    /// Whether an entity is background: in an infrastructure namespace, unless it is a Chaos Mesh experiment (or the
    /// Schedule or Workflow that creates one). The experiment lives in `chaos-mesh` but is the injected fault itself,
    /// the root cause in ITBench's ground truths, so hiding noise never hides it or its events.
    public static func isBackground(_ entity: EntityID) -> Bool {
        isInfrastructure(namespace: entity.namespace) && !Kind.chaos.contains(entity.kind)
    }
}
