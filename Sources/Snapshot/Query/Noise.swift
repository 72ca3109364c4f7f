/// The benchmark's background noise: alerts that always fire and the benchmark's own namespaces.
public enum Noise {
    /// Alerts present in every ITBench snapshot regardless of the fault.
    public static let alwaysFiring: Set<String> = [
        "Watchdog", "InfoInhibitor", "KubeClientCertificateExpiration", "KubeSchedulerDown", "KubeControllerManagerDown",
        "CPUThrottlingHigh", "PrometheusNotConnectedToAlertmanagers", "KubeProxyDown", "TargetDown", "NodeClockNotSynchronising",
    ]
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
}
