import CByteScan
import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The scanner's repeated-tail shortcut (a record's last cells taken from the tail it last saw, without splitting them)
/// must give exactly what splitting gives: the same cells, the same end, whatever the bytes after the tail column are
/// and wherever the buffer ends.
@Suite struct RepeatedTailTests {
    /// The plain split (`bs_split_cells`'s contract, as ByteKernelsTests checks it) from `pos`: cells, end, whether the
    /// record ended.
    static func plainSplit(_ b: [UInt8], n: Int, rec: Int, pos: Int, count: Int, limit: Int) -> ([FieldSpan], Int, Bool) {
        var cells: [FieldSpan] = [], i = pos, nf = count
        while nf < limit && i < n && b[i] != 0x22 {
            guard let d = b[i..<n].firstIndex(where: { $0 == 0x09 || $0 == 0x0A }) else { break }
            var e = d
            if b[d] == 0x0A && e > i && b[e - 1] == 0x0D { e -= 1 }
            cells.append(FieldSpan(start: Int32(i - rec), end: Int32(e - rec), quoted: false))
            nf += 1
            if b[d] == 0x0A { return (cells, d, true) }
            i = d + 1
        }
        return (cells, i, false)
    }

    /// `bs_split_cells` with a tail template (split as the scanner learns it) gives the plain split's cells and
    /// end, and answers 2 exactly when the tail's bytes and a newline were at its column within the buffer and its
    /// cells fitted: random cells before it, a tail that differs in one byte, is cut short or runs on, buffers that end
    /// inside it or just before its newline, and field limits that cut it.
    @Test func tailKernelMatchesThePlainSplit() {
        var rng = SystemRandomNumberGenerator()
        let cellBytes: [UInt8] = Array("aaab[]{}".utf8)
        func randomCells(_ k: Int) -> [UInt8] {
            (0..<k).map { _ in ByteKernelsTests.random(Int.random(in: 0..<40, using: &rng), from: cellBytes, &rng) }
                .joined(separator: [0x09]).map { $0 }
        }
        var took = 0
        for _ in 0..<4000 {
            let tailCells = Int.random(in: 1..<9, using: &rng)
            let tail = randomCells(tailCells)
            let before = Int.random(in: 0..<6, using: &rng)
            var seen = tail
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !seen.isEmpty: seen[Int.random(in: 0..<seen.count, using: &rng)] = 0x7A   // one byte differs
            case 1 where !seen.isEmpty: seen.removeLast()                                            // cut short
            case 2: seen += Array("x".utf8)                                                          // runs on
            default: break
            }
            let prefix = before == 0 ? [] : randomCells(before) + [0x09]
            let b = prefix + seen + [0x0A] + randomCells(2)
            let n = Bool.random(using: &rng) ? b.count : Int.random(in: 0...b.count, using: &rng)
            let limit = Int.random(in: 0..<3, using: &rng) == 0 ? before + Int.random(in: 0...tailCells, using: &rng) : 64
            // The template, as the scanner learns it: the tail's cells relative to its first byte.
            let (tcells, _, _) = Self.plainSplit(tail + [0x0A], n: tail.count + 1, rec: 0, pos: 0, count: 0, limit: 64)
            let (want, end, ended) = Self.plainSplit(b, n: n, rec: 0, pos: 0, count: 0, limit: limit)
            var got = [FieldSpan](repeating: FieldSpan(start: -1, end: -1, quoted: true), count: 65)
            var at = 0, nf = 0, flags: UInt32 = 0
            let r = tail.withUnsafeBufferPointer { tb in
                tcells.withUnsafeBufferPointer { tc in
                    tc.baseAddress!.withMemoryRebound(to: bs_cell.self, capacity: tc.count) { cells in
                        var t = bs_tail(bytes: tb.baseAddress!, length: tail.count, column: before, cells: cells, count: tc.count)
                        return b.withUnsafeBufferPointer { p in
                            got.withUnsafeMutableBufferPointer { o in
                                o.baseAddress!.withMemoryRebound(to: bs_cell.self, capacity: o.count) {
                                    bs_split_cells(p.baseAddress!, n, 0, &at, $0, &nf, limit, Int.max, &flags, &t)
                                }
                            }
                        }
                    }
                }
            }
            let matched = seen == tail && prefix.count + tail.count < n && before + tailCells <= limit
            #expect((r == 2) == matched, "\(b) n \(n)")
            #expect(at == end && nf == want.count && (r != 0) == ended, "\(b) n \(n)")
            #expect(got[0..<nf].map { [$0.start, $0.end] } == want.map { [$0.start, $0.end] }, "\(b) n \(n)")
            #expect(got[0..<nf].allSatisfy { !$0.quoted } && got[nf].start == -1)
            #expect(flags == 0)
            if matched { took += 1 }
        }
        #expect(took > 500)
    }

    static let header = ["Timestamp", "ServiceName", "ResourceAttributes", "Body", "E1", "E2", "E3"]

    /// Records whose last three cells mostly repeat, with tails the remembered one must never stand for.
    static func text() -> String {
        var t = header.joined(separator: "\t") + "\n"
        for i in 0..<700 {
            let attrs = "{'k8s.pod.name': 'pod-\(i % 5)', 'padding': '\(String(repeating: "p", count: 48))'}"
            var tail = "[]\t[]\t[]"
            switch i % 7 == 3 ? (i / 7) % 8 : -1 {
            case 0: tail = "['e']\t[]\t[]"                        // another tail (remembered from here on)
            case 1: tail = "[]\t[]\t[]\r"                         // ends in a carriage return
            case 2: tail = "[]\t\"[\"\"q\"\"]\"\t[]"              // a quoted cell
            case 3: tail = "[]\t[]\t[]\t[]"                        // one cell too many (reported, skipped)
            case 4: tail = "[]\t[]\t[ü]"                         // not ASCII
            case 5: tail = "[]\t[]\t" + String(repeating: "x", count: 70)   // too long to remember
            case 6: tail = "[]\t[]\t[]x"                         // runs on past a remembered tail
            case 7: tail = "[]\t[]\t["                           // a remembered tail cut short
            default: break
            }
            let body = i % 23 == 0 ? "\"line one\nline two\"" : "message \(i)"
            t += "2026-03-10 09:00:\(String(format: "%02d", i % 60)).000000000\tsvc\(i % 3)\t\(attrs)\t\(body)\t\(tail)\n"
        }
        t += "2026-03-10 09:01:00.000000000\tsvc0\t{}\tlast\t[]\t[]\t[]"   // no final newline
        return t
    }

    func scan(_ file: ByteFile, tail: String?, repeating: RepeatedColumn?, chunk: Int) -> (TSVScanSummary, [[[UInt8]]]) {
        var rows: [[[UInt8]]] = []
        let s = TSVScanner.scan(file, displayName: "f.tsv", headerFirstColumn: "Timestamp", expectedHeader: Self.header, chunkSize: chunk,
                                repeating: repeating, repeatingTail: tail) { r in
            rows.append((0..<r.count).map { Array(r.raw($0)) + [r.fields[$0].quoted ? 1 : 0] })
            return true
        }
        return (s, rows)
    }

    @Test(arguments: [256, 4096, 1 << 20])
    func sameRecordsAsAPlainScan(chunk: Int) throws {
        let path = TestPaths.tempDir("repeated-tail") + "/f.tsv"
        try Data(Self.text().utf8).write(to: URL(fileURLWithPath: path))
        let file = try ByteFile(path: path)
        for repeating in [nil, RepeatedColumn.resourceAttributes] {
            let (plain, plainRows) = scan(file, tail: nil, repeating: repeating, chunk: chunk)
            let (fast, fastRows) = scan(file, tail: "E1", repeating: repeating, chunk: chunk)
            #expect(plain.tailsMatched == 0)
            let differ = zip(fastRows, plainRows).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(fastRows.count == plainRows.count && differ == nil, "record \(differ.map { $0 + 1 } ?? -1) differs")
            #expect(fast.records == plain.records && fast.records == 688)   // 13 records with a cell too many
            #expect(fast.diagnostics.map(\.description) == plain.diagnostics.map(\.description))
            #expect(fast.tailsMatched > 450, "\(fast.tailsMatched) tails matched")
        }
        // A tail that would start before the repeated column is not used (that cell is matched on its own).
        let (early, earlyRows) = scan(file, tail: "ServiceName", repeating: .resourceAttributes, chunk: chunk)
        #expect(early.tailsMatched == 0)
        #expect(earlyRows == scan(file, tail: nil, repeating: nil, chunk: chunk).1, "rows differ")
    }
}
