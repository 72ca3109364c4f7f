import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// `search` finds spans by name and error spans by status message from the index (`TraceIndex.errorRows` and
/// `errorMessages`) instead of reading the trace file: the index holds every error span with its message as the file
/// has it, and the span hits equal a scan of the file, fresh and from the saved index.
@Suite struct SpanSearchTests {
    /// Error span rows and their StatusMessage, read from the file record by record.
    static func fileMessages(_ s: Snapshot) throws -> [(row: Int, message: String)] {
        let t = try #require(s.traces), f = try #require(s.tracesFile)
        var out: [(Int, String)] = []
        for i in 0..<t.count where t.status[i] == 2 {
            let fields = try #require(TSVRecordReader.fields(f, at: Int(t.offset[i])))
            out.append((i, fields.count > 14 ? String(decoding: fields[14], as: UTF8.self) : ""))
        }
        return out
    }

    /// Spans a search must count: a name that matches, or an error span whose message matches.
    static func expected(_ s: Snapshot, _ messages: [(row: Int, message: String)], _ query: String) throws -> Int {
        let t = try #require(s.traces)
        let p = try TextPattern(query, ignoreCase: true)
        var rows = Set<Int>()
        for i in 0..<t.count where p.matches(t.strings[t.name[i]]) { rows.insert(i) }
        for (row, m) in messages where !m.isEmpty && p.matches(m) { rows.insert(row) }
        return rows.count
    }

    @Test(arguments: SpanDigestTests.paths) func errorMessagesAndSpanHitsEqualTheFile(path: String) throws {
        let (fresh, saved) = try LogDigestTests.freshAndSaved(path)
        let messages = try Self.fileMessages(fresh)
        #expect(!messages.isEmpty)
        for s in [fresh, saved] {
            let t = try #require(s.traces)
            #expect(t.errorRows.map(Int.init) == messages.map(\.row))
            #expect(t.errorMessages.map { t.strings[$0] } == messages.map(\.message))
        }
        var queries = ["cart", "Server Error", "GET", "ingress", "no such text anywhere"]
        queries += Set(messages.map(\.message).filter { !$0.isEmpty }).map { String($0.prefix(24)) }
        for q in queries {
            let want = try Self.expected(fresh, messages, q)
            for s in [fresh, saved] {
                let got = try s.search(q)
                #expect(got.totals["span", default: 0] == want, "\(q)")
                let spans = got.hits.filter { $0.signal == .span }
                #expect(spans.count == min(20, want) && spans.map { $0.time ?? 0 } == spans.map { $0.time ?? 0 }.sorted(), "\(q)")
            }
        }
    }

    /// A pattern with no literal every match must contain (an alternation) found no status message: the file was
    /// prefiltered on that literal, and without one it was not read at all.
    @Test func anAlternationFindsStatusMessages() throws {
        let s = try Snapshot.load(SpanDigestTests.paths[0])
        let messages = try Self.fileMessages(s)
        let q = "Internal Server Error|Feature Flag Enabled"
        let want = try Self.expected(s, messages, q)
        #expect(want > 0)
        #expect(try s.search(q).totals["span", default: 0] == want)
    }

    /// The span search digest (its own cache section, what `search` reads) answers what the trace index answers: the
    /// same count and the same first hits, fresh and from the saved index, for page sizes up to what it keeps, and with
    /// three spans kept per list (the kept spans are the earliest by start, not the first met).
    @Test(arguments: SpanDigestTests.paths) func theSearchDigestAnswersAsTheTraceIndex(path: String) throws {
        let (fresh, saved) = try LogDigestTests.freshAndSaved(path)
        let t = try #require(fresh.traces)
        let messages = Set(t.errorMessages.map { t.strings[$0] }.filter { !$0.isEmpty }).map { String($0.prefix(24)) }
        func key(_ h: SearchHit) -> String { "\(h.time ?? 0) \(h.entity?.description ?? "-") \(h.text) \(h.ref ?? "")" }
        for q in ["cart", "Server Error|GET", "ingress", "^oteldemo", "no such text anywhere", "."] + messages.sorted() {
            let p = try TextPattern(q, ignoreCase: true)
            for s in [fresh, saved] {
                let digests = [try #require(s.spanSearch), SpanSearchDigest.build(try #require(s.traces), keep: 3)]
                for d in digests {
                    for limit in [0, 1, 3] + (d.keep > 3 ? [20, d.keep] : []) {
                        let a = try #require(try s.spanHits(limit: limit, digest: d) { p.matches($0) })
                        let b = try #require(try s.spanHits(limit: limit, digest: nil) { p.matches($0) })
                        #expect(a.total == b.total && a.hits.map(key) == b.hits.map(key), "\(q) limit \(limit) keep \(d.keep)")
                    }
                }
            }
        }
    }

    /// A damaged search section is never read as "no spans": the snapshot is indexed again and the search answers as
    /// from the files.
    @Test func aDamagedSearchSectionIsRebuilt() throws {
        let (fresh, damaged) = try SpanDigestTests.freshAndDamaged(SpanDigestTests.paths[0], section: "spansearch")
        func spans(_ s: Snapshot) throws -> String {
            let r = try s.search("GET|Error")
            return "\(r.totals["span", default: 0]) " + r.hits.filter { $0.signal == .span }.map { "\($0.time ?? 0) \($0.text) \($0.ref ?? "")" }.joined(separator: ";")
        }
        #expect(try fresh.search("GET|Error").totals["span", default: 0] > 0)
        #expect(try spans(damaged) == spans(fresh))
    }
}
