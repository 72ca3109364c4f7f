import Snapshot

/// How an ITBench fault changes the manifests it touches: a workload's pod template (image, command, environment,
/// probes, resources, scheduling, volumes, init containers), a Service, a Node, a Namespace, the flagd ConfigMap, an HPA.
extension ITBenchFault {
    func modify(_ m: inout [String: Any], kind: String, name: String, namespace: String?, at t: Nanos) {
        if !AppModel.current.isOtelDemo, kind == "Namespace", name == AppModel.namespace {
            var md = m["metadata"] as? [String: Any] ?? [:], labels = md["labels"] as? [String: String] ?? [:]
            let disabled = plan.steps.contains { $0.mechanism == .disabledIstioAmbientMode && t >= $0.at }
            if !disabled { labels["istio.io/dataplane-mode"] = "ambient" }
            md["labels"] = labels
            m["metadata"] = md
        }
        for s in plan.steps where t >= s.at {
            guard let svc = s.service ?? (s.kind == "Deployment" ? s.name : nil) else { applyClusterEdit(s, &m, kind: kind, name: name, at: t); continue }
            if ClusterObjects.carriesTemplate(m, kind: kind, name: name, of: svc, since: s.at) { applyTemplateEdit(s, &m) }
            if kind == "Deployment", name == svc, let r = s.mechanism == .scaledToZero ? 0 : (s.mechanism == .scaleWorkload ? s.replicas : nil) {
                var spec = m["spec"] as? [String: Any] ?? [:]
                spec["replicas"] = r
                m["spec"] = spec
                m["status"] = ["replicas": r, "readyReplicas": r, "availableReplicas": r, "observedGeneration": 2]
            }
            applyClusterEdit(s, &m, kind: kind, name: name, at: t)
        }
    }

    /// Edits of objects that are not the workload's template.
    private func applyClusterEdit(_ s: ITBenchStep, _ m: inout [String: Any], kind: String, name: String, at t: Nanos) {
        switch (s.mechanism, kind) {
        case (.invalidServiceSelector, "Service") where name == s.name:
            var spec = m["spec"] as? [String: Any] ?? [:]
            spec["selector"] = AppModel.current.isOtelDemo ? ["opentelemetry.io/name": "\(s.name)-invalid"] : ["app": "\(s.name)-invalid"]
            m["spec"] = spec
        case (.modifiedServiceTargetPort, "Service") where name == s.name:
            var spec = m["spec"] as? [String: Any] ?? [:]
            if var ports = spec["ports"] as? [[String: Any]], !ports.isEmpty { ports[0]["targetPort"] = s.targetPort ?? 1; spec["ports"] = ports }
            m["spec"] = spec
        case (.cordonedWorkerNode, "Node") where name == s.node:
            var spec = m["spec"] as? [String: Any] ?? [:]
            spec["unschedulable"] = true
            spec["taints"] = [["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": ClusterObjects.iso(s.at)]]
            m["spec"] = spec
        case (.featureFlag, "ConfigMap") where name == s.name:
            let on = Set(plan.steps.filter { $0.mechanism == .featureFlag && t >= $0.at && $0.flagState != "off" }.compactMap(\.flag))
            m["data"] = ["demo.flagd.json": ClusterObjects.flagdJSON(on: on)]
        case (.misconfiguredHPA, "HorizontalPodAutoscaler") where name == s.service:
            let replicas = min(Self.hpaMax, 1 + Int((t - s.at) / 45_000_000_000))
            m["spec"] = ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": name], "minReplicas": 1, "maxReplicas": Self.hpaMax,
                         "behavior": ["scaleDown": ["selectPolicy": "Disabled"], "scaleUp": ["stabilizationWindowSeconds": 0]],
                         "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 1]]]]]
            m["status"] = ["currentReplicas": replicas, "desiredReplicas": Self.hpaMax]
        default: break
        }
    }

    /// A step's change to the pod template of its workload (and to the pods created from it).
    private func applyTemplateEdit(_ s: ITBenchStep, _ m: inout [String: Any]) {
        ClusterObjects.editPodSpec(&m) { spec in
            switch s.mechanism {
            case .unsupportedArchitectureImage: ClusterObjects.editContainer(&spec) { c in c["image"] = "\(c["image"] as? String ?? "")-linux-arm64" }
            case .nonexistentContainerImage: ClusterObjects.editContainer(&spec) { c in c["image"] = Self.badImage(s) }
            case .invalidContainerCommand: ClusterObjects.editContainer(&spec) { c in c["command"] = ["/bin/\(s.container ?? s.service ?? "app")-nonexistent"] }
            case .insufficientContainerResources: ClusterObjects.editContainer(&spec) { c in c["resources"] = ["limits": ["memory": "8Mi", "cpu": "10m"], "requests": ["memory": "8Mi", "cpu": "10m"]] }
            case .valkeyOutOfMemory:
                ClusterObjects.editContainer(&spec) { c in
                    c["args"] = ["--maxmemory", "0", "--save", ""]
                    c["resources"] = ["limits": ["memory": "12Mi"], "requests": ["memory": "12Mi"]]
                }
            case .valkeyChangedPassword: ClusterObjects.editContainer(&spec) { c in c["args"] = ["--requirepass", "itbench-\(String(s.name.hashValue_stable, radix: 36).suffix(8))"] }
            case .modifiedEnvironmentVariable:
                ClusterObjects.editContainer(&spec) { c in
                    var env = c["env"] as? [[String: Any]] ?? []
                    let (n, v) = (s.environment.first ?? "APP_MODE", s.environment.count > 1 ? s.environment[1] : "invalid")
                    env.removeAll { $0["name"] as? String == n }
                    env.append(["name": n, "value": v])
                    c["env"] = env
                }
            case .failingNameResolutionDNSPolicy:
                spec["dnsPolicy"] = "None"
                spec["dnsConfig"] = ["nameservers": ["192.0.2.53"], "searches": ["invalid.local"]]
            case .misconfiguredReadinessProbe:
                ClusterObjects.editContainer(&spec) { c in c["readinessProbe"] = ["httpGet": ["path": "/healthz-nonexistent", "port": 1234, "scheme": "HTTP"], "periodSeconds": 5, "failureThreshold": 3] }
            case .crashingInitContainer, .hangingInitContainer:
                let crash = s.mechanism == .crashingInitContainer
                let cm = s.configMap ?? "config"
                spec["initContainers"] = [["name": crash ? "init-\(cm)" : "init-wait", "image": "docker.io/library/busybox:1.37",
                                           "command": crash ? ["sh", "-c", "cat /config/\(cm)/features.json && exit 1"] : ["sh", "-c", "until nslookup \(s.service ?? "app")-dependency; do sleep 2; done"],
                                           "volumeMounts": crash ? [["name": cm, "mountPath": "/config/\(cm)"]] : [] as [Any]]]
                if crash { spec["volumes"] = (spec["volumes"] as? [Any] ?? []) + [["name": cm, "configMap": ["name": cm]]] }
            case .nonexistentPersistentVolumeClaim:
                spec["volumes"] = (spec["volumes"] as? [Any] ?? []) + [["name": "data", "persistentVolumeClaim": ["claimName": Self.claimName(s)]]]
                ClusterObjects.editContainer(&spec) { c in c["volumeMounts"] = (c["volumeMounts"] as? [Any] ?? []) + [["name": "data", "mountPath": "/opt/data"]] }
            case .nonexistentNode: spec["nodeSelector"] = ["kubernetes.io/hostname": "ip-10-0-250-250.ec2.internal"]
            case .cordonedWorkerNode: if let n = s.node { spec["nodeSelector"] = ["kubernetes.io/hostname": n] }
            case .unschedulableAntiAffinity:
                spec["affinity"] = ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [[
                    "labelSelector": ["matchExpressions": [["key": "app.kubernetes.io/part-of", "operator": "In", "values": [AppModel.current.partOf]]]],
                    "topologyKey": "kubernetes.io/hostname"]]]]
            case .unassignedResourceLimits:
                ClusterObjects.editContainer(&spec) { c in c["resources"] = ["requests": ["memory": "64Mi", "cpu": "50m"]] }
            default: break
            }
        }
    }
}
