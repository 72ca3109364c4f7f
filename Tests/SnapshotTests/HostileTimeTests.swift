import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Out-of-range and impossible times are diagnostics or clear refusals, never an arithmetic trap (issue 14).
@Suite struct HostileTimeTests {
    @Test func timestampsOutsideTheNanosecondRangeOrImpossibleDatesAreNotTimes() {
        for bad in ["9999-12-31 23:59:59.999999999", "0001-01-01T00:00:00Z", "2262-04-12 00:00:00", "1677-09-20 00:00:00",
                    "2026-02-30 10:00:00", "2023-02-29 10:00:00", "2026-04-31T00:00:00Z", "2026-13-01 00:00:00"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
        #expect(Timestamp.parse("2024-02-29 10:00:00") != nil)
        #expect(Timestamp.parse("2262-04-11 00:00:00") != nil && Timestamp.parse("1678-01-01 00:00:00") != nil)
        #expect(Timestamp.fromAlertFileName("alerts_at_9999-12-31T23-59-59.000000.json") == nil)
        let ref = Timestamp.parse("2026-03-10 09:00:00")!
        for bad in ["-99999999999999m", "+1e308s", "1e308h", "nanm", "infs", "-infd", "9223372037d"] {
            #expect(Timestamp.parseUser(bad, reference: ref) == nil, "\(bad)")
        }
        #expect(Timestamp.parseUser("-5m", reference: ref) == ref - 300_000_000_000)
        // Formatting and durations hold at the extremes of Int64.
        for t in [Int64.min, Int64.max, -1, 0] { #expect(!Timestamp.format(t).isEmpty && !Timestamp.iso(t).isEmpty) }
        #expect(Timestamp.duration(Int64.min).hasSuffix("m") && Timestamp.duration(Int64.max).hasSuffix("m"))
    }

    @Test func aSnapshotWithOutOfRangeTimesEverywhereLoadsWithDiagnostics() throws {
        let dir = TestPaths.tempDir("hostile-time")
        let src = TestPaths.snapshot("incident-02")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: src, toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/ground_truth.yaml")
        // The first data record of every TSV gets a year the nanosecond clock cannot hold.
        let tsvs = ["otel_logs_raw.tsv", "otel_traces_raw.tsv", "k8s_events_raw.tsv", "k8s_objects_raw.tsv"]
            + (try FileManager.default.contentsOfDirectory(atPath: dir + "/metrics")).prefix(3).map { "metrics/" + $0 }
        for f in tsvs {
            let p = dir + "/" + f
            var text = try String(contentsOfFile: p, encoding: .utf8)
            if let r = text.range(of: "\n2026-03-10") { text.replaceSubrange(r, with: "\n9999-12-31") }
            if let r = text.range(of: "\n2026-03-10") { text.replaceSubrange(r, with: "\n2026-02-30") }
            try text.write(toFile: p, atomically: true, encoding: .utf8)
        }
        // An alert's activeAt and an alert file's name out of range too.
        let alerts = try FileManager.default.contentsOfDirectory(atPath: dir + "/alerts").sorted()
        let a0 = dir + "/alerts/" + alerts[0]
        let json = try String(contentsOfFile: a0, encoding: .utf8)
        try json.replacingOccurrences(of: "\"activeAt\": \"2026", with: "\"activeAt\": \"9999").write(toFile: a0, atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: dir + "/alerts/" + alerts[1], toPath: dir + "/alerts/alerts_at_9999-12-31T23-59-59.000000.json")
        let s = try Snapshot.load(dir)
        let info = s.info()
        #expect(info.counts.log_records > 0 && info.counts.spans > 0)
        let text = s.diagnostics.map { "\($0.file): \($0.reason)" }.joined(separator: "\n")
        #expect(text.contains("otel_logs_raw.tsv") && text.contains("otel_traces_raw.tsv"), "\(text)")
        #expect(!s.alerts().isEmpty)
        _ = Timestamp.format(s.windows.recording?.start ?? 0)
    }
}

/// One bad byte or number is a diagnostic for its record, never the loss of the file or a silently wrong value.
@Suite struct SilentAcceptanceTests {
    @Test func aNulByteAndAnOutOfRangeNumberAreReportedAndTheRestLoads() throws {
        let dir = TestPaths.tempDir("silent")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: TestPaths.snapshot("incident-02"), toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/ground_truth.yaml")
        let pristine = try Snapshot.load(TestPaths.snapshot("incident-02"))
        var logs = try Data(contentsOf: URL(fileURLWithPath: dir + "/otel_logs_raw.tsv"))
        let third = logs.indices.filter { logs[$0] == 0x0A }[2]
        logs.insert(0, at: third + 30)
        try logs.write(to: URL(fileURLWithPath: dir + "/otel_logs_raw.tsv"))
        var traces = try String(contentsOfFile: dir + "/otel_traces_raw.tsv", encoding: .utf8).components(separatedBy: "\n")
        var header = traces[0].components(separatedBy: "\t"), cells = traces[1].components(separatedBy: "\t")
        let d = try #require(header.firstIndex(of: "Duration"))
        cells[d] = "99999999999999999999999"
        traces[1] = cells.joined(separator: "\t")
        header = []
        try traces.joined(separator: "\n").write(toFile: dir + "/otel_traces_raw.tsv", atomically: true, encoding: .utf8)
        let s = try Snapshot.load(dir)
        #expect(s.info().counts.log_records == pristine.info().counts.log_records)
        let text = s.diagnostics.map { "\($0.file):\($0.line ?? 0): \($0.reason)" }.joined(separator: "\n")
        #expect(text.contains("otel_logs_raw.tsv:4: 1 record(s) contain NUL bytes"), "\(text)")
        #expect(text.contains("out-of-range Duration"), "\(text)")
        #expect(Array("99999999999999999999".utf8).withUnsafeBufferPointer { Hex.int($0) } == nil)
    }
}
