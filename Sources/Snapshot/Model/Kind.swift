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

    /// Chaos Mesh kinds: fault-injection machinery.
    public static let chaos: Set<String> = [
        "NetworkChaos", "PodChaos", "StressChaos", "JVMChaos", "HTTPChaos", "IOChaos", "DNSChaos", "TimeChaos", "Schedule", "Workflow",
    ]

    /// Workload kinds that own pods.
    public static let workloads: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"]
}
