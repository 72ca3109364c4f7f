/// An ITBench fault-injection mechanism: an `id` of `spec.faults[].injections[]` (or of a `waitFor` helper) in a
/// scenario file, with what its page in ITBench's fault library says: the categories and the alerts expected to fire.
/// The three helpers (restart, delete pods, scale) have no page; they are steps of another fault's sequence.
public enum ITBenchMechanism: String, CaseIterable, Sendable {
    case cordonedWorkerNode = "cordoned-kubernetes-worker-node"
    case corruptedSecretCredentials = "corrupted-kubernetes-secret-credentials"
    case crashingInitContainer = "crashing-kubernetes-workload-init-container"
    case deletedService = "deleted-kubernetes-service"
    case disabledIstioAmbientMode = "disabled-istio-ambient-mode-kubernetes-namespace"
    case failingNameResolutionDNSPolicy = "failing-name-resolution-kubernetes-workload-dns-policy"
    case hangingInitContainer = "hanging-kubernetes-workload-init-container"
    case ingressPortBlockingNetworkPolicy = "ingress-port-blocking-network-policy"
    case insufficientResourceQuota = "insufficient-kubernetes-resource-quota"
    case insufficientContainerResources = "insufficient-kubernetes-workload-container-resources"
    case invalidServiceSelector = "invalid-kubernetes-service-selector"
    case invalidContainerCommand = "invalid-kubernetes-workload-container-command"
    case apiServerRequestSurge = "kubernetes-api-server-request-surge"
    case misconfiguredHPA = "misconfigured-kubernetes-horizontal-pod-autoscaler"
    case misconfiguredReadinessProbe = "misconfigured-kubernetes-workload-container-readiness-probe"
    case modifiedEnvironmentVariable = "modified-kubernetes-workload-container-environment-variable"
    case modifiedServiceTargetPort = "modified-target-port-kubernetes-service"
    case nonexistentContainerImage = "nonexistent-kubernetes-workload-container-image"
    case nonexistentNode = "nonexistent-kubernetes-workload-node"
    case nonexistentPersistentVolumeClaim = "nonexistent-kubernetes-workload-persistent-volume-claim"
    case featureFlag = "opentelemetry-demo-feature-flag"
    case priorityPreemption = "priority-kubernetes-workload-priority-preemption"
    case scaledToZero = "scaled-to-zero-kubernetes-workload"
    case scheduledChaosMeshExperiment = "scheduled-chaos-mesh-experiment"
    case strictMutualTLS = "strict-mutual-tls-istio-service-mesh-enforcement"
    case trafficDenyingAuthorizationPolicy = "traffic-denying-istio-gateway-authorization-policy"
    case unassignedResourceLimits = "unassigned-kubernetes-workload-container-resource-limits"
    case unschedulableAntiAffinity = "unschedulable-kubernetes-workload-pod-anti-affinity-rule"
    case unsupportedArchitectureImage = "unsupported-architecture-kubernetes-workload-container-image"
    case valkeyChangedPassword = "valkey-workload-changed-password"
    case valkeyOutOfMemory = "valkey-workload-out-of-memory"
    // Helpers: steps before or after an injection (`waitFor.preInjection` / `postInjection`).
    case restartWorkload = "restart-kubernetes-workload"
    case deleteWorkloadPods = "delete-workload-pods"
    case scaleWorkload = "scale-kubernetes-workload"

    /// Whether this is a helper step rather than a fault of the library.
    public var isHelper: Bool { [.restartWorkload, .deleteWorkloadPods, .scaleWorkload].contains(self) }

    /// Arguments the injection must carry besides `kubernetesObject` (as every real scenario file gives them).
    public var requiredArguments: [String] {
        switch self {
        case .featureFlag: return ["flag"]
        case .scheduledChaosMeshExperiment: return ["scheduleSpec"]
        case .modifiedServiceTargetPort: return ["targetPort"]
        case .scaleWorkload: return ["replicas"]
        case .crashingInitContainer: return ["configMapName"]
        case .trafficDenyingAuthorizationPolicy: return ["httpMethods"]
        case .apiServerRequestSurge: return ["loadGenerator"]
        case .insufficientContainerResources, .invalidContainerCommand, .misconfiguredReadinessProbe, .modifiedEnvironmentVariable,
             .nonexistentContainerImage, .nonexistentPersistentVolumeClaim, .unassignedResourceLimits, .unsupportedArchitectureImage,
             .valkeyChangedPassword, .valkeyOutOfMemory:
            return ["container"]
        default: return []
        }
    }

    /// Every argument the mechanism reads; anything else is refused as unsupported.
    public var knownArguments: Set<String> { Set(["kubernetesObject"] + requiredArguments) }

    /// The alerts the fault library page lists as expected to fire.
    public var expectedAlerts: [String] {
        switch self {
        case .cordonedWorkerNode, .insufficientResourceQuota, .misconfiguredReadinessProbe, .nonexistentContainerImage, .nonexistentNode,
             .nonexistentPersistentVolumeClaim, .priorityPreemption, .unschedulableAntiAffinity, .unsupportedArchitectureImage:
            return ["KubePodNotReady"]
        case .corruptedSecretCredentials, .deletedService, .failingNameResolutionDNSPolicy, .invalidServiceSelector, .modifiedServiceTargetPort,
             .strictMutualTLS:
            return ["HighRequestErrorRate"]
        case .crashingInitContainer, .hangingInitContainer: return ["KubeContainerWaiting"]
        case .disabledIstioAmbientMode, .trafficDenyingAuthorizationPolicy: return ["NoRequestsReceived"]
        case .ingressPortBlockingNetworkPolicy, .scaledToZero: return ["NoRequestsReceived", "HighRequestErrorRate"]
        case .insufficientContainerResources, .invalidContainerCommand, .valkeyOutOfMemory: return ["KubePodCrashLooping"]
        case .apiServerRequestSurge, .valkeyChangedPassword: return ["HighRequestLatency"]
        case .misconfiguredHPA: return ["KubeHpaMaxedOut"]
        case .modifiedEnvironmentVariable, .featureFlag, .scheduledChaosMeshExperiment, .unassignedResourceLimits,
             .restartWorkload, .deleteWorkloadPods, .scaleWorkload:
            return []
        }
    }

    /// The categories on the library page (empty for helpers).
    public var categories: [String] {
        switch self {
        case .corruptedSecretCredentials: return ["Authentication", "Deployment"]
        case .valkeyChangedPassword: return ["Deployment", "Authentication"]
        case .crashingInitContainer: return ["Code", "Deployment", "Performance"]
        case .valkeyOutOfMemory: return ["Deployment", "Code"]
        case .nonexistentPersistentVolumeClaim: return ["Deployment"]
        case .deletedService, .disabledIstioAmbientMode, .failingNameResolutionDNSPolicy, .ingressPortBlockingNetworkPolicy, .invalidServiceSelector,
             .modifiedServiceTargetPort, .strictMutualTLS, .trafficDenyingAuthorizationPolicy:
            return ["Deployment", "Networking"]
        case .restartWorkload, .deleteWorkloadPods, .scaleWorkload: return []
        default: return ["Deployment", "Performance"]
        }
    }
}
