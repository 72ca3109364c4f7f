/// What the telemetry calls an entity: OTel service names and pod names.
public struct TelemetryKeys: Sendable, Hashable {
    public var services: Set<String> = []
    public var pods: Set<String> = []
    /// A namespace entity matches everything in it.
    public var namespace: String?
    public var isEmpty: Bool { services.isEmpty && pods.isEmpty && namespace == nil }
    /// Whether telemetry carrying these names (service, pod, namespace) belongs to the entity.
    public func matches(service: String, pod: String, namespace ns: String) -> Bool {
        services.contains(service) || pods.contains(pod) || (namespace != nil && ns == namespace)
    }
}

/// Result of resolving user input to entities.
public struct EntityResolution: Sendable {
    public var matches: [EntityID]
    /// Near names when nothing matched.
    public var suggestions: [EntityID]
}

extension Snapshot {
    /// All entities known to the snapshot, sorted.
    public var entities: [EntityID] { graph.entities }

    /// Resolves `ns/Kind/name`, `Kind/name`, `ns/name` or `name` (kubectl kinds, any case) to entities.
    public func resolve(_ input: String) -> EntityResolution {
        guard let ref = EntityRef.parse(input) else { return EntityResolution(matches: [], suggestions: suggest(input)) }
        if let exact = ref.exact, graph.contains(exact) { return EntityResolution(matches: [exact], suggestions: []) }
        var m = graph.entities.filter { ref.matches($0) }
        if m.isEmpty {
            // Case-insensitive names as a second chance.
            let lower = ref.name.lowercased()
            m = graph.entities.filter { e in
                e.name.lowercased() == lower && (ref.kind == nil || ref.kind == e.kind)
                    && (ref.namespace == nil || ref.namespace?.lowercased() == e.namespace?.lowercased())
            }
        }
        return EntityResolution(matches: m, suggestions: m.isEmpty ? suggest(input) : [])
    }

    /// Resolves to exactly one entity or throws with suggestions; prefers Service, then workloads, for bare names.
    public func entity(_ input: String) throws -> EntityID {
        let r = resolve(input)
        if r.matches.count == 1 { return r.matches[0] }
        if r.matches.isEmpty {
            let hint = r.suggestions.isEmpty ? "" : "; did you mean: " + r.suggestions.prefix(5).map(\.description).joined(separator: ", ")
            throw SnapshotError.notFound("unknown entity '\(input)'\(hint)")
        }
        for k in ["Service", "Deployment", "StatefulSet", "DaemonSet", "OtelService", "Pod"] {
            let ofKind = r.matches.filter { $0.kind == k }
            if ofKind.count == 1 { return ofKind[0] }
        }
        throw SnapshotError.badArgument("'\(input)' is ambiguous: " + r.matches.prefix(8).map(\.description).joined(separator: ", "))
    }

    /// Entities whose names are closest to `input` (edit distance and substring).
    public func suggest(_ input: String, limit: Int = 5) -> [EntityID] {
        let name = (input.split(separator: "/").last.map(String.init) ?? input).lowercased()
        guard !name.isEmpty else { return [] }
        var scored: [(Int, EntityID)] = []
        for e in graph.entities {
            let n = e.name.lowercased()
            var d = Self.editDistance(name, n, cap: 6)
            if n.contains(name) || name.contains(n) { d = min(d, 2) }
            if d <= max(2, name.count / 3) { scored.append((d, e)) }
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.1)
    }

    static func editDistance(_ a: String, _ b: String, cap: Int) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > cap { return cap + 1 }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            cur[0] = i
            var best = cur[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                best = min(best, cur[j])
            }
            if best > cap { return cap + 1 }
            swap(&prev, &cur)
        }
        return x.isEmpty ? y.count : prev[y.count]
    }

    /// The service and pod names under which telemetry reports `id`.
    public func telemetryKeys(_ id: EntityID) -> TelemetryKeys {
        var k = TelemetryKeys()
        switch id.kind {
        case "Namespace": k.namespace = id.name
        case "Pod": k.pods.insert(id.name)
        case "OtelService": k.services.insert(id.name)
        case "Service", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
            for (svc, ents) in graph.serviceEntities where ents.contains(id) { k.services.insert(svc) }
            for (pod, owner) in graph.podOwner where owner == id { k.pods.insert(pod) }
            // A Service's pods: those it selects, and those of workloads that share its name.
            for e in graph.out(id) where (e.relation == .selects || e.relation == .owns) && e.to.kind == "Pod" { k.pods.insert(e.to.name) }
            if id.kind == "Service" || id.kind == "ReplicaSet" {
                for (pod, owner) in graph.podOwner where owner.name == id.name && owner.namespace == id.namespace { k.pods.insert(pod) }
            }
        default: break
        }
        return k
    }

    /// Entities that denote the same workload as `id` (its Service, Deployment, ReplicaSets, pods).
    public func related(_ id: EntityID) -> [EntityID] {
        var out = Set<EntityID>()
        let keys = telemetryKeys(id)
        for s in keys.services { out.formUnion(graph.serviceEntities[s] ?? []) }
        for p in keys.pods {
            let ns = graph.podNamespace[p] ?? id.namespace
            out.insert(EntityID(namespace: ns, kind: "Pod", name: p))
            if let o = graph.owner(ofPod: p) { out.insert(o) }
        }
        if id.kind == "Pod", let o = graph.owner(ofPod: id.name) {
            out.insert(o)
            for s in telemetryKeys(o).services { out.formUnion(graph.serviceEntities[s] ?? []) }
        }
        out.remove(id)
        return out.sorted()
    }
}
