/// Kubernetes kind names and the short forms kubectl accepts (`deploy`, `svc`, `po`, `netpol`, plurals, any case).
public enum Kind {
    /// Canonical kinds with their aliases (lowercase). Chaos Mesh kinds included.
    static let table: [(String, [String])] = [
        ("Pod", ["po", "pods", "pod"]),
        ("Service", ["svc", "services", "service"]),
        ("Deployment", ["deploy", "deployments", "deployment"]),
        ("ReplicaSet", ["rs", "replicasets", "replicaset"]),
        ("StatefulSet", ["sts", "statefulsets", "statefulset"]),
        ("DaemonSet", ["ds", "daemonsets", "daemonset"]),
        ("Job", ["jobs", "job"]),
        ("CronJob", ["cj", "cronjobs", "cronjob"]),
        ("ConfigMap", ["cm", "configmaps", "configmap"]),
        ("Secret", ["secrets", "secret"]),
        ("Namespace", ["ns", "namespaces", "namespace"]),
        ("Node", ["no", "nodes", "node"]),
        ("NetworkPolicy", ["netpol", "networkpolicies", "networkpolicy"]),
        ("HorizontalPodAutoscaler", ["hpa", "horizontalpodautoscalers", "horizontalpodautoscaler"]),
        ("PersistentVolumeClaim", ["pvc", "persistentvolumeclaims", "persistentvolumeclaim"]),
        ("PersistentVolume", ["pv", "persistentvolumes", "persistentvolume"]),
        ("ResourceQuota", ["quota", "resourcequotas", "resourcequota"]),
        ("LimitRange", ["limits", "limitranges", "limitrange"]),
        ("ServiceAccount", ["sa", "serviceaccounts", "serviceaccount"]),
        ("Endpoints", ["ep", "endpoints"]),
        ("Ingress", ["ing", "ingresses", "ingress"]),
        ("PodDisruptionBudget", ["pdb", "poddisruptionbudgets", "poddisruptionbudget"]),
        ("StorageClass", ["sc", "storageclasses", "storageclass"]),
        ("Role", ["roles", "role"]),
        ("RoleBinding", ["rolebindings", "rolebinding"]),
        ("ClusterRole", ["clusterroles", "clusterrole"]),
        ("ClusterRoleBinding", ["clusterrolebindings", "clusterrolebinding"]),
        ("CustomResourceDefinition", ["crd", "crds", "customresourcedefinitions", "customresourcedefinition"]),
        ("VolumeAttachment", ["volumeattachments", "volumeattachment"]),
        ("ReplicationController", ["rc", "replicationcontrollers", "replicationcontroller"]),
        ("Event", ["ev", "events", "event"]),
        ("NetworkChaos", ["networkchaos", "networkchaoses"]),
        ("PodChaos", ["podchaos", "podchaoses"]),
        ("StressChaos", ["stresschaos", "stresschaoses"]),
        ("JVMChaos", ["jvmchaos", "jvmchaoses"]),
        ("HTTPChaos", ["httpchaos", "httpchaoses"]),
        ("IOChaos", ["iochaos", "iochaoses"]),
        ("DNSChaos", ["dnschaos", "dnschaoses"]),
        ("TimeChaos", ["timechaos", "timechaoses"]),
        ("Schedule", ["schedule", "schedules"]),
        ("Workflow", ["workflow", "workflows"]),
        // Not a Kubernetes object: an OpenTelemetry service seen in traces, logs or metrics only.
        ("OtelService", ["otelservice", "otel-service"]),
    ]

    static let lookup: [String: String] = {
        var m = [String: String]()
        for (canon, aliases) in table {
            m[canon.lowercased()] = canon
            for a in aliases { m[a] = canon }
        }
        return m
    }()

    /// The canonical kind for any accepted spelling, or nil when unknown.
    public static func canonical(_ s: String) -> String? { lookup[s.lowercased()] }

    /// The canonical kind when known, otherwise the input unchanged (unknown CRDs keep their kind).
    public static func normalize(_ s: String) -> String { lookup[s.lowercased()] ?? s }

    /// Kinds that exist without a namespace.
    public static let clusterScoped: Set<String> = [
        "Node", "Namespace", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "VolumeAttachment",
    ]

    /// Chaos Mesh experiment kinds, with the `Schedule` and `Workflow` objects that create experiments. In ITBench the
    /// experiment object is the root cause of a chaos-injected fault (v2 ground truths often name its Schedule); the
    /// Chaos Mesh controller, daemon and dashboard workloads are infrastructure, see `chaosInfrastructure`.
    public static let chaos: Set<String> = [
        "NetworkChaos", "PodChaos", "StressChaos", "JVMChaos", "HTTPChaos", "IOChaos", "DNSChaos", "TimeChaos", "Schedule", "Workflow",
    ]
    /// The experiment kinds alone: what a `Schedule` or `Workflow` creates.
    public static let chaosExperiments: Set<String> = chaos.subtracting(["Schedule", "Workflow"])

    /// Chaos Mesh's own workloads (by name prefix in the chaos-mesh namespace): infrastructure, never a root cause.
    public static func isChaosInfrastructure(namespace: String?, name: String) -> Bool {
        let n = name.lowercased()
        return (namespace ?? "chaos-mesh") == "chaos-mesh"
            && ["chaos-controller-manager", "chaos-daemon", "chaos-dashboard", "chaos-dns-server"].contains { n.hasPrefix($0) }
    }

    /// Every lowercase spelling of a kind: its kubectl aliases, its name, and its name in kebab case
    /// (`HorizontalPodAutoscaler` → `hpa`, `horizontalpodautoscaler`, `horizontal-pod-autoscaler`, ...).
    public static func spellings(of kind: String) -> [String] {
        let canon = normalize(kind)
        var out = [canon.lowercased()]
        var kebab = ""
        for c in canon {
            if c.isUppercase, !kebab.isEmpty { kebab.append("-") }
            kebab.append(Character(c.lowercased()))
        }
        out.append(kebab)
        out += table.first { $0.0 == canon }?.1 ?? []
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    /// Workload kinds that own pods.
    public static let workloads: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]
}
