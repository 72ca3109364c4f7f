import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Work stealing in split scans: an idle thread takes the unread half of a slow part, and the merged result is still
/// exactly a sequential scan's, including when the cut lands inside a multi-line quoted cell.
@Suite struct PartStealingTests {
    @Test func limitMovesOnlyBeyondWhatTheScannerRead() {
        let limit = PartLimit(start: 100, stop: 1_000)
        #expect(limit.fill(reaching: 400) == 1_000)
        #expect(limit.unread(size: 2_000) == (600, 400))
        #expect(limit.cut(at: 300) == nil)          // the scanner's buffer already holds byte 300
        #expect(limit.cut(at: 1_000) == nil)        // not below the end
        #expect(limit.cut(at: 700) == 1_000)        // the taker's part ends where this one ended
        #expect(limit.end == 700 && limit.fill(reaching: 500) == 700)
        #expect(limit.unread(size: 2_000) == (200, 500))
        limit.finish()
        #expect(limit.cut(at: 600) == nil && limit.unread(size: 2_000).bytes == 0)
        // The end of the file stands in for an open end.
        let open = PartLimit(start: 0, stop: Int.max)
        _ = open.fill(reaching: 10)
        #expect(open.unread(size: 50) == (40, 10))
    }

    /// Each record's offset and SpanName cell, in file order.
    struct Rows: ColumnarPart {
        var offsets: [Int] = [], names: [String] = []
        mutating func append(_ o: inout Rows) { offsets += o.offsets; names += o.names; o = Rows() }
    }

    @Test func idleThreadsTakeTheRestOfASlowPart() throws {
        let file = try SplitScanTests.traceFile("steal", rows: 3_000, multiLineEvery: 5)
        let nameColumn = Columns.index("SpanName", in: [], standard: Columns.traces)
        let scan: @Sendable (Int, PartLimit, [String]?, Int, @escaping (Int) -> Void) -> (Rows, TSVScanSummary) = { start, limit, header, _, progress in
            var rows = Rows()
            let s = TSVScanner.scan(file, displayName: "t", headerFirstColumn: "Timestamp", expectedHeader: Columns.traces, chunkSize: 4_096,
                                    start: start, limit: limit, knownHeader: header, progress: progress) { rec in
                if start == 0 { usleep(100) }   // the first part is slow: the others end first and take from it
                rows.offsets.append(rec.offset); rows.names.append(rec.string(nameColumn))
                return true
            }
            return (rows, s)
        }
        let (seq, s1) = SplitScan.run(file, headerFirstColumn: "Timestamp", standard: Columns.traces, addBytes: nil, parts: 1, build: scan)
        let (par, s2) = SplitScan.run(file, headerFirstColumn: "Timestamp", standard: Columns.traces, addBytes: nil, parts: 3,
                                      stealAtLeast: 8_192, build: scan)
        #expect(seq.offsets.count == 3_000 && s1.records == 3_000)
        #expect(par.offsets == seq.offsets && par.names == seq.names && s2.records == s1.records)
        #expect(s2.parts > 3, "no part was taken from the slow one")
        #expect(s2.diagnostics.isEmpty && s2.endOffset == file.size)
    }

    @Test func realIndexesEqualASequentialScanWhenPartsAreTaken() throws {
        let file = try SplitScanTests.traceFile("steal-index", rows: 2_000, multiLineEvery: 9)
        let (seq, _) = TraceIndex.build(file, displayName: "t", addBytes: nil, parts: 1)
        // Parts of a few KiB and no minimum: whichever ends first takes from the other, at any speed.
        let (par, s) = TraceIndex.build(file, displayName: "t", addBytes: nil, parts: 4, stealAtLeast: 1)
        #expect(s.records == 2_000 && s.diagnostics.isEmpty)
        #expect(par.offset == seq.offset && par.time == seq.time && par.traceOf == seq.traceOf && par.traceKeys == seq.traceKeys)
        #expect(par.service.map { par.strings[$0] } == seq.service.map { seq.strings[$0] })
        #expect(par.duration == seq.duration && par.spanKey == seq.spanKey && par.parentKey == seq.parentKey)
        #expect(par.status == seq.status && par.kind == seq.kind)
        #expect(par.name.map { par.strings[$0] } == seq.name.map { seq.strings[$0] })
        #expect(par.traceSpans == seq.traceSpans && par.traceStart == seq.traceStart)
    }
}
