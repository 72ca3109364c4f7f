import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The events and objects sections of the saved index (columns, not JSON) give back every field of every record, on
/// every shipped incident: entities with and without a namespace, multi-line messages, objects seen many times.
@Suite struct CachedRecordsTests {
    @Test(arguments: SpanDigestTests.paths) func eventsAndObjectsComeBackWhole(path: String) throws {
        let fresh = try Snapshot.load(path)
        let file = TestPaths.tempDir("records") + "/index.idx"
        let key = try IndexCache.key(for: fresh.root)
        try IndexCache.save(fresh, key: key, to: file)
        let cached = try #require(try IndexCache.load(file, key: key, root: fresh.root))
        let (fe, ce) = (try #require(fresh.events), try #require(cached.events))
        #expect(!fe.events.isEmpty && ce.events == fe.events && ce.rows == fe.rows)
        let (fo, co) = (try #require(fresh.objects), try #require(cached.objects))
        #expect(fo.objects.contains { $0.id.namespace == nil } && fo.objects.contains { $0.observations.count > 1 })
        #expect(co.objects.map(\.id) == fo.objects.map(\.id) && co.objects.map(\.uid) == fo.objects.map(\.uid))
        #expect(co.objects.map(\.observations) == fo.objects.map(\.observations) && co.objects.map(\.versions) == fo.objects.map(\.versions))
        #expect(co.offset == fo.offset && co.time == fo.time && co.object == fo.object && co.contentHash == fo.contentHash)
        for o in fo.objects { #expect(co.lookup[o.id] == fo.lookup[o.id]) }
    }

    @Test func aCutEventsSectionIsReadAsDamaged() throws {
        var w = BlobWriter()
        let e = KubeEvent(name: "a.1", namespace: "ns", reason: "BackOff", type: "Warning", message: "two\nlines", entity: EntityID(namespace: nil, kind: "Node", name: "n1"),
                          firstTime: 1, lastTime: 2, count: 3, source: "kubelet", rows: 4, offset: 5, record: 6)
        w.events([e, e])
        var whole = BlobReader(w.data)
        #expect(try whole.events() == [e, e] && whole.atEnd)
        var cut = BlobReader(w.data.prefix(w.data.count - 8))
        #expect(throws: BlobReader.Corrupt.self) { _ = try cut.events() }
    }
}
