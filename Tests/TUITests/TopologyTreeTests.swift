import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// `:tree` (an entity's blast radius, upstream and downstream, with calls and errors on the edges) and `:path`
/// (incident-02: a NetworkPolicy blocks the frontend; the proxy in front of it sees the errors).
@Suite(.serialized) struct TopologyTreeTests {
    static let path = TestPaths.snapshot("incident-02")
    static let snapshot = try! Snapshot.load(path)

    func app(_ w: Int = 120, _ h: Int = 40) -> AppState { AppState(snapshot: Self.snapshot, truthPath: nil, width: w, height: h) }

    @Test func treeShowsCallersAboveAndDependenciesBelowWithErrors() throws {
        let a = app()
        a.typeCommand("tree svc/frontend")
        #expect(a.page == .tree("otel-demo/Service/frontend"))
        let rows = a.table().rows
        let centre = try #require(rows.firstIndex { $0.cells[0].hasPrefix("● ") })
        let up = rows[..<centre].filter { $0.entity != nil }, down = rows[centre...].dropFirst().filter { $0.entity != nil }
        // The proxy calls the frontend: upstream, with the calls the traces hold and its errors.
        let proxy = try #require(up.first { $0.entity == "otel-demo/Service/frontend-proxy" })
        let edge = try #require(Self.snapshot.graph.edges.first { $0.from.name == "frontend-proxy" && $0.to.name == "frontend" && $0.relation == .calls })
        #expect(proxy.cells[1] == "calls" && proxy.cells[2] == Format.count(edge.calls ?? 0))
        #expect(proxy.cells[0].contains("← otel-demo/Service/frontend-proxy"))
        // What the frontend calls is downstream, each once, in tree form.
        #expect(down.contains { $0.cells[0].contains("→ otel-demo/Service/product-catalog") && $0.cells[1] == "calls" })
        #expect(Set(down.compactMap(\.entity)).count == down.count)
        #expect(rows.contains { $0.cells[0].contains("└─") })
        // Errors on an edge are shown and coloured.
        for r in up + down where !r.cells[3].isEmpty { #expect(r.cells[3].hasPrefix("✘ ") && r.role == .bad) }
        // Enter opens the entity of the selected row (the first row is the upstream heading).
        a.handle(.char("j"))
        a.handle(Key.named("enter")!)
        if case .entity = a.page {} else { Issue.record("Enter did not open an entity: \(a.page)") }
    }

    /// Regression: a NetworkPolicy's blast radius listed what the blocked pod calls (unharmed) as "downstream" and
    /// nothing upstream; what it harms is the pod it applies to and everything that depends on that pod.
    @Test func aNetworkPolicysBlastRadiusIsWhatDependsOnThePodsItBlocks() throws {
        let a = app()
        a.typeCommand("tree netpol/frontend-block-all-ports")
        let rows = a.table().rows
        let centre = try #require(rows.firstIndex { $0.cells[0].hasPrefix("● ") })
        let up = rows[..<centre].compactMap(\.entity), down = rows[centre...].dropFirst().compactMap(\.entity)
        #expect(up.contains { $0.hasPrefix("otel-demo/Pod/frontend-") }, "the blocked pod is in the blast radius: \(up)")
        #expect(up.contains("otel-demo/Service/frontend-proxy"), "the proxy calling the frontend is harmed: \(up)")
        #expect(!up.contains("otel-demo/Service/product-catalog") && !down.contains("otel-demo/Service/product-catalog"),
                "what the frontend calls is not harmed by the policy: \(down)")
        // The load generator's calls into the proxy failed: the harm shows on an edge of the blast radius.
        #expect(rows.contains { $0.entity == "otel-demo/Service/load-generator" && $0.role == .bad && $0.cells[3].hasPrefix("✘") })
        // From the pod's side the policy is something it depends on, as its Service is what depends on it.
        let pod = try #require(up.first { $0.hasPrefix("otel-demo/Pod/frontend-") })
        let podID = try Self.snapshot.entity(pod)
        #expect(Self.snapshot.downstream(podID).contains { $0.entity.kind == "NetworkPolicy" })
        #expect(!Self.snapshot.upstream(podID).contains { $0.entity.kind == "NetworkPolicy" })
    }

    @Test func treePrefixesFollowTheDepths() {
        func node(_ name: String, _ d: Int) -> TopologyNode { TopologyNode(entity: EntityID(namespace: "ns", kind: "Service", name: name), depth: d) }
        let lines = TreePage.lines([node("a", 1), node("b", 2), node("c", 2), node("d", 1), node("e", 2)], arrow: "→").map { $0.cells[0] }
        #expect(lines == ["  ├─→ ns/Service/a", "  │ ├─→ ns/Service/b", "  │ └─→ ns/Service/c", "  └─→ ns/Service/d", "    └─→ ns/Service/e"])
    }

    @Test func treeAndPathFromTheFocusAndTheirErrors() {
        let a = app()
        a.typeCommand("entity netpol/frontend-block-all-ports")
        a.typeCommand("tree")
        #expect(a.page == .tree("otel-demo/NetworkPolicy/frontend-block-all-ports"))
        #expect(a.render().text.contains("Blast radius"))
        a.typeCommand("path netpol/frontend-block-all-ports svc/frontend-proxy")
        guard case .path = a.page else { Issue.record("no path page: \(a.page)"); return }
        let rows = a.table().rows.filter { $0.entity != nil }
        #expect(rows.first?.entity == "otel-demo/NetworkPolicy/frontend-block-all-ports")
        #expect(rows.last?.entity?.contains("frontend-proxy") == true || rows.last?.entity?.contains("Pod/frontend-proxy") == true, "\(rows.map(\.cells))")
        #expect(a.render().text.contains("step(s)"))
        a.typeCommand("tree no-such-thing")
        #expect(a.message?.contains("no-such-thing") == true)
        a.typeCommand("path onlyone")
        #expect(a.message != nil)
    }
}
