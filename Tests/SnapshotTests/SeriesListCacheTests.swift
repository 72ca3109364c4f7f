import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The saved index's list of every scored metric series answers what scoring the series gives, bit for bit, on every
/// shipped incident; a damaged list is scored again, never read as "no series".
@Suite struct SeriesListCacheTests {
    /// Every field of every entry, doubles as their bits (so NaN and -0 compare too).
    static func fingerprint(_ list: [MetricSeriesInfo]) -> [String] {
        list.map { m in
            let labels = m.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let bits = [m.min, m.max, m.last, m.anomaly].map { String($0.bitPattern, radix: 16) }.joined(separator: " ")
            return "\(m.id) \(m.entity) \(m.file) \(m.name) {\(labels)} \(m.samples) \(m.duplicatesDropped) \(m.cumulative) \(bits)"
        }
    }

    @Test(arguments: SpanDigestTests.paths) func theSavedListEqualsScoringEverySeries(_ path: String) throws {
        let fresh = try Snapshot.load(path)
        let want = Self.fingerprint(fresh.metricSeries())
        #expect(!want.isEmpty && fresh.metricSeries().contains { $0.anomaly > 0 })
        let file = TestPaths.tempDir("series-list") + "/index.idx"
        let key = try IndexCache.key(for: fresh.root)
        try IndexCache.save(fresh, key: key, to: file)
        #expect(try SpanDigestTests.tableOfContents(file)["serieslist"] != nil)
        let cached = try #require(try IndexCache.load(file, key: key, root: fresh.root))
        #expect(Self.fingerprint(cached.metricSeries()) == want)
        // What reads the list answers the same from it: the anomaly ranking and compare's metric rows.
        #expect(cached.metricAnomalies(limit: 10).map(\.id) == fresh.metricAnomalies(limit: 10).map(\.id))
        let rows = { (s: Snapshot) throws -> [String] in try s.compare().rows.map { "\($0.entity) \($0.measure) \($0.before) \($0.after)" } }
        #expect(try rows(cached) == rows(fresh))
        // A damaged list: the snapshot is indexed again and the series scored, the same answer.
        let (_, damaged) = try SpanDigestTests.freshAndDamaged(path, section: "serieslist")
        #expect(Self.fingerprint(damaged.metricSeries()) == want)
    }

    @Test func theListReadsBackBitForBitWithAwkwardValues() throws {
        let e = EntityID(namespace: nil, kind: "Node", name: "ip-10-0-1-2")
        let list = [MetricSeriesInfo(id: "m0.0", entity: e, file: "metrics/a.tsv", name: "x", labels: [:], samples: 0, duplicatesDropped: 0,
                                     cumulative: true, min: -.infinity, max: .nan, last: -0.0, anomaly: 1000),
                    MetricSeriesInfo(id: "m0.1", entity: EntityID(namespace: "ns", kind: "Pod", name: "ü\"\t"), file: "", name: "",
                                     labels: ["b": "2", "a": "é"], samples: 7, duplicatesDropped: 3, cumulative: false,
                                     min: 1e-300, max: .greatestFiniteMagnitude, last: 5, anomaly: 0)]
        var w = BlobWriter()
        SeriesListBlob.write(list, to: &w)
        var r = BlobReader(w.data)
        #expect(Self.fingerprint(try SeriesListBlob.read(&r)) == Self.fingerprint(list))
        // Cut short or with bytes after it, the section is refused.
        var cut = BlobReader(w.data.prefix(w.data.count - 3))
        #expect(throws: BlobReader.Corrupt.self) { try SeriesListBlob.read(&cut) }
        var long = BlobReader(w.data + Data([0]))
        #expect(throws: BlobReader.Corrupt.self) { try SeriesListBlob.read(&long) }
    }
}
