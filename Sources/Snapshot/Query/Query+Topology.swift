/// A node of an upstream/downstream walk.
public struct TopologyNode: Sendable, Codable {
    public var entity: EntityID
    public var depth: Int
    /// The edge that led here (from the previous node on the walk).
    public var via: EntityGraph.Relation?
    public var calls: Int?
    public var errors: Int?
}

extension Snapshot {
    /// Kubernetes relations of `id` itself, and the service call edges of the workload it belongs to (a Pod or a
    /// Deployment shows its service's calls). Another entity's Kubernetes relations are not borrowed: a Pod does not
    /// "own" its ReplicaSet because its Deployment does, nor "select" itself because its Service does. No edge joins
    /// the entity to itself or to the entities that stand for it, and none is listed twice.
    public func neighbours(_ id: EntityID) -> (outgoing: [EntityGraph.Edge], incoming: [EntityGraph.Edge]) {
        let same = Set([id] + callNodes(id))
        var o: [EntityGraph.Edge] = [], i: [EntityGraph.Edge] = []
        for n in same.sorted() {
            // Its own relations (a Service selecting this Pod stays), and the borrowed calls to other workloads.
            o += graph.out(n).filter { n == id ? $0.to != id : $0.relation == .calls && !same.contains($0.to) }
            i += graph.into(n).filter { n == id ? $0.from != id : $0.relation == .calls && !same.contains($0.from) }
        }
        var seenOut = Set<String>(), seenIn = Set<String>()
        o = o.filter { seenOut.insert("\($0.relation.rawValue) \($0.to)").inserted }
        i = i.filter { seenIn.insert("\($0.relation.rawValue) \($0.from)").inserted }
        return (o.sorted { ($0.relation.rawValue, $0.to) < ($1.relation.rawValue, $1.to) },
                i.sorted { ($0.relation.rawValue, $0.from) < ($1.relation.rawValue, $1.from) })
    }

    /// The call-graph node(s) standing for an entity (a Deployment or Pod maps to its service's node).
    func callNodes(_ id: EntityID) -> [EntityID] {
        var out: [EntityID] = []
        for s in telemetryKeys(id).services { if let p = graph.primaryEntity(forService: s), p != id { out.append(p) } }
        if id.kind == "Pod", let o = graph.owner(ofPod: id.name) {
            out.append(o)
            for s in telemetryKeys(o).services { if let p = graph.primaryEntity(forService: s) { out.append(p) } }
        }
        return Array(Set(out)).sorted()
    }

    /// Relations followed when walking, by dependency. Downstream = what `id` depends on: the services it calls, the
    /// config it uses, its pods, and what acts on it (a NetworkPolicy or Chaos experiment applied to it, an HPA scaling
    /// it). Upstream = what depends on `id`, its blast radius: its callers, the users of a ConfigMap or Secret, the
    /// owners and Services of a pod, and for a NetworkPolicy, Chaos experiment or HPA, the workloads it acts on and
    /// everything that depends on them.
    public func downstream(_ id: EntityID, maxDepth: Int = 6) -> [TopologyNode] {
        walk(id, maxDepth: maxDepth, forward: true)
    }

    public func upstream(_ id: EntityID, maxDepth: Int = 6) -> [TopologyNode] {
        walk(id, maxDepth: maxDepth, forward: false)
    }

    /// Relations whose source acts on their target, so the target depends on the source (the other relations point
    /// from the dependent to what it depends on: a caller to the callee, a Deployment to its ConfigMap).
    static let actsOn: Set<EntityGraph.Relation> = [.appliesTo, .targets, .scales, .limits]

    /// Breadth-first, so every entity sits at its shortest distance from `id` (a service the entity calls directly
    /// is never listed under one of its pods), then listed depth-first along that tree, children by name.
    private func walk(_ id: EntityID, maxDepth: Int, forward: Bool) -> [TopologyNode] {
        let follow: Set<EntityGraph.Relation> = [.calls, .uses, .targets, .scales, .appliesTo, .limits, .owns, .selects]
        var seen: Set<EntityID> = [id]
        var children: [EntityID: [TopologyNode]] = [:]
        var frontier = [id]
        for depth in 0..<maxDepth where !frontier.isEmpty {
            var next: [EntityID] = []
            for n in frontier {
                // Its own relations, and the calls of the workload it stands for (as `neighbours`: another entity's
                // ownership or selection is not borrowed, so a Pod never lists its Deployment's ReplicaSet).
                // An edge's dependency runs against it for the relations that act on their target (see `actsOn`).
                var edges: [(to: EntityID, edge: EntityGraph.Edge)] = []
                for e in graph.out(n) where follow.contains(e.relation) && forward != Self.actsOn.contains(e.relation) { edges.append((e.to, e)) }
                for e in graph.into(n) where follow.contains(e.relation) && forward == Self.actsOn.contains(e.relation) { edges.append((e.from, e)) }
                for x in callNodes(n) { for e in (forward ? graph.out(x) : graph.into(x)) where e.relation == .calls { edges.append((forward ? e.to : e.from, e)) } }
                for (to, e) in edges.sorted(by: { $0.to < $1.to }) {
                    // Ownership and selection only lead from a workload to its pods at the first step, and back up.
                    if [.owns, .selects].contains(e.relation) && to.kind == "Pod" && depth > 0 { continue }
                    guard seen.insert(to).inserted else { continue }
                    children[n, default: []].append(TopologyNode(entity: to, depth: depth + 1, via: e.relation, calls: e.calls, errors: e.errors))
                    next.append(to)
                }
            }
            frontier = next
        }
        var out: [TopologyNode] = []
        func emit(_ n: EntityID) { for c in children[n] ?? [] { out.append(c); emit(c.entity) } }
        emit(id)
        return out
    }

    /// Shortest path between two entities over all relations, in either direction; nil when unconnected.
    public func path(from a: EntityID, to b: EntityID) -> [TopologyNode]? {
        if a == b { return [TopologyNode(entity: a, depth: 0)] }
        var prev: [EntityID: (EntityID, EntityGraph.Edge)] = [:]
        var queue: [EntityID] = [a]
        var seen: Set<EntityID> = [a]
        var head = 0
        let targets = Set([b] + callNodes(b))
        var found: EntityID? = nil
        while head < queue.count {
            let n = queue[head]; head += 1
            if targets.contains(n) { found = n; break }
            var edges: [(EntityID, EntityGraph.Edge)] = []
            for x in [n] + callNodes(n) {
                for e in graph.out(x) { edges.append((e.to, e)) }
                for e in graph.into(x) { edges.append((e.from, e)) }
            }
            for (next, e) in edges where seen.insert(next).inserted {
                prev[next] = (n, e)
                queue.append(next)
            }
        }
        guard let end = found else { return nil }
        var chain: [TopologyNode] = []
        var cur = end
        while cur != a, let (p, e) = prev[cur] {
            chain.append(TopologyNode(entity: cur, depth: 0, via: e.relation, calls: e.calls, errors: e.errors))
            cur = p
        }
        chain.append(TopologyNode(entity: a, depth: 0))
        chain.reverse()
        for i in chain.indices { chain[i].depth = i }
        return chain
    }

    /// All service call edges (from traces or an architecture file), by call count.
    public func callGraph() -> [EntityGraph.Edge] {
        graph.edges.filter { $0.relation == .calls }.sorted { (($0.calls ?? 0), $1.from) > (($1.calls ?? 0), $0.from) }
    }
}
