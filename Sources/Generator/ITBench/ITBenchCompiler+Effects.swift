import Scoring
import Snapshot

/// Effects, alerts, ensured objects and red herrings of an ITBench plan.
extension ITBenchCompiler {
    private static let second: Int64 = 1_000_000_000

    mutating func effect(_ service: String?, _ kind: ITBenchEffect.Kind, at t: Nanos, share: Double = 1, operation: String? = nil,
                         window: Int64? = nil, period: Int64? = nil) {
        guard let service, map.app.services.contains(where: { $0.name == service }) else { return }
        effects.append(ITBenchEffect(service: service, from: t, kind: kind, share: share, operation: operation, window: window, period: period))
    }

    /// What an injection does to traffic and resources, as its library page says, and the alerts the page lists.
    mutating func addEffects(of s: ITBenchStep) {
        let svc = s.service
        let app = map.app
        let soon = s.at + 15 * Self.second
        switch s.mechanism {
        case .featureFlag:
            guard let flag = s.flag, s.flagState != "off", let b = ITBenchFlags.behaviour(flag) else { break }
            if let k = b.kind { effect(b.service, k, at: s.at + 20 * Self.second, share: b.share, operation: b.operation) }
            if b.memory != 1 || b.cpu != 0 { pressure.append(ITBenchPressure(service: b.service, from: s.at + 20 * Self.second, memoryFactor: b.memory, extraCPU: b.cpu)) }
        case .deletedService: effect(svc, .unreachable("dial tcp: lookup \(s.name) on 10.100.0.10:53: no such host"), at: s.at)
        case .invalidServiceSelector: effect(svc, .unreachable("no healthy upstream"), at: s.at + 2 * Self.second)
        case .modifiedServiceTargetPort:
            effect(svc, .unreachable("upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111"), at: s.at + 2 * Self.second)
        case .ingressPortBlockingNetworkPolicy: effect(svc, .unreachable("upstream request timeout: dial tcp \(svc ?? s.name):\(app.service(svc ?? s.name).port): i/o timeout"), at: s.at + 3 * Self.second)
        case .strictMutualTLS: effect(svc, .unreachable("upstream connect error or disconnect/reset before headers. reset reason: connection termination"), at: s.at + 5 * Self.second)
        case .trafficDenyingAuthorizationPolicy: effect(app.frontend, .unreachable("RBAC: access denied"), at: s.at + 5 * Self.second)
        case .disabledIstioAmbientMode:
            effect(app.frontend, .unreachable("upstream connect error or disconnect/reset before headers. reset reason: connection termination, transport failure reason: TLS_error"), at: s.at + 10 * Self.second)
        case .failingNameResolutionDNSPolicy: effect(svc, .error("getaddrinfo EAI_AGAIN \(firstCallee(of: svc) ?? "upstream")"), at: soon)
        case .modifiedEnvironmentVariable:
            let target = s.environment.count > 1 ? s.environment[1] : "upstream"
            effect(svc, .error("failed to connect to \(target): dial tcp: address \(target): invalid port"), at: soon)
        case .corruptedSecretCredentials: effect(svc, .error("535 5.7.8 Authentication credentials invalid"), at: s.at + 30 * Self.second)
        case .valkeyChangedPassword: effect(svc, .error("NOAUTH Authentication required."), at: soon)
        case .apiServerRequestSurge: effect(app.frontend, .slow(1_800_000_000), at: s.at + 30 * Self.second, share: 0.6)
        case .misconfiguredHPA: if let svc { pressure.append(ITBenchPressure(service: svc, from: s.at, memoryFactor: 1.1, extraCPU: 0.3)) }
        case .unassignedResourceLimits: if let svc { pressure.append(ITBenchPressure(service: svc, from: s.at, memoryFactor: 2.4, extraCPU: 0)) }
        case .scheduledChaosMeshExperiment: chaosEffects(s)
        default: break
        }
        pageAlerts(s)
    }

    func firstCallee(of svc: String?) -> String? {
        guard let svc else { return nil }
        func find(_ hops: [Hop], parent: String) -> String? {
            for h in hops { if parent == svc { return h.callee }; if let c = find(h.children, parent: h.callee) { return c } }
            return nil
        }
        for f in map.app.flows { if let c = find(f.hops, parent: map.app.frontend) { return c } }
        return nil
    }

    mutating func chaosEffects(_ s: ITBenchStep) {
        let window = s.chaosDuration, period: Int64? = s.chaosDuration == nil ? nil : 60 * Self.second
        let at = s.at + 2 * Self.second
        let selected = (s.chaosSelectedNamespace ?? map.app.namespace) == map.app.namespace ? s.chaosSelected.compactMap(map.resolve) : []
        func each(_ k: ITBenchEffect.Kind, share: Double = 1, on: [String]? = nil) {
            for w in on ?? selected { effect(w, k, at: at, share: share, window: window, period: period) }
        }
        switch (s.chaosType ?? "", s.chaosAction ?? "") {
        case ("NetworkChaos", "delay"): each(.slow(s.chaosLatency ?? 2_000_000_000))
        case ("NetworkChaos", _):
            // A partition or loss between the selected pods and their peers: the callee side of each pair is cut off.
            let peers = s.chaosPeers.compactMap(map.resolve)
            if peers.isEmpty { each(.unreachable("upstream request timeout: i/o timeout")) }
            for w in selected {
                for p in peers {
                    let callee = SnapshotGenerator.caller(of: w) == p ? w : p
                    effect(callee, .unreachable("upstream request timeout: dial tcp \(callee): i/o timeout"), at: at, window: window, period: period)
                }
            }
        case ("PodChaos", _): each(.unreachable("upstream connect error or disconnect/reset before headers. reset reason: remote connection failure"))
        case ("StressChaos", _):
            let memory = s.chaosSpecJSON?.contains("\"memory\"") == true, cpu = s.chaosSpecJSON?.contains("\"cpu\"") == true
            for w in selected { pressure.append(ITBenchPressure(service: w, from: at, memoryFactor: memory ? 3.2 : 1, extraCPU: cpu ? 1.6 : 0.1)) }
            each(.slow(cpu ? 700_000_000 : 450_000_000), share: 0.5)
        case ("HTTPChaos", _):
            let abort = s.chaosSpecJSON?.contains("\"abort\":true") == true
            each(.error(abort ? "HTTP request aborted: connection reset by peer" : "400 Bad Request: request body could not be parsed"))
        case ("JVMChaos", "stress"):
            for w in selected { pressure.append(ITBenchPressure(service: w, from: at, memoryFactor: 2.8, extraCPU: 0.8)) }
            each(.slow(1_500_000_000), share: 0.5)
        case ("JVMChaos", _):
            each(.error("java.lang.NullPointerException: Cannot invoke method because the return value of getInstance() is null"))
        default: each(.slow(500_000_000), share: 0.4)
        }
    }

    /// The alerts the mechanism's library page expects, on the workload the step acts on.
    mutating func pageAlerts(_ s: ITBenchStep) {
        let ns = map.app.namespace
        let target = s.service ?? (s.kind == "Namespace" || s.kind == "Gateway" ? map.app.frontend : nil)
        guard let target else { return }
        for name in s.mechanism.expectedAlerts {
            switch name {
            case "KubePodNotReady", "KubePodCrashLooping", "KubeContainerWaiting":
                alerts.append(ITBenchAlert(name: name, labels: [["namespace", ns], ["container", s.container ?? target]], podOf: target,
                                           description: "\(name) on a \(target) pod in namespace \(ns).", since: s.at + 150 * Self.second))
            case "KubeHpaMaxedOut":
                alerts.append(ITBenchAlert(name: name, labels: [["horizontalpodautoscaler", target], ["namespace", ns]], podOf: nil,
                                           description: "HPA \(ns)/\(target) has been running at max replicas for longer than 15 minutes.", since: s.at + Int64(ITBenchFault.hpaMax) * 45 * Self.second + 60 * Self.second))
            case "HighRequestErrorRate":
                let on = SnapshotGenerator.caller(of: target) ?? target
                alerts.append(serviceAlert(name, on, since: s.at + 90 * Self.second, "Request error rate in service \(on) in namespace \(ns) is above threshold"))
            case "NoRequestsReceived":
                alerts.append(serviceAlert(name, target, since: s.at + 120 * Self.second, "Service \(target) in namespace \(ns) has received no requests for 2 minutes"))
            default:
                alerts.append(serviceAlert(name, target, since: s.at + 90 * Self.second, "\(name) in service \(target) in namespace \(ns)"))
            }
        }
    }

    func serviceAlert(_ name: String, _ service: String, since: Nanos, _ text: String) -> ITBenchAlert {
        ITBenchAlert(name: name, labels: [["namespace", map.app.namespace], ["service_name", service]], podOf: nil, description: text, since: since)
    }
}
