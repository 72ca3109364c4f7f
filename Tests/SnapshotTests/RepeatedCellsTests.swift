import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The scanner's repeated-cell shortcut (a resource-attributes cell matched to the one remembered for its service)
/// must give exactly what a plain scan gives: the same fields, records and diagnostics, whatever the cells hold and
/// wherever the read buffer ends.
@Suite struct RepeatedCellsTests {
    static let header = ["Timestamp", "ServiceName", "ResourceAttributes", "Body"]

    /// Records of three services over five pods, with cells a remembered one must never stand for.
    static func text() -> String {
        var t = header.joined(separator: "\t") + "\n"
        for i in 0..<600 {
            let svc = "svc\(i % 3)"
            var attrs = "{'k8s.pod.name': 'pod-\(i % 5)', 'service.name': '\(svc)', 'padding': '\(String(repeating: "p", count: 40 + i % 5))'}"
            switch i % 23 {
            case 4: attrs += "\r"                                   // ends in a carriage return
            case 7: attrs = attrs.replacingOccurrences(of: "pod-", with: "pöd-")   // not ASCII
            case 9: attrs = "\"" + attrs.replacingOccurrences(of: "'", with: "\"\"") + "\""   // quoted
            case 11: attrs = String(attrs.dropLast(3))              // a prefix of a remembered cell
            case 13 where i < 23: attrs = attrs.replacingOccurrences(of: "padding", with: "pad\u{0}ing")   // a NUL byte (one: more read as a binary file)
            case 15: attrs = "short"                                // too short to remember
            default: break
            }
            let body = i % 17 == 0 ? "\"line one\nline two\"" : "message \(i)"
            t += "2026-03-10 09:00:\(String(format: "%02d", i % 60)).000000000\t\(svc)\t\(attrs)\t\(body)\n"
        }
        t += "2026-03-10 09:01:00.000000000\tsvc0\t{'k8s.pod.name': 'pod-0'}\tlast"   // no final newline
        return t
    }

    func scan(_ file: ByteFile, repeating: RepeatedColumn?, chunk: Int) -> (TSVScanSummary, [[[UInt8]]], [Int32]) {
        var rows: [[[UInt8]]] = [], ids: [Int32] = []
        let s = TSVScanner.scan(file, displayName: "f.tsv", headerFirstColumn: "Timestamp", expectedHeader: Self.header, chunkSize: chunk,
                                repeating: repeating) { r in
            rows.append((0..<r.count).map { Array(r.raw($0)) })
            ids.append(r.repeatedCell)
            return true
        }
        return (s, rows, ids)
    }

    @Test(arguments: [256, 4096, 1 << 20])
    func sameRecordsAsAPlainScan(chunk: Int) throws {
        let path = TestPaths.tempDir("repeated") + "/f.tsv"
        try Data(Self.text().utf8).write(to: URL(fileURLWithPath: path))
        let file = try ByteFile(path: path)
        let (plain, plainRows, plainIDs) = scan(file, repeating: nil, chunk: chunk)
        let (fast, fastRows, ids) = scan(file, repeating: .resourceAttributes, chunk: chunk)
        #expect(plainIDs.allSatisfy { $0 == -1 })
        #expect(fastRows == plainRows)
        #expect(fast.records == plain.records && fast.records == 601)
        #expect(fast.diagnostics.map(\.description) == plain.diagnostics.map(\.description))
        #expect(plain.diagnostics.contains { $0.reason.contains("not valid UTF-8") } == false)
        #expect(plain.diagnostics.contains { $0.reason.contains("NUL") })
        // Most cells were matched, and one id always stands for the same bytes.
        #expect(ids.filter { $0 >= 0 }.count > 400)
        var cellOf: [Int32: [UInt8]] = [:]
        for (row, id) in zip(fastRows, ids) where id >= 0 {
            if let known = cellOf[id] { #expect(known == row[2]) } else { cellOf[id] = row[2] }
        }
    }

    @Test func traceIndexKeepsEveryRecordsPod() throws {
        // The trace indexer takes pods and namespaces from a memo kept by remembered-cell id: every record still
        // gets its own pod, whether its cell was matched, learnt or scanned.
        let dir = TestPaths.tempDir("repeated-traces")
        var text = Columns.traces.joined(separator: "\t") + "\n"
        for i in 0..<300 { text += SplitScanTests.traceRow(i) }
        try text.write(toFile: dir + "/otel_traces_raw.tsv", atomically: true, encoding: .utf8)
        let file = try ByteFile(path: dir + "/otel_traces_raw.tsv")
        let (idx, summary) = TraceIndex.build(file, displayName: "t", addBytes: nil, parts: 1)
        #expect(summary.records == 300)
        #expect(idx.pod.map { idx.strings[$0] } == (0..<300).map { "pod-\($0 % 7)" })
        #expect(idx.namespace.map { idx.strings[$0] }.allSatisfy { $0 == "ns" })
    }
}
