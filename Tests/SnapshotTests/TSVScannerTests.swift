import Foundation
import Testing
import TestSupport
@testable import Snapshot

@Suite struct TSVScannerTests {
    func scan(_ text: String, header: [String] = ["a", "b", "c"]) -> (TSVScanSummary, [[String]]) {
        let dir = TestPaths.tempDir("tsv")
        let path = dir + "/f.tsv"
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let file = try! ByteFile(path: path)
        var rows: [[String]] = []
        let s = TSVScanner.scan(file, displayName: "f.tsv", headerFirstColumn: header[0], expectedHeader: header, chunkSize: 16) { r in
            rows.append((0..<r.count).map { r.string($0) })
            return true
        }
        return (s, rows)
    }

    @Test func multiLineQuotedCellsAndDoubledQuotes() {
        let (s, rows) = scan("a\tb\tc\n1\t\"x\ty\nz \"\"q\"\"\"\t3\n4\t5\t6\n")
        #expect(s.header == ["a", "b", "c"])
        #expect(rows == [["1", "x\ty\nz \"q\"", "3"], ["4", "5", "6"]])
        #expect(s.diagnostics.isEmpty)
    }

    @Test func trailingTabIsAnEmptyLastColumn() {
        let (s, rows) = scan("a\tb\tc\t\n1\t2\t\n")
        #expect(s.header == ["a", "b", "c"])
        #expect(rows == [["1", "2", ""]])
    }

    @Test func recordsLongerThanTheBufferAndCRLF() {
        let long = String(repeating: "z", count: 200)
        let (_, rows) = scan("a\tb\tc\r\n1\t\"\(long)\"\t3\r\n")
        #expect(rows == [["1", long, "3"]])
    }

    @Test func truncatedRecordIsReportedWithItsLine() {
        let (s, rows) = scan("a\tb\tc\n1\t2\t3\n4\t\"unterminated\n")
        #expect(rows == [["1", "2", "3"]])
        let d = s.diagnostics.first { $0.reason.contains("unterminated") }
        #expect(d?.line == 3)
        #expect(d?.record == 2)
    }

    @Test func wrongColumnCountSkipsOnlyThatRecord() {
        let (s, rows) = scan("a\tb\tc\n1\t2\n4\t5\t6\n")
        #expect(rows == [["4", "5", "6"]])
        #expect(s.diagnostics.contains { $0.reason.contains("wrong column count: 2 instead of 3") && $0.line == 2 })
    }

    @Test func binaryAndEmptyFiles() {
        let (b, rows) = scan("a\tb\tc\n\u{0}\u{1}\u{2}\n")
        #expect(rows.isEmpty)
        #expect(b.diagnostics.contains { $0.reason.contains("binary") })
        let (e, _) = scan("")
        #expect(e.diagnostics.contains { $0.reason == "empty file" })
    }

    @Test func missingHeaderAssumesStandardColumns() {
        let (s, rows) = scan("1\t2\t3\n")
        #expect(rows == [["1", "2", "3"]])
        #expect(s.diagnostics.contains { $0.reason.contains("no header row") })
    }

    @Test func nonUTF8RecordsAreReportedAndRepaired() {
        let dir = TestPaths.tempDir("utf")
        let path = dir + "/f.tsv"
        var bytes = Array("a\tb\tc\n1\t".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\t3\n".utf8)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
        var got: [String] = []
        let s = TSVScanner.scan(try! ByteFile(path: path), displayName: "f.tsv", headerFirstColumn: "a", expectedHeader: ["a", "b", "c"]) { r in
            got.append(r.string(1)); return true
        }
        #expect(got == ["\u{FFFD}\u{FFFD}"])
        #expect(s.diagnostics.contains { $0.reason.contains("not valid UTF-8") && $0.record == 1 })
    }

    @Test func randomAccessReadsTheSameRecord() {
        let dir = TestPaths.tempDir("ra")
        let path = dir + "/f.tsv"
        try! Data("a\tb\tc\n1\t\"multi\nline \"\"q\"\"\"\t3\n".utf8).write(to: URL(fileURLWithPath: path))
        let f = try! ByteFile(path: path)
        var offset = 0
        _ = TSVScanner.scan(f, displayName: "f", headerFirstColumn: "a", expectedHeader: ["a", "b", "c"]) { r in offset = r.offset; return true }
        let fields = TSVRecordReader.fields(f, at: offset)!
        #expect(fields.map { String(decoding: $0, as: UTF8.self) } == ["1", "multi\nline \"q\"", "3"])
    }

    /// The fuzzer (ASan) found a write one past the field buffer: a record of exactly 64 (128, …) cells followed by a
    /// trailing tab at the end of the file. Every count around the buffer's growth points reads whole.
    @Test func aTrailingTabAtTheEndAfterAFullFieldBufferIsRead() {
        for n in [63, 64, 65, 127, 128, 129] {
            let header = (0..<n).map { "h\($0)" }
            let cells = (0..<n).map { "v\($0)" }
            let (s, rows) = scan(header.joined(separator: "\t") + "\n" + cells.joined(separator: "\t") + "\t", header: header)
            #expect(rows == [cells + [""]] || rows == [cells], "\(n) cells: \(rows.first?.count ?? 0)")
            #expect(s.header == header)
        }
    }
}

