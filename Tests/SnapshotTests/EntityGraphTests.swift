import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Relations derived from manifests: owners, config dependencies, selection, autoscaling, network policies,
/// Chaos Mesh targets, and service calls from an architecture file.
@Suite struct EntityGraphTests {
    static func cell(_ s: String) -> String {
        s.contains("\"") || s.contains("\t") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func objectRow(_ json: [String: Any], resource: String, ns: String?) -> String {
        let body = String(decoding: try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        let cells = ["2025-12-15 17:28:25.780858895", "2025-12-15 17:28:25", "", "", "0", "", "0", "", cell(body), "",
                     ns.map { "{'k8s.namespace.name': '\($0)'}" } ?? "{}", "", "k8sobjectsreceiver", "1.0.0", "{}",
                     "{'k8s.resource.name': '\(resource)'}", ""]
        return cells.joined(separator: "\t") + "\n"
    }

    static func makeSnapshot() -> String {
        let dir = TestPaths.tempDir("graph")
        let ns = "otel-demo"
        let labels = ["app": "ad"]
        var rows = Columns.logs.joined(separator: "\t") + "\n"
        rows += objectRow(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "ad", "namespace": ns],
                           "spec": ["template": ["spec": ["containers": [["name": "ad", "envFrom": [["configMapRef": ["name": "ad-env"]]],
                                                                          "env": [["name": "K", "valueFrom": ["secretKeyRef": ["name": "ad-secret", "key": "k"]]]]]],
                                                         "volumes": [["name": "v", "persistentVolumeClaim": ["claimName": "ad-data"]]]]]]], resource: "deployments", ns: ns)
        rows += objectRow(["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "ad-5f4", "namespace": ns,
                           "ownerReferences": [["kind": "Deployment", "name": "ad"]]]], resource: "replicasets", ns: ns)
        rows += objectRow(["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "ad-5f4-x1", "namespace": ns, "labels": labels,
                           "ownerReferences": [["kind": "ReplicaSet", "name": "ad-5f4"]]], "spec": ["nodeName": "node-1"]], resource: "pods", ns: ns)
        rows += objectRow(["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "other-1", "namespace": ns, "labels": ["app": "other"]]], resource: "pods", ns: ns)
        rows += objectRow(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "ad", "namespace": ns], "spec": ["selector": labels]], resource: "services", ns: ns)
        rows += objectRow(["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "ad", "namespace": ns],
                           "spec": ["scaleTargetRef": ["kind": "Deployment", "name": "ad"]]], resource: "horizontalpodautoscalers", ns: ns)
        rows += objectRow(["apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": ["name": "ad-block-all", "namespace": ns],
                           "spec": ["podSelector": ["matchLabels": labels]]], resource: "networkpolicies", ns: ns)
        rows += objectRow(["apiVersion": "chaos-mesh.org/v1alpha1", "kind": "NetworkChaos", "metadata": ["name": "ad-partition", "namespace": "chaos-mesh"],
                           "spec": ["action": "partition", "selector": ["namespaces": [ns], "labelSelectors": labels]]], resource: "networkchaos", ns: "chaos-mesh")
        rows += objectRow(["apiVersion": "chaos-mesh.org/v1alpha1", "kind": "Schedule", "metadata": ["name": "ad-stress", "namespace": "chaos-mesh"],
                           "spec": ["stressChaos": ["selector": ["pods": [ns: ["ad-5f4-x1"]]]]]], resource: "schedules", ns: "chaos-mesh")
        TestPaths.write(rows, to: dir + "/k8s_objects_raw.tsv")
        TestPaths.write(#"{"name": "shop", "dependencies": [{"source": "frontend", "target": "ad-service", "protocol": "gRPC"}, {"source": "ghost-service", "target": "ad-service"}]}"#,
                        to: dir + "/application_architecture.json")
        // A frontend Service so the architecture edge resolves.
        var more = rows
        more += objectRow(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "frontend", "namespace": ns]], resource: "services", ns: ns)
        TestPaths.write(more, to: dir + "/k8s_objects_raw.tsv")
        return dir
    }

    @Test func relationsFromManifests() throws {
        let s = try Snapshot.load(Self.makeSnapshot())
        let g = s.graph
        let dep = EntityID(namespace: "otel-demo", kind: "Deployment", name: "ad")
        let pod = EntityID(namespace: "otel-demo", kind: "Pod", name: "ad-5f4-x1")
        #expect(g.owner(ofPod: "ad-5f4-x1") == dep)
        let uses = Set(g.out(dep).filter { $0.relation == .uses }.map(\.to.description))
        #expect(uses == ["otel-demo/ConfigMap/ad-env", "otel-demo/Secret/ad-secret", "otel-demo/PersistentVolumeClaim/ad-data"])
        #expect(g.out(EntityID(namespace: "otel-demo", kind: "Service", name: "ad")).map(\.to) == [pod])
        #expect(g.out(EntityID(namespace: "otel-demo", kind: "HorizontalPodAutoscaler", name: "ad")).contains { $0.relation == .scales && $0.to == dep })
        #expect(g.out(EntityID(namespace: "otel-demo", kind: "NetworkPolicy", name: "ad-block-all")).map(\.to) == [pod])
        let chaos = g.out(EntityID(namespace: "chaos-mesh", kind: "NetworkChaos", name: "ad-partition")).map(\.to)
        #expect(chaos.contains(pod) && chaos.contains(dep))
        #expect(!chaos.contains { $0.name == "other-1" })
        #expect(g.out(EntityID(namespace: "chaos-mesh", kind: "Schedule", name: "ad-stress")).map(\.to) == [pod])
        #expect(g.out(pod).contains { $0.relation == .runsOn && $0.to.description == "Node/node-1" })
        // Architecture file: `-service` suffix aliased to the k8s name; unknown services reported.
        let fe = EntityID(namespace: "otel-demo", kind: "Service", name: "frontend")
        #expect(g.out(fe).contains { $0.relation == .calls && $0.to.name == "ad" })
        #expect(s.diagnostics.contains { $0.file == "application_architecture.json" && $0.reason.contains("1 dependencies") })
        // Walks by dependency: the pod depends on the chaos acting on it (downstream), the chaos's blast radius holds
        // the pod (upstream); the deployment's config is downstream.
        #expect(s.downstream(pod).contains { $0.entity.kind == "NetworkChaos" })
        #expect(s.upstream(EntityID(namespace: "chaos-mesh", kind: "NetworkChaos", name: "ad-partition")).contains { $0.entity == pod })
        #expect(s.downstream(dep).contains { $0.entity.kind == "ConfigMap" })
        #expect(s.path(from: EntityID(namespace: "chaos-mesh", kind: "NetworkChaos", name: "ad-partition"), to: fe) != nil)
    }
}
