import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// An entity page lists its own relations the right way round (issue 16: a Pod page said the Pod "owns" its
/// ReplicaSet and "selects" itself, borrowed from its Deployment and Service, and listed relations twice).
@Suite struct NeighbourRelationsTests {
    static let s = try! Snapshot.load(TestPaths.snapshot("incident-02"))

    @Test func aPodIsOwnedNotOwningAndNeverSelectsItself() throws {
        let pod = try #require(Self.s.entities.first { $0.kind == "Pod" && $0.name.hasPrefix("cart-") && $0.namespace == "otel-demo" })
        let (out, into) = Self.s.neighbours(pod)
        #expect(!out.contains { $0.relation == .owns }, "\(out)")
        #expect(!out.contains { $0.to == pod } && !into.contains { $0.from == pod })
        #expect(into.contains { $0.relation == .owns && $0.from.kind == "ReplicaSet" })
        #expect(into.contains { $0.relation == .selects && $0.from.kind == "Service" })
        // Its service's calls still show on the pod page.
        #expect(out.contains { $0.relation == .calls && $0.to.name == "valkey-cart" })
        for (list, key) in [(out.map { "\($0.relation) \($0.to)" }, "out"), (into.map { "\($0.relation) \($0.from)" }, "in")] {
            #expect(Set(list).count == list.count, "\(key) lists a relation twice: \(list)")
        }
    }

    @Test func aDeploymentKeepsItsOwnRelationsAndItsServiceCalls() throws {
        let d = try Self.s.entity("otel-demo/Deployment/cart")
        let (out, into) = Self.s.neighbours(d)
        #expect(out.contains { $0.relation == .owns && $0.to.kind == "ReplicaSet" })
        #expect(!out.contains { $0.relation == .selects })                     // the Service selects, not the Deployment
        #expect(out.contains { $0.relation == .calls } && into.contains { $0.relation == .calls })
    }
}
