import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Issue 14 ("silent acceptance"): a record that does not read as its schema says is reported with its file and
/// line and counted, and the rest loads. Each case damages one record of a shipped snapshot's file.
@Suite struct RecordDiagnosticsTests {
    /// A copy of incident-02 with `edit` applied to the lines of one file (line 1 is the header).
    static func damaged(_ file: String, _ edit: (inout [String]) -> Void) throws -> Snapshot {
        try Snapshot.load(damagedCopy(file, edit))
    }

    /// The folder of a copy of incident-02 with `edit` applied to the lines of one file.
    static func damagedCopy(_ file: String, _ edit: (inout [String]) -> Void) throws -> String {
        let src = TestPaths.snapshot("incident-02")
        let dir = TestPaths.tempDir("records")
        for f in try FileManager.default.subpathsOfDirectory(atPath: src) where !f.contains("ground_truth") {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: src + "/" + f, isDirectory: &isDir)
            if isDir.boolValue { try FileManager.default.createDirectory(atPath: dir + "/" + f, withIntermediateDirectories: true); continue }
            try FileManager.default.copyItem(atPath: src + "/" + f, toPath: dir + "/" + f)
        }
        var lines = try String(contentsOfFile: dir + "/" + file, encoding: .utf8).components(separatedBy: "\n")
        edit(&lines)
        TestPaths.write(lines.joined(separator: "\n"), to: dir + "/" + file)
        return dir
    }

    static func cells(_ line: String) -> [String] { line.components(separatedBy: "\t") }

    /// The first line at or after `from` that is one whole 17-column log record.
    static func wholeRecord(_ l: [String], from: Int) -> Int { (from..<l.count).first { cells(l[$0]).count == 17 && !l[$0].contains("\"") }! }

    @Test func textAfterAClosingQuoteIsReportedAtItsLine() throws {
        var at = 0
        let s = try Self.damaged("otel_logs_raw.tsv") { l in
            at = Self.wholeRecord(l, from: 3)
            var c = Self.cells(l[at]); c[8] = "\"quoted\"stray text"; l[at] = c.joined(separator: "\t")
        }
        let d = s.diagnostics.first { $0.file == "otel_logs_raw.tsv" && $0.reason.contains("unbalanced quote") }
        #expect(d?.line == at + 1, "\(s.diagnostics)")
        #expect(d?.reason.hasPrefix("1 record(s)") == true)
    }

    @Test func anUnbalancedQuoteCostsOneRecordNotTheRestOfTheFile() throws {
        let before = try Snapshot.load(TestPaths.snapshot("incident-02")).logCount
        var at = 0
        let s = try Self.damaged("otel_logs_raw.tsv") { l in
            at = Self.wholeRecord(l, from: 3)
            var c = Self.cells(l[at]); c[8] = "\"" + c[8]; l[at] = c.joined(separator: "\t")
        }
        let d = s.diagnostics.filter { $0.file == "otel_logs_raw.tsv" }
        #expect(d.first?.line == at + 1 && d.first?.reason.contains("wrong column count") == true, "\(d)")
        // Before: the quote paired with one in a later record, and the records between were lost with it.
        #expect(s.logCount >= before - 3, "\(s.logCount) of \(before)")
        // At the end of the file, with no quote to pair with: one record lost, not the rest.
        let t = try Self.damaged("otel_logs_raw.tsv") { l in
            let last = (0..<l.count).last { Self.cells(l[$0]).count == 17 }!
            var c = Self.cells(l[last]); c[8] = "\"" + c[8]; l[last] = c.joined(separator: "\t")
        }
        #expect(t.diagnostics.contains { $0.reason.contains("unterminated") })
        #expect(t.logCount >= before - 1)
    }

    @Test func badIdsDurationsAndTimesInTracesAreReportedWithTheFirstLineAndACount() throws {
        let s = try Self.damaged("otel_traces_raw.tsv") { l in
            var c = Self.cells(l[2]); c[2] = "not-a-span-id"; l[2] = c.joined(separator: "\t")
            c = Self.cells(l[5]); c[12] = "99999999999999999999999"; l[5] = c.joined(separator: "\t")
            c = Self.cells(l[6]); c[12] = "-5"; l[6] = c.joined(separator: "\t")
            c = Self.cells(l[7]); c[0] = "2026-02-30 09:00:04.399380606"; l[7] = c.joined(separator: "\t")
        }
        let d = s.diagnostics.filter { $0.file == "otel_traces_raw.tsv" }
        #expect(d.contains { $0.line == 3 && $0.reason.contains("SpanId") && $0.reason.hasPrefix("1 record(s)") }, "\(d)")
        #expect(d.contains { $0.line == 6 && $0.reason.contains("Duration") && $0.reason.hasPrefix("2 record(s)") }, "\(d)")
        #expect(d.contains { $0.line == 8 && $0.reason.contains("Timestamp") }, "\(d)")
        let before = try Snapshot.load(TestPaths.snapshot("incident-02")).spanCount
        #expect(s.spanCount == before)
    }

    @Test func outOfRangeValuesAndUnreadableTagsInMetricsAreReported() throws {
        let file = "metrics/pod_cart-ssvdx9gpss-wpqhm_raw.tsv"
        let s = try Self.damaged(file) { l in
            var c = Self.cells(l[2]); c[2] = "1e999"; l[2] = c.joined(separator: "\t")
            c = Self.cells(l[3]); c[2] = "twelve"; l[3] = c.joined(separator: "\t")
            c = Self.cells(l[4]); c[c.count - 1] = "{'pod': "; l[4] = c.joined(separator: "\t")
        }
        let d = s.diagnostics.filter { $0.file == file }
        #expect(d.contains { $0.line == 3 && $0.reason.contains("not a number or out of range") && $0.reason.hasPrefix("2 record(s)") }, "\(d)")
        #expect(d.contains { $0.line == 5 && $0.reason.contains("tags") }, "\(d)")
    }

    /// Found by the mutation run's typed-cell check: a bad Timestamp in the objects or events file was placed at the
    /// epoch silently, and a bad Body was reported by record number, not line.
    @Test func badTimesAndBodiesInObjectsAndEventsAreReportedAtTheirLines() throws {
        for file in ["k8s_objects_raw.tsv", "k8s_events_raw.tsv"] {
            let s = try Self.damaged(file) { l in
                var c = Self.cells(l[3]); c[0] = "9999-12-31 23:59:59.000000000"; l[3] = c.joined(separator: "\t")
                c = Self.cells(l[5]); c[8] = "not json at all"; l[5] = c.joined(separator: "\t")
            }
            let d = s.diagnostics.filter { $0.file == file }
            #expect(d.contains { $0.line == 4 && $0.reason.contains("Timestamp") && $0.reason.hasPrefix("1 record(s)") }, "\(file): \(d)")
            #expect(d.contains { $0.line == 6 && $0.reason.contains("skipped: Body") }, "\(file): \(d)")
        }
    }

    /// Found by the mutation run's typed-cell check: an alert whose activeAt cannot be read lost it without a word.
    @Test func anUnreadableActiveAtIsReportedAtItsLine() throws {
        let file = "alerts/alerts_at_2026-03-10T09-05-49.329092.json"
        var at = 0
        let s = try Self.damaged(file) { l in
            at = l.firstIndex { $0.contains("\"activeAt\"") }!
            l[at] = "        \"activeAt\": \"2026-02-30T09:00:00Z\","
        }
        let d = s.diagnostics.filter { $0.file == file }
        #expect(d.contains { $0.line == at + 1 && $0.record == 1 && $0.reason.contains("activeAt") }, "\(d)")
        #expect(s.alertStore.alerts.count == (try Snapshot.load(TestPaths.snapshot("incident-02"))).alertStore.alerts.count)
    }

    /// Found by the mutation run's typed-cell check (11 of 596 typed mutations): attribute dicts that are not Python
    /// literals, and log records' trace and span ids, were accepted without a word.
    @Test func unreadableAttributesAndLogIdsAreReported() throws {
        let logs = try Self.damaged("otel_logs_raw.tsv") { l in
            let a = Self.wholeRecord(l, from: 3), b = Self.wholeRecord(l, from: a + 1), c = Self.wholeRecord(l, from: b + 1)
            var x = Self.cells(l[a]); x[10] = "{'k8s.pod.name': "; l[a] = x.joined(separator: "\t")
            x = Self.cells(l[b]); x[2] = "ZZZZ703d049358add06a7bc45784ce73"; l[b] = x.joined(separator: "\t")
            x = Self.cells(l[c]); x[15] = "{'a' 'b'}"; l[c] = x.joined(separator: "\t")
        }
        let d = logs.diagnostics.filter { $0.file == "otel_logs_raw.tsv" }
        #expect(d.contains { $0.reason.contains("ResourceAttributes that are not a Python dict") }, "\(d)")
        #expect(d.contains { $0.reason.contains("TraceId or SpanId") }, "\(d)")
        #expect(d.contains { $0.reason.contains("LogAttributes that are not a Python dict") }, "\(d)")
        let traces = try Self.damaged("otel_traces_raw.tsv") { l in
            var x = Self.cells(l[4]); x[11] = "{'http.status_code': "; l[4] = x.joined(separator: "\t")
            x = Self.cells(l[6]); x[8] = "{'a' 'b'}"; l[6] = x.joined(separator: "\t")
        }
        let t = traces.diagnostics.filter { $0.file == "otel_traces_raw.tsv" }
        #expect(t.contains { $0.line == 5 && $0.reason.contains("SpanAttributes") }, "\(t)")
        #expect(t.contains { $0.line == 7 && $0.reason.contains("ResourceAttributes") }, "\(t)")
    }

    /// The cheap check agrees with the parser on what is a Python literal, and every shipped attribute cell passes.
    @Test func theLiteralCheckAgreesWithTheParser() throws {
        let cases = ["", "{}", "{'a': 'b'}", "{'a': 1, 'b': [1, 2.5, -3e4], 'c': (True, None)}", "{'k': b'\\x00', 'e': 'it\\'s'}",
                     "{'a': ", "{'a' 'b'}", "[1, 2", "{'a': 'b',}", "{'a': 'b'} x", "[[[]]]", "{'a': inf}", "{'a': nope}", "'open"]
        for c in cases {
            let parsed = (try? PythonLiteral.parse(Array(c.utf8))) != nil
            let checked = Array(c.utf8).withUnsafeBufferPointer { PythonLiteralCheck.isWellFormed($0) }
            #expect(parsed == checked, "\(c): parse \(parsed), check \(checked)")
        }
        let s = try Snapshot.load(TestPaths.snapshot("incident-02"))
        #expect(!s.diagnostics.contains { $0.reason.contains("Python dict literal") }, "\(s.diagnostics)")
    }
}

