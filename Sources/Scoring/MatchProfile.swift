/// How literally submitted entities are compared with ground-truth groups.
public enum MatchProfile: String, Sendable, Codable, CaseIterable {
    /// Anchored regex or exact name, the group's own kind, authored alias sets. No relaxations.
    case strict
    /// `strict` plus: owned-object suffix relaxation (`checkout-.*` accepts `checkout`), workload equivalence
    /// (Pod / ReplicaSet / Deployment / StatefulSet / DaemonSet / Service of the same workload), pod names reduced
    /// to their workload, and the `-service` naming of architecture files (`.*adservice` accepts `ad`).
    /// The default: closest to how the benchmark's answers are judged (see docs/SCORING.md).
    case lenient
    /// IBM's ITBench evaluator, reproduced: strict name and kind matching, every prediction that matches a root cause
    /// or an alias of one is correct (several may hit the same root), predictions in IBM's infrastructure namespaces
    /// are dropped first, precision = correct / predictions, recall = distinct roots found / roots, headline F1.
    case ibm

    public static let `default` = MatchProfile.lenient
}

/// Options of a scoring run.
public struct ScoringOptions: Sendable {
    public var profile: MatchProfile
    /// Drop submitted entities in benchmark-infrastructure namespaces before scoring (IBM's evaluator does; off by default).
    public var excludeInfrastructure: Bool
    public init(profile: MatchProfile = .default, excludeInfrastructure: Bool = false) {
        self.profile = profile; self.excludeInfrastructure = excludeInfrastructure
    }

    /// IBM's default excluded namespaces.
    public static let infrastructureNamespaces: Set<String> = [
        "kube-system", "data-recorders", "clickhouse", "clickhouse-operator", "prometheus", "opentelemetry-operator",
        "opentelemetry-collectors", "metrics-server", "opensearch",
    ]
}
