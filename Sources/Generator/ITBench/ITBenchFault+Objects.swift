import Foundation
import Snapshot

/// The objects an ITBench fault creates, changes and deletes, as the k8sobjects receiver records them.
extension ITBenchFault {
    private static let boot: Int64 = 3 * 3600 * 1_000_000_000

    func extraObjects(at t: Nanos, cluster c: ClusterObjects, rv: inout Int) -> [(String, String?, [String: Any])] {
        var out: [(String, String?, [String: Any])] = []
        let ns = AppModel.namespace
        let boot = c.spec.start - Self.boot
        func meta(_ name: String, _ namespace: String?, _ kind: String, _ created: Nanos, labels: [String: String] = [:], manager: String = "kubectl-client-side-apply",
                  owner: (kind: String, name: String, apiVersion: String)? = nil) -> [String: Any] {
            rv += 1
            return c.metadata(name, ns: namespace, kind: kind, created: created, labels: labels, owner: owner, resourceVersion: rv, manager: manager)
        }
        if !AppModel.current.isOtelDemo {
            out.append(("gateways", ns, ["apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": meta("bookinfo-gateway", ns, "Gateway", boot),
                                         "spec": ["gatewayClassName": "istio", "listeners": [["name": "http", "port": 80, "protocol": "HTTP", "allowedRoutes": ["namespaces": ["from": "Same"]]]]],
                                         "status": ["conditions": [["type": "Programmed", "status": "True", "reason": "Programmed"]]]]))
            out.append(("httproutes", ns, ["apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": meta("bookinfo", ns, "HTTPRoute", boot),
                                           "spec": ["parentRefs": [["name": "bookinfo-gateway"]],
                                                    "rules": [["matches": [["path": ["type": "Exact", "value": "/productpage"]]], "backendRefs": [["name": "productpage", "port": 9080]]]]]]))
        }
        for e in plan.ensured {
            let (kind, namespace, name) = (e[0], e[1].isEmpty ? nil : e[1], e[2])
            out.append((kind.lowercased() + "s", namespace, ["apiVersion": Self.apiVersion(kind), "kind": kind, "metadata": meta(name, namespace, kind, boot, manager: "helm")]))
        }
        for s in plan.steps {
            let svc = s.service ?? s.name
            let started = t >= s.at
            switch s.mechanism {
            case .corruptedSecretCredentials:
                let value = started ? "Y29ycnVwdGVkLXwtcGFzc3dvcmQ=" : "c210cC1wYXNzd29yZC0yMDI2"
                out.append(("secrets", s.namespace, ["apiVersion": "v1", "kind": "Secret", "type": "Opaque", "metadata": meta(s.name, s.namespace, "Secret", boot, manager: started ? "kubectl-edit" : "helm"),
                                                     "data": ["username": "b3RlbC1kZW1v", "password": value]]))
            case .crashingInitContainer where started:
                out.append(("configmaps", ns, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(s.configMap ?? "features", ns, "ConfigMap", s.at),
                                               "data": ["features.yaml": "enabled: true\n"]]))
            case .ingressPortBlockingNetworkPolicy where started:
                out.append(("networkpolicies", ns, ["apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta(s.createdName ?? svc, ns, "NetworkPolicy", s.at),
                                                    "spec": ["podSelector": ["matchLabels": ["opentelemetry.io/name": svc]], "policyTypes": ["Ingress"], "ingress": [] as [Any]]]))
            case .insufficientResourceQuota where started:
                out.append(("resourcequotas", ns, ["apiVersion": "v1", "kind": "ResourceQuota", "metadata": meta(s.createdName ?? "\(svc)-quota", ns, "ResourceQuota", s.at),
                                                   "spec": ["hard": ["limits.memory": "1Mi", "limits.cpu": "1m"]],
                                                   "status": ["hard": ["limits.memory": "1Mi", "limits.cpu": "1m"], "used": ["limits.memory": "0", "limits.cpu": "0"]]]))
            case .priorityPreemption where started:
                out.append(("priorityclasses", nil, ["apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": meta(s.createdName ?? "high-priority", nil, "PriorityClass", s.at),
                                                     "value": 1_000_000, "globalDefault": false, "preemptionPolicy": "PreemptLowerPriority"]))
                out.append(("deployments", ns, ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta("\(svc)-preemptor", ns, "Deployment", s.at),
                                                "spec": ["replicas": 3, "template": ["spec": ["priorityClassName": s.createdName ?? "high-priority",
                                                                                             "containers": [["name": "preemptor", "image": "registry.k8s.io/pause:3.10", "resources": ["requests": ["cpu": "3", "memory": "12Gi"]]]]]]],
                                                "status": ["replicas": 3, "readyReplicas": 3]]))
            case .trafficDenyingAuthorizationPolicy where started:
                out.append(("authorizationpolicies", s.namespace, ["apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy", "metadata": meta(s.createdName ?? "\(s.name)-deny", s.namespace, "AuthorizationPolicy", s.at),
                                                                   "spec": ["action": "DENY", "targetRefs": [["group": "gateway.networking.k8s.io", "kind": "Gateway", "name": s.name]],
                                                                            "rules": [["to": [["operation": ["methods": s.httpMethods]]]]]]]))
            case .strictMutualTLS where started:
                out.append(("peerauthentications", s.namespace, ["apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": meta(s.createdName ?? "\(svc)-strict-mtls", s.namespace, "PeerAuthentication", s.at),
                                                                 "spec": ["selector": ["matchLabels": ["app": AppModel.service(svc).sharedService ?? svc]], "mtls": ["mode": "STRICT"]]]))
            case .misconfiguredHPA where started && !(AppModel.current.isOtelDemo && svc == "frontend"):
                var m: [String: Any] = ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta(svc, ns, "HorizontalPodAutoscaler", s.at)]
                modify(&m, kind: "HorizontalPodAutoscaler", name: svc, namespace: ns, at: t)
                out.append(("horizontalpodautoscalers", ns, m))
            case .apiServerRequestSurge where started:
                out.append(("jobs", s.name == ns ? ns : s.namespace, ["apiVersion": "batch/v1", "kind": "Job", "metadata": meta("kube-api-load-generator", ns, "Job", s.at),
                                                                     "spec": ["parallelism": 4, "template": ["spec": ["containers": [["name": "load", "image": "ghcr.io/itbench/kube-api-load:0.3",
                                                                                                                                    "args": ["--rps", "\(s.surgeRPS ?? 1000)", "--verb", "list", "--resource", "pods"]]]]]],
                                                                     "status": ["active": 4]]))
            case .scheduledChaosMeshExperiment where started:
                out += chaosObjects(s, at: t, boot: boot, meta: meta)
            default: break
            }
        }
        return out
    }

    /// The Schedule and the experiment it has spawned most recently, with its records of the pods it injected.
    private func chaosObjects(_ s: ITBenchStep, at t: Nanos, boot: Nanos,
                              meta: (String, String?, String, Nanos, [String: String], String, (kind: String, name: String, apiVersion: String)?) -> [String: Any]) -> [(String, String?, [String: Any])] {
        let type = s.chaosType ?? "NetworkChaos"
        let key = ITBenchScenario.specKey(type)
        let body = s.chaosSpecJSON.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any] ?? [:]
        let spawned = Int((t - s.at) / 60_000_000_000)
        let last = s.at + Int64(spawned) * 60_000_000_000
        let exp = s.experimentName ?? "\(s.name)-\(String(s.name.hashValue_stable, radix: 36).suffix(5))"
        let schedule: [String: Any] = ["apiVersion": "chaos-mesh.org/v1alpha1", "kind": "Schedule",
                                       "metadata": meta(s.name, s.namespace, "Schedule", s.at, [:], "kubectl-client-side-apply", nil),
                                       "spec": ["schedule": "@every 1m", "concurrencyPolicy": "Forbid", "historyLimit": 1, "startingDeadlineSeconds": 30, "type": type, key: body],
                                       "status": ["active": [["apiVersion": "chaos-mesh.org/v1alpha1", "kind": type, "name": exp, "namespace": s.namespace]],
                                                  "time": ClusterObjects.iso(last)]]
        let records: [[String: Any]] = s.chaosSelected.map { ["id": "\(s.chaosSelectedNamespace ?? AppModel.namespace)/\($0)", "phase": "Injected", "injectedCount": spawned + 1, "recoveredCount": spawned, "selectorKey": "."] }
        let experiment: [String: Any] = ["apiVersion": "chaos-mesh.org/v1alpha1", "kind": type,
                                         "metadata": meta(exp, s.namespace, type, last, ["chaos-mesh.org/controlled-by": s.name], "chaos-controller-manager", (kind: "Schedule", name: s.name, apiVersion: "chaos-mesh.org/v1alpha1")),
                                         "spec": body,
                                         "status": ["experiment": ["desiredPhase": "Run", "containerRecords": records],
                                                    "conditions": [["type": "Selected", "status": "True"], ["type": "AllInjected", "status": "True"],
                                                                   ["type": "AllRecovered", "status": "False"], ["type": "Paused", "status": "False"]]]]
        return [("schedules", s.namespace, schedule), (key.lowercased(), s.namespace, experiment)]
    }

    static func apiVersion(_ kind: String) -> String {
        switch kind {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet": return "apps/v1"
        case "NetworkPolicy": return "networking.k8s.io/v1"
        case "HorizontalPodAutoscaler": return "autoscaling/v2"
        case "AuthorizationPolicy", "PeerAuthentication": return "security.istio.io/v1"
        case "Gateway", "HTTPRoute": return "gateway.networking.k8s.io/v1"
        default: return Kind.chaos.contains(kind) ? "chaos-mesh.org/v1alpha1" : "v1"
        }
    }

    func removes(kind: String, name: String, namespace: String?, at t: Nanos) -> Bool {
        plan.steps.contains { $0.mechanism == .deletedService && kind == "Service" && $0.name == name && t >= $0.at }
    }
}
