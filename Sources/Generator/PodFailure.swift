/// How a pod fails, as its status and the kubelet show it: a crash loop, an image that cannot be pulled, a pod the
/// scheduler cannot place, an init container that crashes or hangs, or a container that runs but is never ready.
enum PodFailure: Sendable, Equatable {
    /// The main container exits (`reason`: Error, OOMKilled, ContainerCannotRun) and is restarted with back-off.
    case crashLoop(reason: String, exitCode: Int, message: String)
    /// The image cannot be pulled (ErrImagePull, then ImagePullBackOff).
    case imagePull(message: String)
    /// The scheduler cannot place the pod (phase Pending, condition PodScheduled False).
    case unschedulable(message: String)
    /// An init container exits non-zero and is restarted with back-off (`Init:CrashLoopBackOff`).
    case initCrash(container: String, message: String)
    /// An init container never finishes (`Init:0/1`).
    case initHang(container: String)
    /// The container runs but its readiness probe fails.
    case notReady(message: String)
    /// A volume cannot be mounted (a missing PersistentVolumeClaim keeps the pod Pending).
    case missingVolume(claim: String)

    /// The `containerStatuses[].state.waiting.reason` (or nil when the container runs).
    var waitingReason: String? {
        switch self {
        case .crashLoop: return "CrashLoopBackOff"
        case .imagePull: return "ImagePullBackOff"
        case .unschedulable, .missingVolume: return nil
        case .initCrash: return "PodInitializing"
        case .initHang: return "PodInitializing"
        case .notReady: return nil
        }
    }
    /// Whether the pod never gets a node.
    var pending: Bool {
        switch self { case .unschedulable, .missingVolume: return true; default: return false }
    }
}
