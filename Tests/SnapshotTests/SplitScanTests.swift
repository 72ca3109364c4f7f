import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Parallel indexing of one file must give exactly what a sequential scan gives, even when a cut lands
/// inside a multi-line quoted cell whose continuation lines look like record starts.
@Suite struct SplitScanTests {
    static func traceRow(_ i: Int, message: String = "") -> String {
        let cells = ["2025-12-15 17:17:\(String(format: "%02d", i % 60)).\(String(format: "%09d", i))", String(format: "%032x", i / 3 + 1),
                     String(format: "%016x", i + 1), i % 3 == 0 ? "" : String(format: "%016x", i), "", "op\(i % 5)", "Server", "svc\(i % 4)",
                     "{'k8s.pod.name': 'pod-\(i % 7)', 'k8s.namespace.name': 'ns'}", "scope", "1", "{}", "\(1000 + i)", i % 11 == 0 ? "Error" : "Unset",
                     message, "[]", "[]", "[]", "[]", "[]", "[]", "[]"]
        return cells.joined(separator: "\t") + "\n"
    }

    /// A trace file of `rows` spans in which every `every`-th has a quoted multi-line cell whose inner lines start like
    /// records (so a cut guessed from a line start can land inside one).
    static func traceFile(_ name: String, rows: Int, multiLineEvery every: Int) throws -> ByteFile {
        var text = Columns.traces.joined(separator: "\t") + "\n"
        for i in 0..<rows {
            let msg = i % every == 0 ? "\"boom\n2025-12-15 17:17:01.000000001\tfake\tline\n2025-12-15 17:17:02 more \"\"quoted\"\"\"" : ""
            text += traceRow(i, message: msg)
        }
        let path = TestPaths.tempDir(name) + "/otel_traces_raw.tsv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try ByteFile(path: path)
    }

    @Test(arguments: [2, 3, 5, 8])
    func partsEqualSequential(parts: Int) throws {
        let file = try Self.traceFile("split", rows: 400, multiLineEvery: 7)
        let (seq, s1) = TraceIndex.build(file, displayName: "t", addBytes: nil, parts: 1)
        let (par, s2) = TraceIndex.build(file, displayName: "t", addBytes: nil, parts: parts)
        #expect(s1.records == 400 && s2.records == 400)
        #expect(seq.offset == par.offset)
        #expect(seq.time == par.time)
        #expect(seq.duration == par.duration)
        #expect(seq.spanKey == par.spanKey && seq.parentKey == par.parentKey)
        #expect(seq.traceOf == par.traceOf && seq.traceKeys == par.traceKeys)
        #expect(seq.status == par.status)
        #expect(seq.service.map { seq.strings[$0] } == par.service.map { par.strings[$0] })
        #expect(seq.pod.map { seq.strings[$0] } == par.pod.map { par.strings[$0] })
        #expect(seq.traceCount == par.traceCount)
        #expect(s2.diagnostics.isEmpty)
    }
}
