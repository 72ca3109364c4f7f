import Foundation

/// The entities of a snapshot and the edges between them: Kubernetes ownership, configuration
/// dependencies, service selection, autoscaling, network policies, Chaos Mesh targets, and the
/// service call graph derived from traces (or an architecture file when the snapshot has one).
public final class EntityGraph: @unchecked Sendable {
    public enum Relation: String, Sendable, Codable, CaseIterable {
        case owns, selects, uses, calls, scales, targets, appliesTo = "applies-to", runsOn = "runs-on", limits
    }
    public struct Edge: Hashable, Sendable, Codable {
        public var from: EntityID
        public var to: EntityID
        public var relation: Relation
        public var calls: Int?
        public var errors: Int?
    }
    /// Where an entity was seen.
    public struct Sources: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let object = Sources(rawValue: 1), event = Sources(rawValue: 2), trace = Sources(rawValue: 4)
        public static let log = Sources(rawValue: 8), metric = Sources(rawValue: 16), alert = Sources(rawValue: 32)
        public var names: [String] {
            [(Sources.object, "objects"), (.event, "events"), (.trace, "traces"), (.log, "logs"), (.metric, "metrics"), (.alert, "alerts")]
                .filter { contains($0.0) }.map(\.1)
        }
    }

    public internal(set) var sources: [EntityID: Sources] = [:]
    public internal(set) var edges: [Edge] = []
    var outgoing: [EntityID: [Int]] = [:]
    var incoming: [EntityID: [Int]] = [:]
    /// OTel service name → entities that denote it (Service, workload), most specific first.
    public internal(set) var serviceEntities: [String: [EntityID]] = [:]
    /// Pod name → owning workload (top of the owner chain).
    public internal(set) var podOwner: [String: EntityID] = [:]
    /// Pod name → namespace, for pods seen anywhere.
    public internal(set) var podNamespace: [String: String] = [:]
    private var podLabels: [EntityID: [String: String]] = [:]

    /// All entities, sorted.
    public internal(set) var entities: [EntityID] = []

    public func contains(_ id: EntityID) -> Bool { sources[id] != nil }
    public func out(_ id: EntityID) -> [Edge] { (outgoing[id] ?? []).map { edges[$0] } }
    public func into(_ id: EntityID) -> [Edge] { (incoming[id] ?? []).map { edges[$0] } }

    func add(_ id: EntityID, _ s: Sources) { sources[id, default: []].formUnion(s) }

    func addEdge(_ e: Edge) {
        if let existing = outgoing[e.from]?.first(where: { edges[$0].to == e.to && edges[$0].relation == e.relation }) {
            if let c = e.calls { edges[existing].calls = (edges[existing].calls ?? 0) + c }
            if let c = e.errors { edges[existing].errors = (edges[existing].errors ?? 0) + c }
            return
        }
        outgoing[e.from, default: []].append(edges.count)
        incoming[e.to, default: []].append(edges.count)
        edges.append(e)
        add(e.from, []); add(e.to, [])
    }

    /// The entity that best stands for an OTel service name (Service object, else workload, else an OtelService).
    public func primaryEntity(forService s: String) -> EntityID? { serviceEntities[s]?.first }

    /// Workload owning a pod: owner references when the pod's manifest was recorded, else its name shape.
    public func owner(ofPod name: String) -> EntityID? { podOwner[name] }

    /// The graph's first half, from the Kubernetes objects alone (so the loader builds it while the telemetry is
    /// still being indexed): the objects and the edges their latest manifests give.
    static func fromObjects(_ objects: ObjectIndex?, file objectsFile: ByteFile?) -> EntityGraph {
        let g = EntityGraph()
        var manifests: [EntityID: [String: Any]] = [:]
        if let objects {
            for o in objects.objects { g.add(o.id, .object) }
            // Decode the latest manifest of the kinds that carry relations.
            let relational: Set<String> = Set(["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Service",
                                           "HorizontalPodAutoscaler", "NetworkPolicy", "ResourceQuota"]).union(Kind.chaos)
            if let file = objectsFile {
                for o in objects.objects where relational.contains(o.id.kind) || o.id.kind.hasSuffix("Chaos") {
                    guard let last = o.observations.last,
                          let fields = TSVRecordReader.fields(file, at: Int(objects.offset[Int(last)])),
                          objects.bodyColumn < fields.count,
                          let json = try? JSONSerialization.jsonObject(with: Data(fields[objects.bodyColumn])) as? [String: Any]
                    else { continue }
                    manifests[o.id] = json
                }
            }
        }
        g.addKubernetesEdges(manifests)
        return g
    }

    /// The graph's second half: events' objects, the pods and services telemetry names, the calls between services
    /// traces show, and the architecture files' edges.
    func addTelemetry(events: EventIndex?, traces: TraceIndex?, logs: LogIndex?, metrics: [MetricFileIndex], topologyFiles: [String],
                      diagnostics: inout [Diagnostic]) {
        let g = self
        // Events: involved objects.
        for e in events?.events ?? [] { g.add(e.entity, .event) }
        // Telemetry: pods and services.
        func notePod(_ pod: String, ns: String, _ s: Sources) {
            guard !pod.isEmpty else { return }
            let nsp = ns.isEmpty ? (g.podNamespace[pod] ?? "") : ns
            if g.podNamespace[pod] == nil, !nsp.isEmpty { g.podNamespace[pod] = nsp }
            g.add(EntityID(namespace: nsp, kind: "Pod", name: pod), s)
        }
        var serviceNS: [String: String] = [:]
        // Distinct (pod, namespace) and (service, namespace) pairs of a telemetry index, found without making strings per record.
        func pairs(_ count: Int, _ a: [Int32], _ ns: [Int32]) -> [(Int32, Int32)] {
            var seen = U64Map(capacity: 256)
            var out: [(Int32, Int32)] = []
            for i in 0..<count where a[i] != 0 {
                let key = UInt64(UInt32(bitPattern: a[i])) << 32 | UInt64(UInt32(bitPattern: ns[i]))
                if seen.get(key) == nil { seen.set(key, 1); out.append((a[i], ns[i])) }
            }
            return out
        }
        if let t = traces {
            for (p, ns) in pairs(t.count, t.pod, t.namespace) { notePod(t.strings[p], ns: t.strings[ns], .trace) }
            for (sv, ns) in pairs(t.count, t.service, t.namespace) {
                let svc = t.strings[sv], n = t.strings[ns]
                if serviceNS[svc] == nil || serviceNS[svc] == "" { serviceNS[svc] = n }
            }
        }
        if let l = logs {
            for (p, ns) in pairs(l.count, l.pod, l.namespace) { notePod(l.strings[p], ns: l.strings[ns], .log) }
            for (sv, ns) in pairs(l.count, l.service, l.namespace) {
                let svc = l.strings[sv], n = l.strings[ns]
                if serviceNS[svc] == nil || serviceNS[svc] == "" { serviceNS[svc] = n }
            }
        }
        for m in metrics {
            switch m.target {
            case .pod: notePod(m.targetName, ns: m.namespace, .metric)
            case .service: if serviceNS[m.targetName] == nil || serviceNS[m.targetName] == "" { serviceNS[m.targetName] = m.namespace }
            }
        }
        // Pod owners by name shape when no owner references were recorded.
        for (pod, ns) in g.podNamespace.sorted(by: { $0.key < $1.key }) where g.podOwner[pod] == nil {
            if let w = g.workloadByName(pod: pod, ns: ns) { g.podOwner[pod] = w; g.addEdge(Edge(from: w, to: EntityID(namespace: ns, kind: "Pod", name: pod), relation: .owns)) }
        }
        // Service names → entities.
        let allServiceNames = Set(serviceNS.keys)
        for svc in allServiceNames.sorted() {
            let ns = serviceNS[svc] ?? ""
            var ents: [EntityID] = []
            for k in ["Service", "Deployment", "StatefulSet", "DaemonSet"] {
                let id = EntityID(namespace: ns, kind: k, name: svc)
                if g.sources[id]?.contains(.object) == true { ents.append(id) }
            }
            if ents.isEmpty {
                // Any namespace with that name (telemetry without a namespace attribute).
                for k in ["Service", "Deployment", "StatefulSet"] {
                    if let id = g.sources.keys.first(where: { $0.kind == k && $0.name == svc && g.sources[$0]!.contains(.object) }) { ents.append(id) }
                }
            }
            if ents.isEmpty { ents.append(EntityID(namespace: ns, kind: "OtelService", name: svc)) }
            g.serviceEntities[svc] = ents
            var s: Sources = []
            if traces?.strings.id(of: svc) != nil { s.insert(.trace) }
            if logs?.strings.id(of: svc) != nil { s.insert(.log) }
            if metrics.contains(where: { $0.target == .service && $0.targetName == svc }) { s.insert(.metric) }
            for e in ents { g.add(e, s) }
        }
        // Calls from traces (peers without telemetry resolve to a Service or workload of that name).
        if let t = traces {
            for (k, st) in t.calls.sorted(by: { ($0.key.caller, $0.key.callee) < ($1.key.caller, $1.key.callee) }) {
                guard let a = g.primaryEntity(forService: t.strings[k.caller]) else { continue }
                let calleeName = t.strings[k.callee]
                guard let b = g.primaryEntity(forService: calleeName) ?? g.objectNamed(calleeName, near: a.namespace) else { continue }
                g.addEdge(Edge(from: a, to: b, relation: .calls, calls: st.calls, errors: st.errors))
            }
        }
        for path in topologyFiles { g.addArchitecture(path, diagnostics: &diagnostics) }
        g.entities = g.sources.keys.sorted()
    }

    /// A Service, Deployment or StatefulSet object called `name` (a peer host may carry a port or a domain).
    func objectNamed(_ raw: String, near ns: String?) -> EntityID? {
        let name = String(raw.split(separator: ":").first ?? "").split(separator: ".").first.map(String.init) ?? raw
        for k in ["Service", "Deployment", "StatefulSet"] {
            let id = EntityID(namespace: ns, kind: k, name: name)
            if sources[id]?.contains(.object) == true { return id }
        }
        return nil
    }

    /// `cart-755465879b-rh5r4` → Deployment `cart`; `redis-0` → StatefulSet `redis`.
    func workloadByName(pod: String, ns: String) -> EntityID? {
        var parts = pod.split(separator: "-").map(String.init)
        guard parts.count >= 2 else { return nil }
        parts.removeLast()
        let sts = EntityID(namespace: ns, kind: "StatefulSet", name: parts.joined(separator: "-"))
        if sources[sts] != nil, Int(pod.split(separator: "-").last!) != nil { return sts }
        let ds = EntityID(namespace: ns, kind: "DaemonSet", name: parts.joined(separator: "-"))
        if sources[ds] != nil { return ds }
        if parts.count >= 2 {
            parts.removeLast()
            let dep = EntityID(namespace: ns, kind: "Deployment", name: parts.joined(separator: "-"))
            if sources[dep] != nil { return dep }
        }
        return nil
    }

    private func addKubernetesEdges(_ manifests: [EntityID: [String: Any]]) {
        // Owner references (and the transitive pod owner).
        var directOwner: [EntityID: EntityID] = [:]
        let manifests = manifests.sorted { $0.key < $1.key }   // deterministic edge order
        for (id, m) in manifests {
            let meta = m["metadata"] as? [String: Any] ?? [:]
            for ref in (meta["ownerReferences"] as? [[String: Any]]) ?? [] {
                guard let k = ref["kind"] as? String, let n = ref["name"] as? String else { continue }
                let owner = EntityID(namespace: id.namespace, kind: k, name: n)
                addEdge(Edge(from: owner, to: id, relation: .owns))
                directOwner[id] = owner
            }
            if id.kind == "Pod" {
                podLabels[id] = (meta["labels"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
                podNamespace[id.name] = id.namespace ?? ""
            }
        }
        for (id, _) in manifests where id.kind == "Pod" {
            var top = id
            var hops = 0
            while let o = directOwner[top], hops < 5 { top = o; hops += 1 }
            if top != id { podOwner[id.name] = top }
        }
        // Config dependencies, selection, scaling, policies, chaos targets.
        for (id, m) in manifests {
            let spec = m["spec"] as? [String: Any] ?? [:]
            let ns = id.namespace
            switch id.kind {
            case "Pod":
                addPodSpecDeps(from: id, podSpec: spec)
                if let node = spec["nodeName"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: nil, kind: "Node", name: node), relation: .runsOn)) }
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
                let tmpl = (spec["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
                addPodSpecDeps(from: id, podSpec: tmpl)
            case "CronJob":
                let tmpl = (((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
                addPodSpecDeps(from: id, podSpec: tmpl)
            case "Service":
                if let sel = LabelSelector(spec["selector"], plain: true), !sel.isEmpty {
                    for (pod, labels) in podLabels.sorted(by: { $0.key < $1.key }) where pod.namespace == ns && sel.matches(labels) {
                        addEdge(Edge(from: id, to: pod, relation: .selects))
                    }
                }
            case "HorizontalPodAutoscaler":
                if let ref = spec["scaleTargetRef"] as? [String: Any], let k = ref["kind"] as? String, let n = ref["name"] as? String {
                    addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: k, name: n), relation: .scales))
                }
            case "NetworkPolicy":
                let sel = LabelSelector(spec["podSelector"]) ?? LabelSelector([:] as [String: Any])!
                for (pod, labels) in podLabels.sorted(by: { $0.key < $1.key }) where pod.namespace == ns && sel.matches(labels) {
                    addEdge(Edge(from: id, to: pod, relation: .appliesTo))
                }
            case "ResourceQuota":
                if let ns { addEdge(Edge(from: id, to: EntityID(namespace: nil, kind: "Namespace", name: ns), relation: .limits)) }
            default:
                if Kind.chaos.contains(id.kind) || id.kind.hasSuffix("Chaos") { addChaosTargets(id, spec: spec) }
            }
        }
    }

    private func addPodSpecDeps(from id: EntityID, podSpec: [String: Any]) {
        let ns = id.namespace
        for v in (podSpec["volumes"] as? [[String: Any]]) ?? [] {
            if let n = (v["configMap"] as? [String: Any])?["name"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "ConfigMap", name: n), relation: .uses)) }
            if let n = (v["secret"] as? [String: Any])?["secretName"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "Secret", name: n), relation: .uses)) }
            if let n = (v["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "PersistentVolumeClaim", name: n), relation: .uses)) }
        }
        let containers = ((podSpec["containers"] as? [[String: Any]]) ?? []) + ((podSpec["initContainers"] as? [[String: Any]]) ?? [])
        for c in containers {
            for e in (c["env"] as? [[String: Any]]) ?? [] {
                let from = e["valueFrom"] as? [String: Any] ?? [:]
                if let n = (from["configMapKeyRef"] as? [String: Any])?["name"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "ConfigMap", name: n), relation: .uses)) }
                if let n = (from["secretKeyRef"] as? [String: Any])?["name"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "Secret", name: n), relation: .uses)) }
            }
            for e in (c["envFrom"] as? [[String: Any]]) ?? [] {
                if let n = (e["configMapRef"] as? [String: Any])?["name"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "ConfigMap", name: n), relation: .uses)) }
                if let n = (e["secretRef"] as? [String: Any])?["name"] as? String { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "Secret", name: n), relation: .uses)) }
            }
        }
    }

    /// Chaos Mesh: `spec.selector` (and NetworkChaos `spec.target.selector`), also nested in a Schedule.
    private func addChaosTargets(_ id: EntityID, spec: [String: Any]) {
        var selectors: [[String: Any]] = []
        func collect(_ any: Any?, depth: Int) {
            guard depth < 5, let d = any as? [String: Any] else { return }
            if let s = d["selector"] as? [String: Any] { selectors.append(s) }
            for (k, v) in d where k != "selector" { collect(v, depth: depth + 1) }
        }
        collect(spec, depth: 0)
        for s in selectors {
            let namespaces = (s["namespaces"] as? [String]) ?? [id.namespace].compactMap { $0 }
            if let pods = s["pods"] as? [String: Any] {
                for (ns, names) in pods { for n in (names as? [String]) ?? [] { addEdge(Edge(from: id, to: EntityID(namespace: ns, kind: "Pod", name: n), relation: .targets)) } }
            }
            guard let sel = LabelSelector(s), !sel.isEmpty else { continue }
            var owners = Set<EntityID>()
            for (pod, labels) in podLabels.sorted(by: { $0.key < $1.key }) where namespaces.contains(pod.namespace ?? "") && sel.matches(labels) {
                addEdge(Edge(from: id, to: pod, relation: .targets))
                if let o = podOwner[pod.name] { owners.insert(o) }
            }
            for o in owners.sorted() { addEdge(Edge(from: id, to: o, relation: .targets)) }
        }
    }

    /// An application-architecture JSON (`dependencies: [{source, target}]`); `-service` suffixes are aliased away.
    private func addArchitecture(_ path: String, diagnostics: inout [Diagnostic]) {
        let rel = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            diagnostics.append(Diagnostic(.error, file: rel, reason: "not a JSON object; topology file ignored")); return
        }
        func resolve(_ raw: String) -> EntityID? {
            var n = raw
            if serviceEntities[n] == nil, n.hasSuffix("-service") { n.removeLast(8) }
            if let e = primaryEntity(forService: n) { return e }
            return sources.keys.first { ($0.kind == "Service" || $0.kind == "Deployment") && $0.name == n }
        }
        let deps = (json["dependencies"] as? [[String: Any]]) ?? (json["edges"] as? [[String: Any]]) ?? []
        var unresolved = 0
        for d in deps {
            guard let s = d["source"] as? String, let t = d["target"] as? String else { continue }
            if (d["relation"] as? String).map({ $0 != "calls" }) == true { continue }
            guard let a = resolve(s), let b = resolve(t) else { unresolved += 1; continue }
            addEdge(Edge(from: a, to: b, relation: .calls))
        }
        if unresolved > 0 { diagnostics.append(Diagnostic(.info, file: rel, reason: "\(unresolved) dependencies name services not in the snapshot")) }
    }

    /// The entity an alert's labels point at.
    func resolveAlert(_ a: Alert) -> EntityID? {
        guard let (kind, name) = a.labelTarget else {
            if let ns = a.namespace { return EntityID(namespace: nil, kind: "Namespace", name: ns) }
            return nil
        }
        let ns = a.namespace
        if kind == "Service" {
            let svc = EntityID(namespace: ns, kind: "Service", name: name)
            if sources[svc]?.contains(.object) == true { add(svc, .alert); return svc }
            if let p = primaryEntity(forService: name) { add(p, .alert); return p }
        }
        let id = EntityID(namespace: ns, kind: kind, name: name)
        add(id, .alert)
        if !entities.contains(id) { entities.append(id); entities.sort() }
        return id
    }
}
