import Scoring
import Snapshot

/// The ground truth's side of an ITBench plan: each propagation target shows its effect in order, each alert the truth
/// names fires on its entity, each root-cause group names an object that exists, and red herrings avoid the truth.
extension ITBenchCompiler {
    private static let second: Int64 = 1_000_000_000

    /// Alert names the truth attaches to groups standing for `workload`.
    func truthAlertNames(on workload: String) -> Set<String> {
        Set(map.truth.alerts.filter { a in map.group(forAlert: a.groupID).flatMap(map.workload) == workload }.map(\.id))
    }

    /// Each non-root group of the chain that stands for a workload shows its effect, later the farther it is from the root.
    mutating func chainEffects(from start: Nanos, steps: [ITBenchStep]) {
        var touched = Set(effects.map(\.service) + steps.compactMap { $0.phase == "injection" ? $0.service : nil })
        touched.formUnion([map.app.proxy, map.app.loadGenerator])
        for g in map.truth.groups where !g.rootCause {
            guard let w = map.workload(of: g), !touched.contains(w), let d = map.depth[g.id] ?? (truthAlertNames(on: w).isEmpty ? nil : 1) else { continue }
            touched.insert(w)
            let names = truthAlertNames(on: w)
            let at = start + Int64(max(1, d)) * 30 * Self.second
            let rootName = map.truth.rootCauseGroups.first.map(ITBenchTruthMap.stem) ?? "upstream"
            if names.contains("HighRequestErrorRate") || names.isEmpty {
                effect(w, .error("upstream call failed: \(rootName) is failing"), at: at, share: names.isEmpty ? 0.2 : 0.35)
            } else if names.contains("HighRequestLatency") {
                effect(w, .slow(1_600_000_000), at: at, share: 0.6)
            } else if names.contains("NoRequestsReceived") {
                effect(w, .unreachable("upstream connect error or disconnect/reset before headers. reset reason: remote connection failure"), at: at)
            }
        }
    }

    /// Every alert the truth names, on the entity its group names.
    mutating func truthAlerts(start: Nanos) {
        let ns = map.app.namespace
        let firstRoot = map.truth.rootCauseGroups.first
        for a in map.truth.alerts {
            guard let g = map.group(forAlert: a.groupID) ?? firstRoot else { continue }
            let d = map.depth[g.id] ?? 1
            let since = start + 60 * Self.second + Int64(d) * 30 * Self.second
            let text = a.description ?? "\(a.id) on \(ITBenchTruthMap.stem(g))"
            let w = map.workload(of: g)
            switch g.kind {
            case "Service" where w != nil:
                let stem = ITBenchTruthMap.stem(g)
                let service = map.app.services.contains { $0.name == stem || $0.sharedService == stem } ? stem : w!
                alerts.append(ITBenchAlert(name: a.id, labels: [["namespace", ns], ["service_name", service]], podOf: nil, description: text, since: since))
            case "Pod" where w != nil:
                alerts.append(ITBenchAlert(name: a.id, labels: [["namespace", ns], ["container", w!]], podOf: w, description: text, since: since))
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet":
                let label = g.kind == "Deployment" || g.kind == "ReplicaSet" ? "deployment" : g.kind.lowercased()
                alerts.append(ITBenchAlert(name: a.id, labels: [["namespace", ns], [label, w ?? ITBenchTruthMap.stem(g)]], podOf: nil, description: text, since: since))
            case "Namespace":
                alerts.append(ITBenchAlert(name: a.id, labels: [["namespace", g.name ?? ITBenchTruthMap.stem(g)]], podOf: nil, description: text, since: since))
            default:
                alerts.append(ITBenchAlert(name: a.id, labels: [["namespace", g.namespace ?? ns], ["resource", ITBenchTruthMap.stem(g)]], podOf: nil, description: text, since: since))
            }
        }
    }

    func dedupe(_ list: [ITBenchAlert]) -> [ITBenchAlert] {
        var seen = Set<String>(), out: [ITBenchAlert] = []
        for a in list.sorted(by: { $0.since < $1.since }) {
            let key = a.name + "|" + a.labels.map { $0.joined(separator: "=") }.sorted().joined(separator: ",") + "|" + (a.podOf ?? "")
            if seen.insert(key).inserted { out.append(a) }
        }
        return out
    }

    /// Root-cause objects nothing else creates (a ConfigMap, a Secret, a Chaos object of another name, a Namespace):
    /// created as plain objects. A root no generated name can satisfy is an error naming it.
    func ensuredObjects(_ steps: [ITBenchStep]) throws -> [[String]] {
        var out: [[String]] = []
        let app = map.app
        let namespaces: Set<String> = ["default", app.namespace, "kube-system", "data-recorders", "prometheus", "clickhouse", "ingress-nginx", "chaos-mesh", "istio-system"]
        var made: [String: [String]] = [:]
        for s in steps {
            if let n = s.createdName, let k = Self.createdKind(s.mechanism) { made[k, default: []].append(n) }
            if s.mechanism == .scheduledChaosMeshExperiment {
                made["Schedule", default: []].append(s.name)
                made[s.chaosType ?? "NetworkChaos", default: []].append(s.experimentName ?? s.name)
            }
            if s.kind == "Secret" || s.kind == "ConfigMap" || s.kind == "Gateway" { made[s.kind, default: []].append(s.name) }
            if let cm = s.configMap { made["ConfigMap", default: []].append(cm) }
            if s.mechanism == .misconfiguredHPA, let w = s.service { made["HorizontalPodAutoscaler", default: []].append(w) }
            if s.mechanism == .apiServerRequestSurge { made["Job", default: []].append("kube-api-load-generator") }
        }
        if app.isOtelDemo { made["ConfigMap", default: []] += ["flagd-config", "product-catalog-products"]; made["HorizontalPodAutoscaler", default: []].append("frontend") }
        else { made["Gateway", default: []].append("bookinfo-gateway"); made["HTTPRoute", default: []].append("bookinfo") }
        for g in map.truth.groups where g.rootCause {
            let where_ = "\(scenario.name): the ground truth's root-cause group \(g.id) (\(g.kind) \(g.name ?? g.filter.joined(separator: ", ")))"
            if ITBenchTruthMap.workloadKinds.contains(g.kind) {
                guard let w = map.workload(of: g) else { throw GeneratorError("\(where_): no workload of the \(app.namespace) application can satisfy it") }
                let names = g.kind == "Pod" ? ["\(w)-7d9f8b6c5d-x2k4q", w] : [w] + [app.service(w).sharedService].compactMap { $0 }
                guard names.contains(where: { ITBenchTruthMap.accepts(g, $0) }) || ITBenchTruthMap.stem(g) == w || ITBenchTruthMap.accepts(g, ITBenchTruthMap.stem(g)) else {
                    throw GeneratorError("\(where_): no generated name satisfies it (tried \(names.joined(separator: ", ")))")
                }
                continue
            }
            if g.kind == "Namespace" {
                let n = g.name ?? ITBenchTruthMap.stem(g)
                if !namespaces.contains(n) { out.append(["Namespace", "", n]) }
                continue
            }
            if (made[g.kind] ?? []).contains(where: { ITBenchTruthMap.accepts(g, $0) }) { continue }
            // A Schedule root is satisfied by the Schedule a chaos step creates under the truth's name.
            let stem = ITBenchTruthMap.stem(g)
            // A filter that is not a usable regex is matched by the name its group id carries (scoring rule 6), the stem.
            let usable = g.name != nil || g.filter.allSatisfy(GroundTruth.isUsableFilter)
            guard ITBenchTruthMap.plainName(stem), ITBenchTruthMap.accepts(g, stem) || !usable else {
                throw GeneratorError("\(where_): no generated name satisfies it (its filter names no object the scenario creates)")
            }
            out.append([g.kind, g.namespace ?? app.namespace, stem])
        }
        return out
    }

    static func createdKind(_ m: ITBenchMechanism) -> String? {
        switch m {
        case .ingressPortBlockingNetworkPolicy: return "NetworkPolicy"
        case .insufficientResourceQuota: return "ResourceQuota"
        case .priorityPreemption: return "PriorityClass"
        case .trafficDenyingAuthorizationPolicy: return "AuthorizationPolicy"
        case .strictMutualTLS: return "PeerAuthentication"
        default: return nil
        }
    }

    /// Workloads the noise must not change: every one the scenario acts on or the truth names.
    func noiseAvoids(_ steps: [ITBenchStep]) -> Set<String> {
        var avoid = Set(steps.compactMap(\.service) + steps.flatMap { $0.chaosSelected + $0.chaosPeers })
        avoid.formUnion(map.truth.groups.compactMap(map.workload))
        avoid.formUnion(map.truth.groups.map { ITBenchTruthMap.stem($0).lowercased() })
        for s in steps { if let f = s.flag, let b = ITBenchFlags.behaviour(f) { avoid.insert(b.service) } }
        return avoid
    }
}
