import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The span digest answers what the span columns would, on every shipped incident: counts exactly, percentiles within
/// 1.6 %, trace listings row for row; and it survives the index cache.
@Suite struct SpanDigestTests {
    static let paths = (1...9).map { (TestPaths.repoRoot as NSString).appendingPathComponent(String(format: "Snapshots/incident-%02d", $0)) }

    /// The rollup the span columns give, exactly (the implementation before the digest).
    static func exactRollup(_ t: TraceIndex, window: TimeWindow?) -> [String: (spans: Int, errors: Int, p50: Int64, p95: Int64, p99: Int64)] {
        var durations: [Int32: [Int64]] = [:], errors: [Int32: Int] = [:]
        for i in 0..<t.count where window?.contains(t.time[i]) ?? true {
            durations[t.service[i], default: []].append(t.duration[i])
            if t.status[i] == 2 { errors[t.service[i], default: 0] += 1 }
        }
        var out: [String: (spans: Int, errors: Int, p50: Int64, p95: Int64, p99: Int64)] = [:]
        for (sid, ds) in durations {
            let s = ds.sorted()
            func q(_ p: Double) -> Int64 { s[min(s.count - 1, Int(Double(s.count - 1) * p + 0.5))] }
            out[t.strings[sid]] = (ds.count, errors[sid] ?? 0, q(0.5), q(0.95), q(0.99))
        }
        return out
    }

    static func close(_ a: Int64, _ b: Int64) -> Bool { abs(Double(a - b)) <= 0.016 * Double(max(b, 1)) + 1 }

    @Test func bucketsKeepDurationsWithinOnePointSixPercent() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let d = Int64.random(in: 1...(Int64(1) << Int64.random(in: 1...50, using: &rng)), using: &rng)
            let v = SpanDigest.value(ofBucket: SpanDigest.bucket(d))
            #expect(Self.close(v, d), "\(d) → \(v)")
            #expect(SpanDigest.bucket(v) == SpanDigest.bucket(d))
        }
        #expect(SpanDigest.bucket(0) == 0 && SpanDigest.value(ofBucket: 0) == 0)
        #expect(SpanDigest.bucket(Int64.max) > SpanDigest.bucket(Int64.max / 2))
    }

    @Test(arguments: paths) func rollupsMatchTheSpans(path: String) throws {
        let s = try Snapshot.load(path)
        let t = try #require(s.traces)
        let rec = try #require(s.windows.recording)
        let slot = SpanDigest.slotNanos
        let aligned = TimeWindow(start: SpanDigest.floorDiv(rec.start, slot) * slot + 2 * slot, end: SpanDigest.floorDiv(rec.end, slot) * slot - 1)
        let unaligned = TimeWindow(start: rec.start + 1_234_567_891, end: rec.end - 3_210_987_654)
        #expect(s.spanDigest!.rollup(window: aligned) != nil)
        #expect(s.spanDigest!.rollup(window: unaligned) == nil, "a window cutting slots is read from the spans")
        for w in [nil, aligned, unaligned] {
            let exact = Self.exactRollup(t, window: w)
            let got = s.serviceRollup(window: w)
            #expect(got.count == exact.count)
            for r in got {
                let e = try #require(exact[r.service])
                #expect(r.spans == e.spans && r.errors == e.errors, "\(r.service) in \(String(describing: w))")
                #expect(Self.close(r.p50, e.p50) && Self.close(r.p95, e.p95) && Self.close(r.p99, e.p99), "\(r.service): \(r.p50)/\(e.p50) \(r.p95)/\(e.p95)")
            }
        }
    }

    @Test(arguments: paths) func traceListingsAndEntityCountsMatchTheSpans(path: String) throws {
        let s = try Snapshot.load(path)
        let t = try #require(s.traces)
        // Brute force over the span columns, as the listing did before the digest.
        func expected(_ f: TraceFilter) -> [(String, Int, Int, Int64)] {
            let m = s.spanMatcher(f.entity)
            var out: [(start: Int64, tr: Int, spans: Int, errors: Int, dur: Int64)] = []
            for tr in 0..<t.traceCount {
                let spans = t.spans(ofTrace: tr)
                var start = Int64.max, end = Int64.min, errors = 0, hit = m == nil && f.service == nil
                for x in spans {
                    let i = Int(x)
                    start = min(start, t.time[i]); end = max(end, t.time[i] + t.duration[i])
                    if t.status[i] == 2 { errors += 1 }
                    if let m, m(i) { hit = true }
                    if let sv = f.service, t.strings[t.service[i]] == sv { hit = true }
                }
                if hit, !(f.errorsOnly && errors == 0) { out.append((start, tr, spans.count, errors, end - start)) }
            }
            out.sort { f.sort == .duration ? ($0.dur, $1.tr) > ($1.dur, $0.tr) : ($0.start, $0.tr) < ($1.start, $1.tr) }
            return out.map { (String(format: "%016llx", t.traceKeys[$0.tr]), $0.spans, $0.errors, $0.dur) }
        }
        let entity = s.alerts(AlertFilter()).compactMap(\.entity).first ?? s.entities.first { $0.kind == "Service" }!
        let filters = [TraceFilter(), TraceFilter(entity: entity), TraceFilter(service: "frontend", errorsOnly: true),
                       TraceFilter(errorsOnly: true, sort: .duration), TraceFilter(entity: EntityID(namespace: nil, kind: "Namespace", name: "otel-demo"))]
        for f in filters {
            let want = expected(f)
            let (rows, total) = s.traces(f, limit: 100_000)
            #expect(total == want.count, "\(f)")
            for (r, w) in zip(rows, want) {
                #expect(r.traceID.hasSuffix(w.0) && r.spans == w.1 && r.errors == w.2 && r.duration == w.3)
            }
        }
        for e in s.entities where ["Service", "Deployment", "Pod", "Namespace"].contains(e.kind) {
            let m = s.spanMatcher(e)!
            var spans = 0, errors = 0
            for i in 0..<t.count where m(i) { spans += 1; if t.status[i] == 2 { errors += 1 } }
            let sum = s.summary(e)
            #expect(sum.spans == spans && sum.errorSpans == errors, "\(e)")
            // Log counts from the per-key table equal a scan of every log row with the same predicate.
            let keys = s.telemetryKeys(e), l = s.logs!
            var logs = 0, errorLogs = 0
            for i in 0..<l.count where keys.matches(service: l.strings[l.service[i]], pod: l.strings[l.pod[i]], namespace: l.strings[l.namespace[i]]) {
                logs += 1; if l.level[i] >= LogIndex.Level.error.rawValue { errorLogs += 1 }
            }
            #expect(sum.logs == logs && sum.errorLogs == errorLogs, "\(e)")
        }
    }

    @Test func theDigestComesBackFromTheCacheAndADamagedOneIsRebuilt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fresh = try Snapshot.load(Self.paths[0])
        let key = try IndexCache.key(for: fresh.root)
        let file = dir + "/x.idx"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try IndexCache.save(fresh, key: key, to: file)
        let cached = try #require(try IndexCache.load(file, key: key, root: fresh.root))
        let a = fresh.serviceRollup().map { "\($0.service) \($0.spans) \($0.errors) \($0.p95)" }
        #expect(cached.serviceRollup().map { "\($0.service) \($0.spans) \($0.errors) \($0.p95)" } == a)
        // Every entity's summary counts come back from the header's per-key table as the fresh index computes them.
        for e in fresh.entities {
            let (f, c) = (fresh.summary(e), cached.summary(e))
            let want: [Int] = [f.spans, f.errorSpans, f.logs, f.errorLogs], got: [Int] = [c.spans, c.errorSpans, c.logs, c.errorLogs]
            #expect(want == got, "\(e)")
        }
        #expect(cached.traces(limit: 5).rows.map(\.traceID) == fresh.traces(limit: 5).rows.map(\.traceID))
        // Flip a byte inside the digest section: the snapshot is indexed again, never answered as "no spans".
        try Self.flipMiddleByte(ofSection: "spandigest", in: file)
        let damaged = try #require(try IndexCache.load(file, key: key, root: fresh.root))
        #expect(damaged.serviceRollup().map { "\($0.service) \($0.spans) \($0.errors) \($0.p95)" } == a)   // from the header
        // A query that reads the digest itself (a trace listing) gets the rebuilt index's answer, never "no traces".
        #expect(damaged.traces(limit: 5).rows.map(\.traceID) == fresh.traces(limit: 5).rows.map(\.traceID))
        #expect(damaged.traces(limit: 5).total == fresh.traces(limit: 5).total && fresh.traces(limit: 5).total > 0)
    }

    /// A shipped incident indexed fresh, and loaded back from a saved index whose section `name` was damaged.
    static func freshAndDamaged(_ path: String, section name: String) throws -> (fresh: Snapshot, damaged: Snapshot) {
        let fresh = try Snapshot.load(path)
        let file = TestPaths.tempDir("damaged-\(name)") + "/index.idx"
        let key = try IndexCache.key(for: fresh.root)
        try IndexCache.save(fresh, key: key, to: file)
        try flipMiddleByte(ofSection: name, in: file)
        return (fresh, try #require(try IndexCache.load(file, key: key, root: fresh.root)))
    }

    /// Inverts the middle byte of a saved index's section (so its checksum no longer matches).
    static func flipMiddleByte(ofSection name: String, in file: String) throws {
        let entry = try #require(try tableOfContents(file)[name])
        let fh = try #require(FileHandle(forUpdatingAtPath: file))
        fh.seek(toFileOffset: UInt64(entry[0] + entry[1] / 2))
        let byte = fh.readData(ofLength: 1)
        fh.seek(toFileOffset: UInt64(entry[0] + entry[1] / 2))
        fh.write(Data([byte[0] ^ 0xFF]))
        try fh.close()
    }

    /// The cache's table of contents (section name → start, length, checksum).
    static func tableOfContents(_ path: String) throws -> [String: [Int]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let len = data.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: data.count - 8, as: Int64.self)) }
        var r = BlobReader(data.subdata(in: (data.count - 16 - len)..<(data.count - 16)))
        // key, diagnostics, files, windows, alerts, then the graph's six tables: sources, edges, service entities,
        // pod owners, pod namespaces, entities, then the record counts, the per-key signal counts and the rollup.
        for _ in 0..<14 { _ = try r.json(JSONValueSkip.self) }
        return try r.json([String: [Int]].self)
    }

    /// Decodes and discards any JSON value.
    struct JSONValueSkip: Decodable { init(from decoder: Decoder) throws {} }
}
