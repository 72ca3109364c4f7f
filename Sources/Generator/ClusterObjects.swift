import Foundation
import Snapshot

/// Kubernetes manifests of the simulated cluster at a point in time, as the k8sobjects receiver records them.
struct ClusterObjects {
    let spec: ScenarioSpec
    let roster: PodRoster
    let uids: UIDs
    var faults: [FaultModel] = []

    /// Sets the image of every container of a workload or pod manifest.
    static func setImage(_ m: inout [String: Any], _ image: String) {
        editPodSpec(&m) { spec in
            guard var cs = spec["containers"] as? [[String: Any]] else { return }
            for i in cs.indices { cs[i]["image"] = image }
            spec["containers"] = cs
        }
    }

    /// Stable uids per object.
    final class UIDs {
        private var rng: RNG
        private var map: [String: String] = [:]
        init(seed: UInt64) { rng = RNG(seed: seed ^ 0xA11CE) }
        func of(_ key: String) -> String {
            if let u = map[key] { return u }
            let u = rng.uuid(); map[key] = u; return u
        }
    }

    static func iso(_ t: Nanos) -> String { Timestamp.iso(t) }

    func metadata(_ name: String, ns: String?, kind: String, created: Nanos, labels: [String: String] = [:],
                  owner: (kind: String, name: String, apiVersion: String)? = nil, resourceVersion: Int, manager: String = "kube-controller-manager",
                  annotations: [String: String] = [:]) -> [String: Any] {
        var m: [String: Any] = [
            "name": name, "uid": uids.of("\(ns ?? "")/\(kind)/\(name)"), "creationTimestamp": Self.iso(created),
            "resourceVersion": String(resourceVersion),
            "managedFields": [["apiVersion": "v1", "fieldsType": "FieldsV1", "manager": manager, "operation": "Update",
                               "time": Self.iso(created), "fieldsV1": ["f:metadata": ["f:labels": [:] as [String: Any]]]] as [String: Any]],
        ]
        if let ns { m["namespace"] = ns }
        if !labels.isEmpty { m["labels"] = labels }
        if !annotations.isEmpty { m["annotations"] = annotations }
        if let o = owner {
            m["ownerReferences"] = [["apiVersion": o.apiVersion, "kind": o.kind, "name": o.name, "uid": uids.of("\(ns ?? "")/\(o.kind)/\(o.name)"),
                                     "controller": true, "blockOwnerDeletion": true] as [String: Any]]
        }
        return m
    }

    /// The flagd feature-flag file, with `on` flags set to their on variant.
    static func flagdJSON(on: Set<String>) -> String {
        let flags: [(String, String)] = [
            ("productCatalogFailure", "Fail product catalog service on a specific product"),
            ("recommendationCacheFailure", "Fail recommendation service cache"),
            ("adManualGc", "Triggers full manual garbage collections in the ad service"),
            ("adHighCpu", "Triggers high cpu load in the ad service"),
            ("adFailure", "Fail ad service"),
            ("kafkaQueueProblems", "Overloads Kafka queue while simultaneously introducing a consumer side delay leading to a lag spike"),
            ("cartFailure", "Fail cart service"),
            ("paymentFailure", "Fail payment service charge requests n%"),
            ("paymentUnreachable", "Payment service is unavailable"),
            ("loadGeneratorFloodHomepage", "Flood the frontend with a large amount of requests."),
            ("imageSlowLoad", "slow loading images in the frontend"),
        ]
        var s = "{\n  \"$schema\": \"https://flagd.dev/schema/v0/flags.json\",\n  \"flags\": {\n"
        for (i, (name, desc)) in flags.enumerated() {
            s += "    \"\(name)\": {\n      \"description\": \"\(desc)\",\n      \"state\": \"ENABLED\",\n"
            s += "      \"variants\": {\n        \"on\": true,\n        \"off\": false\n      },\n"
            s += "      \"defaultVariant\": \"\(on.contains(name) ? "on" : "off")\"\n    }\(i == flags.count - 1 ? "" : ",")\n"
        }
        return s + "  }\n}\n"
    }

    func container(_ s: AppService) -> [String: Any] {
        var env: [[String: Any]] = [
            ["name": "OTEL_SERVICE_NAME", "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.labels['app.kubernetes.io/component']"]]],
            ["name": "OTEL_COLLECTOR_NAME", "value": "otel-collector"],
            ["name": "OTEL_RESOURCE_ATTRIBUTES", "value": "service.name=\(s.name),service.namespace=\(AppModel.current.partOf),service.version=2.1.3"],
        ]
        if s.usesFlagd { env.append(["name": "FLAGD_HOST", "value": "flagd"]); env.append(["name": "FLAGD_PORT", "value": "8013"]) }
        var c: [String: Any] = [
            "name": s.name, "image": s.image, "imagePullPolicy": "IfNotPresent",
            "ports": [["containerPort": s.port, "name": "service", "protocol": "TCP"]],
            "env": env,
            "resources": ["limits": ["memory": "\(s.memoryLimitMiB)Mi", "cpu": "\(s.cpuLimitMilli)m"], "requests": ["memory": "\(s.memoryLimitMiB / 2)Mi", "cpu": "50m"]],
            "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
        ]
        if s.name == "flagd" {
            c["volumeMounts"] = [["mountPath": "/etc/flagd", "name": "config-rw"]]
            c["command"] = ["/flagd-build", "start", "--port", "8013", "--uri", "file:./etc/flagd/demo.flagd.json"]
        }
        if s.name == "product-catalog" { c["volumeMounts"] = [["mountPath": "/usr/src/app/products", "name": "product-catalog-products"]] }
        return c
    }

    func podSpec(_ s: AppService) -> [String: Any] {
        var spec: [String: Any] = ["containers": [container(s)], "restartPolicy": "Always", "serviceAccountName": "otel-demo",
                                   "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler"]
        if s.name == "flagd" { spec["volumes"] = [["name": "config-rw", "configMap": ["name": "flagd-config", "defaultMode": 420]]] }
        if s.name == "product-catalog" { spec["volumes"] = [["name": "product-catalog-products", "configMap": ["name": "product-catalog-products", "defaultMode": 420]]] }
        return spec
    }

    static func labels(_ name: String) -> [String: String] {
        let app = AppModel.current
        var l = ["app.kubernetes.io/component": name, "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": app.partOf, "opentelemetry.io/name": name]
        if !app.isOtelDemo, let shared = app.service(name).sharedService {
            l["app"] = shared
            l["version"] = String(name.dropFirst(shared.count + 1))
        }
        return l
    }

    /// (resource plural, namespace, manifest) for every object present at `t`.
    func objects(at t: Nanos, flagsOn: Set<String>, rv: inout Int) -> [(String, String?, [String: Any])] {
        var out: [(String, String?, [String: Any])] = []
        let boot = spec.start - 3 * 3600 * 1_000_000_000
        let ns = AppModel.namespace
        func next() -> Int { rv += 1; return rv }
        for n in ["default", ns, "kube-system", "data-recorders", "prometheus", "clickhouse", "ingress-nginx", "chaos-mesh"] + (AppModel.current.isOtelDemo ? [] : ["istio-system"]) {
            out.append(("namespaces", nil, ["apiVersion": "v1", "kind": "Namespace",
                                             "metadata": metadata(n, ns: nil, kind: "Namespace", created: boot - 86_400_000_000_000, labels: ["kubernetes.io/metadata.name": n], resourceVersion: next()),
                                             "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]]))
        }
        for node in roster.nodes {
            out.append(("nodes", nil, ["apiVersion": "v1", "kind": "Node",
                                        "metadata": metadata(node, ns: nil, kind: "Node", created: boot - 86_400_000_000_000, labels: ["kubernetes.io/hostname": node, "node.kubernetes.io/instance-type": "m5.xlarge"], resourceVersion: next(), manager: "kubelet"),
                                        "spec": ["providerID": "aws:///us-east-1a/\(node)"],
                                        "status": ["capacity": ["cpu": "4", "memory": "16094412Ki", "pods": "58"], "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady"]]]]))
        }
        if AppModel.current.isOtelDemo {
        out.append(("configmaps", ns, ["apiVersion": "v1", "kind": "ConfigMap",
                                        "metadata": metadata("flagd-config", ns: ns, kind: "ConfigMap", created: boot, labels: ["app.kubernetes.io/part-of": "opentelemetry-demo"], resourceVersion: next(), manager: "helm"),
                                        "data": ["demo.flagd.json": Self.flagdJSON(on: flagsOn)]]))
        out.append(("configmaps", ns, ["apiVersion": "v1", "kind": "ConfigMap",
                                        "metadata": metadata("product-catalog-products", ns: ns, kind: "ConfigMap", created: boot, resourceVersion: next(), manager: "helm"),
                                        "data": ["products.json": "{\"products\": [" + AppModel.products.map { "{\"id\": \"\($0)\"}" }.joined(separator: ", ") + "]}"]]))
        }
        out.append(("configmaps", "data-recorders", ["apiVersion": "v1", "kind": "ConfigMap",
                                                     "metadata": metadata("k8s-objects-recorder-config", ns: "data-recorders", kind: "ConfigMap", created: boot, resourceVersion: next(), manager: "helm"),
                                                     "data": ["collector.yaml": "receivers:\n  k8sobjects:\n    objects:\n      - interval: 5m\n        mode: pull\n        name: pods\n      - interval: 5m\n        mode: pull\n        name: configmaps\n"]]))
        var sharedDone = Set<String>()
        for s in AppModel.services {
            let hashes = roster.rsHashes[s.name] ?? []
            let gen = roster.restarts.filter { $0.0 == s.name && $0.1 <= t }.count
            let labels = Self.labels(s.name)
            var tmplAnn: [String: String] = [:]
            if let r = roster.restarts.last(where: { $0.0 == s.name && $0.1 <= t }) { tmplAnn["kubectl.kubernetes.io/restartedAt"] = Self.iso(r.1) }
            out.append(("deployments", ns, ["apiVersion": "apps/v1", "kind": "Deployment",
                                             "metadata": metadata(s.name, ns: ns, kind: "Deployment", created: boot, labels: labels, resourceVersion: next(), manager: "helm", annotations: ["deployment.kubernetes.io/revision": String(gen + 1)]),
                                             "spec": ["replicas": s.replicas, "revisionHistoryLimit": 10,
                                                      "selector": ["matchLabels": ["opentelemetry.io/name": s.name]],
                                                      "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]],
                                                      "template": ["metadata": ["labels": labels, "annotations": tmplAnn], "spec": podSpec(s)]],
                                             "status": ["replicas": s.replicas, "readyReplicas": s.replicas, "availableReplicas": s.replicas, "observedGeneration": gen + 1]]))
            for (g, h) in hashes.enumerated() where g <= gen {
                let current = g == gen
                out.append(("replicasets", ns, ["apiVersion": "apps/v1", "kind": "ReplicaSet",
                                                 "metadata": metadata("\(s.name)-\(h)", ns: ns, kind: "ReplicaSet", created: g == 0 ? boot : roster.restarts.filter { $0.0 == s.name }[g - 1].1,
                                                                      labels: labels.merging(["pod-template-hash": h]) { a, _ in a },
                                                                      owner: ("Deployment", s.name, "apps/v1"), resourceVersion: next()),
                                                 "spec": ["replicas": current ? s.replicas : 0, "selector": ["matchLabels": ["opentelemetry.io/name": s.name, "pod-template-hash": h]]],
                                                 "status": ["replicas": current ? s.replicas : 0, "readyReplicas": current ? s.replicas : 0]]))
            }
            if s.hasService {
                out.append(("services", ns, ["apiVersion": "v1", "kind": "Service",
                                              "metadata": metadata(s.name, ns: ns, kind: "Service", created: boot, labels: labels, resourceVersion: next(), manager: "helm"),
                                              "spec": ["type": "ClusterIP", "clusterIP": "10.100.\(abs(s.name.hashValue_stable) % 200).\(abs(s.name.hashValue_stable / 7) % 250)",
                                                       "ports": [["name": s.port == 6379 ? "valkey" : "tcp-service", "port": s.port, "protocol": "TCP", "targetPort": s.port]],
                                                       "selector": ["opentelemetry.io/name": s.name]],
                                              "status": ["loadBalancer": [:] as [String: Any]]]))
            }
            if let shared = s.sharedService, !sharedDone.contains(shared) {
                sharedDone.insert(shared)
                out.append(("services", ns, ["apiVersion": "v1", "kind": "Service",
                                              "metadata": metadata(shared, ns: ns, kind: "Service", created: boot, labels: ["app": shared, "service": shared], resourceVersion: next(), manager: "kubectl-client-side-apply"),
                                              "spec": ["type": "ClusterIP", "clusterIP": "10.100.\(abs(shared.hashValue_stable) % 200).\(abs(shared.hashValue_stable / 7) % 250)",
                                                       "ports": [["name": "http", "port": s.port, "protocol": "TCP", "targetPort": s.port]],
                                                       "selector": ["app": shared]],
                                              "status": ["loadBalancer": [:] as [String: Any]]]))
            }
        }
        if AppModel.current.isOtelDemo {
        out.append(("horizontalpodautoscalers", ns, ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                                                      "metadata": metadata("frontend", ns: ns, kind: "HorizontalPodAutoscaler", created: boot, resourceVersion: next()),
                                                      "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": "frontend"], "minReplicas": 1, "maxReplicas": 3,
                                                               "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]]],
                                                      "status": ["currentReplicas": 1, "desiredReplicas": 1]]))
        }
        for inf in AppModel.infra {
            let plural = inf.kind == "StatefulSet" ? "statefulsets" : inf.kind == "DaemonSet" ? "daemonsets" : "deployments"
            let api = "apps/v1"
            out.append((plural, inf.ns, ["apiVersion": api, "kind": inf.kind,
                                         "metadata": metadata(inf.name, ns: inf.ns, kind: inf.kind, created: boot - 86_400_000_000_000, labels: ["app.kubernetes.io/name": inf.name], resourceVersion: next(), manager: "helm"),
                                         "spec": ["selector": ["matchLabels": ["app.kubernetes.io/name": inf.name]],
                                                  "template": ["metadata": ["labels": ["app.kubernetes.io/name": inf.name]],
                                                               "spec": ["containers": [["name": inf.name, "image": "registry.k8s.io/\(inf.name):v1.0.0"]]]]],
                                         "status": ["readyReplicas": 1]]))
        }
        for p in roster.pods where p.alive(at: t) {
            let isApp = p.namespace == ns
            let s = isApp ? AppModel.service(p.service) : nil
            var labels = isApp ? Self.labels(p.service) : ["app.kubernetes.io/name": p.service]
            if p.ownerKind == "Deployment" { labels["pod-template-hash"] = p.rsHash }
            let owner: (String, String, String) = p.ownerKind == "Deployment" ? ("ReplicaSet", "\(p.owner)-\(p.rsHash)", "apps/v1") : (p.ownerKind, p.owner, "apps/v1")
            let spec: [String: Any] = s.map { var sp = podSpec($0); sp["nodeName"] = p.node; return sp }
                ?? ["containers": [["name": p.service, "image": "registry.k8s.io/\(p.service):v1.0.0"]], "nodeName": p.node]
            let terminating = p.end.map { t >= $0 - 20_000_000_000 } ?? false
            out.append(("pods", p.namespace, ["apiVersion": "v1", "kind": "Pod",
                                              "metadata": metadata(p.name, ns: p.namespace, kind: "Pod", created: p.start, labels: labels, owner: owner, resourceVersion: next(), manager: "kubelet"),
                                              "spec": spec,
                                              "status": ["phase": "Running", "podIP": p.ip, "hostIP": "10.0.\(p.node.count).\(p.node.utf8.count * 3)",
                                                         "startTime": Self.iso(p.start), "qosClass": "Burstable",
                                                         "conditions": [["type": "Ready", "status": terminating ? "False" : "True", "lastTransitionTime": Self.iso(p.start + 9_000_000_000)]],
                                                         "containerStatuses": [["name": p.service, "ready": !terminating, "restartCount": 0, "started": true,
                                                                                "image": s?.image ?? "registry.k8s.io/\(p.service):v1.0.0",
                                                                                "state": ["running": ["startedAt": Self.iso(p.start + 5_000_000_000)]]]]]]))
            if let c = p.crashFrom, t >= c, let failure = p.failure, var m = out.last?.2 {
                m["status"] = Self.failedStatus(failure, pod: p, since: c, at: t, image: s?.image ?? "")
                out[out.count - 1].2 = m
            } else if let c = p.crashFrom, t >= c, var m = out.last?.2, var st = m["status"] as? [String: Any] {
                st["containerStatuses"] = [["name": p.service, "ready": false, "restartCount": Int((t - c) / 60_000_000_000) + 1, "started": false,
                                            "image": s?.image ?? "", "lastState": ["terminated": ["exitCode": 255, "reason": "Error", "message": "exec /app/\(p.service): exec format error"]],
                                            "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=\(p.service) pod=\(p.name)"]]]]
                st["conditions"] = [["type": "Ready", "status": "False", "reason": "ContainersNotReady"]]
                m["status"] = st
                out[out.count - 1].2 = m
            }
        }
        for f in faults { out += f.extraObjects(at: t, cluster: self, rv: &rv) }
        for i in out.indices {
            let meta = out[i].2["metadata"] as? [String: Any]
            let kind = out[i].2["kind"] as? String ?? ""
            for f in faults { f.modify(&out[i].2, kind: kind, name: meta?["name"] as? String ?? "", namespace: out[i].1, at: t) }
        }
        if faults.isEmpty { return out }
        return out.filter { o in
            let name = (o.2["metadata"] as? [String: Any])?["name"] as? String ?? "", kind = o.2["kind"] as? String ?? ""
            return !faults.contains { $0.removes(kind: kind, name: name, namespace: o.1, at: t) }
        }
    }
}

extension ClusterObjects {
    /// The status of a pod failing as `failure` since `c`, observed at `t`.
    static func failedStatus(_ failure: PodFailure, pod p: PodInstance, since c: Nanos, at t: Nanos, image: String) -> [String: Any] {
        let restarts = Int((t - c) / 60_000_000_000) + 1
        var st: [String: Any] = ["phase": failure.pending ? "Pending" : "Running", "qosClass": "Burstable", "startTime": iso(p.start)]
        let notReady: [String: Any] = ["type": "Ready", "status": "False", "reason": "ContainersNotReady", "lastTransitionTime": iso(c)]
        switch failure {
        case .unschedulable(let message):
            st["conditions"] = [["type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": message, "lastTransitionTime": iso(c)]]
            return st
        case .missingVolume(let claim):
            st["conditions"] = [["type": "PodScheduled", "status": "False", "reason": "Unschedulable", "lastTransitionTime": iso(c),
                                 "message": "0/3 nodes are available: persistentvolumeclaim \"\(claim)\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."]]
            return st
        default: break
        }
        st["podIP"] = p.ip
        st["hostIP"] = "10.0.\(p.node.count).\(p.node.utf8.count * 3)"
        st["conditions"] = [notReady]
        var main: [String: Any] = ["name": p.service, "ready": false, "restartCount": 0, "started": false, "image": image]
        switch failure {
        case .crashLoop(let reason, let code, let message):
            main["restartCount"] = restarts
            main["lastState"] = ["terminated": ["exitCode": code, "reason": reason, "message": message]]
            main["state"] = ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=\(p.service) pod=\(p.name)"]]
        case .imagePull(let message):
            main["state"] = ["waiting": ["reason": "ImagePullBackOff", "message": message]]
        case .initCrash(let container, let message):
            main["state"] = ["waiting": ["reason": "PodInitializing"]]
            st["initContainerStatuses"] = [["name": container, "ready": false, "restartCount": restarts,
                                            "lastState": ["terminated": ["exitCode": 1, "reason": "Error", "message": message]],
                                            "state": ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container=\(container) pod=\(p.name)"]]]]
        case .initHang(let container):
            main["state"] = ["waiting": ["reason": "PodInitializing"]]
            st["initContainerStatuses"] = [["name": container, "ready": false, "restartCount": 0, "started": true,
                                            "state": ["running": ["startedAt": iso(c)]]]]
        case .notReady:
            main["started"] = true
            main["state"] = ["running": ["startedAt": iso(p.start + 5_000_000_000)]]
        case .unschedulable, .missingVolume: break
        }
        st["containerStatuses"] = [main]
        return st
    }
}

extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValue_stable: Int {
        var h: UInt64 = 1469598103934665603
        for b in utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return Int(truncatingIfNeeded: h >> 2)
    }
}
