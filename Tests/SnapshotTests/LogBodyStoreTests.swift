import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The saved index's log body store (`LogBodyStore`): its bodies are the file's body cells as text, and a text search
/// or template mining that reads it answers exactly as one that reads the file (a fresh index has no store).
@Suite struct LogBodyStoreTests {
    /// Every record's body cell as the scanner reads it, in record order.
    static func fileBodies(_ s: Snapshot) throws -> [[UInt8]] {
        let l = try #require(s.logs), f = try #require(s.logsFile)
        var out: [[UInt8]] = []
        _ = TSVScanner.scan(f, displayName: "otel_logs_raw.tsv", headerFirstColumn: "Timestamp", expectedHeader: l.columns) { rec in
            out.append(rec.bytes(l.bodyColumn)); return true
        }
        return out
    }

    static let queries: [(String, Bool)] = [
        ("cart", true), ("CART", true), ("Cart", false), ("GET /api", true), ("error", true), ("\"", true), ("\"GET", true),
        ("ad", true), ("fail|refused", true), ("conn.*refused", true), ("x\\d+", true), ("timeout", false), ("no such text", true),
    ]

    /// The log records each query matches, fresh (the file) and saved (the store), alone and with column filters; and
    /// the templates mined from them.
    static func expectSameAnswers(_ fresh: Snapshot, _ saved: Snapshot, _ label: String) throws {
        #expect(fresh.logBodies == nil && saved.logBodies != nil, "\(label)")
        let service = try #require(fresh.logs).strings.strings.first { !$0.isEmpty }
        for (q, ignoreCase) in queries {
            for filtered in [false, true] {
                var query = LogQuery(pattern: q, ignoreCase: ignoreCase)
                if filtered { query.service = service; query.minLevel = .info }
                #expect(try fresh.logMatches(query) == saved.logMatches(query), "\(label) \(q) filtered: \(filtered)")
            }
            let a = try fresh.search(q, ignoreCase: ignoreCase), b = try saved.search(q, ignoreCase: ignoreCase)
            #expect(a.totals["log"] == b.totals["log"], "\(label) \(q)")
            #expect(a.hits.filter { $0.signal == .log }.map(\.ref) == b.hits.filter { $0.signal == .log }.map(\.ref), "\(label) \(q)")
        }
        #expect(try fresh.logPatterns(LogQuery()).records > 0, "\(label)")
        for query in [LogQuery(), LogQuery(pattern: "cart"), LogQuery(minLevel: .warning)] {
            let a = try fresh.logPatterns(query), b = try saved.logPatterns(query)
            #expect(a.records == b.records, "\(label)")
            #expect(a.patterns.map { "\($0.count) \($0.errors) \($0.template) | \($0.example)" }
                    == b.patterns.map { "\($0.count) \($0.errors) \($0.template) | \($0.example)" }, "\(label)")
        }
    }

    @Test(arguments: SpanDigestTests.paths) func theStoreHoldsTheFilesBodiesAndAnswersAsTheFile(path: String) throws {
        let (fresh, saved) = try LogDigestTests.freshAndSaved(path)
        let store = try #require(saved.logBodies)
        let want = try Self.fileBodies(fresh)
        #expect(store.count == want.count && store.missing.isEmpty)
        store.withBytes { b in
            for i in 0..<store.count where Array(b[store.range(i)]) != want[i] { Issue.record("record \(i) of \(path)"); break }
        }
        try Self.expectSameAnswers(fresh, saved, path)
    }

    /// Quoted bodies with doubled quotes, a body that is only quotes, long bodies (template mining reads the first
    /// 4,000 bytes), and a needle that runs from one body into the next: none may match across the boundary.
    @Test func quotesLongBodiesAndMatchesAcrossBodiesAnswerAsTheFile() throws {
        let dir = try RecordDiagnosticsTests.damagedCopy("otel_logs_raw.tsv") { l in
            var at = RecordDiagnosticsTests.wholeRecord(l, from: 2)
            func body(_ text: String) {
                var c = RecordDiagnosticsTests.cells(l[at]); c[8] = text; l[at] = c.joined(separator: "\t")
                at = RecordDiagnosticsTests.wholeRecord(l, from: at + 1)
            }
            body("\"say \"\"hello\"\" to the car\"")
            body("tridge service \"\"GET\"\" x42")
            body("\"\"\"\"\"\"\"\"")
            body("\"" + String(repeating: "GET \"\"/api\"\" ", count: 700) + "\"")
            body(String(repeating: "long body token ", count: 600) + "ca")
            body("rt at the start")
        }
        let (fresh, saved) = try LogDigestTests.freshAndSaved(dir)
        #expect(try fresh.logMatches(LogQuery(pattern: "cartridge")).isEmpty)
        #expect(try fresh.logMatches(LogQuery(pattern: "\"hello\"")).count == 1)
        // Two quotes in a row: the unquoted cell's text and the body of quotes have them. Searched in the file as a
        // doubled needle, the unquoted cell (where a quote is not doubled) was missed.
        #expect(try fresh.logMatches(LogQuery(pattern: "\"\"")).count == 2)
        try Self.expectSameAnswers(fresh, saved, "edited incident-02")
        for q in ["cartridge", "\"hello\"", "\"\"", "car\"", "cart"] {
            #expect(try fresh.logMatches(LogQuery(pattern: q)) == saved.logMatches(LogQuery(pattern: q)), "\(q)")
        }
    }

    @Test func aDamagedStoreIsNeverReadAsNoMatches() throws {
        let (fresh, damaged) = try SpanDigestTests.freshAndDamaged(SpanDigestTests.paths[1], section: "logbodies")
        let want = try fresh.logMatches(LogQuery(pattern: "cart"))
        #expect(!want.isEmpty)
        #expect(try damaged.logMatches(LogQuery(pattern: "cart")) == want)
        #expect(try damaged.logPatterns(LogQuery()).patterns.map(\.template) == fresh.logPatterns(LogQuery()).patterns.map(\.template))
    }

    @Test func aSectionThatDoesNotHoldTogetherIsRefused() throws {
        let s = try Snapshot.load(SpanDigestTests.paths[0])
        let l = try #require(s.logs), f = try #require(s.logsFile)
        var w = BlobWriter()
        try LogBodyStore.write(l, file: f, to: &w)
        let good = w.data
        #expect(try LogBodyStore.read(good).count == l.count)
        #expect(throws: BlobReader.Corrupt.self) { try LogBodyStore.read(good.prefix(good.count - 9)) }
        #expect(throws: BlobReader.Corrupt.self) { try LogBodyStore.read(good.prefix(16)) }
        var bigger = good
        bigger.withUnsafeMutableBytes { $0.storeBytes(of: Int64(good.count), toByteOffset: good.count - 8, as: Int64.self) }
        #expect(throws: BlobReader.Corrupt.self) { try LogBodyStore.read(bigger) }
        #expect(s.bodyStore(for: l) == nil)   // a fresh index has none: the file is read
    }
}
