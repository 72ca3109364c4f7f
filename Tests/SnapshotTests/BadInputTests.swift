import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Missing, empty, truncated, corrupt and binary inputs: a clear error or diagnostic, never a crash.
@Suite struct BadInputTests {
    static let header = Columns.logs.joined(separator: "\t")

    @Test func nonexistentPathAndEmptyDirectory() {
        let e1 = #expect(throws: SnapshotError.self) { try Snapshot.load("/nonexistent/triage-snapshot") }
        #expect(e1?.description.contains("no such directory") == true)
        let empty = TestPaths.tempDir("empty")
        let e2 = #expect(throws: SnapshotError.self) { try Snapshot.load(empty) }
        #expect(e2?.description.contains("empty directory") == true)
        let file = empty + "/plain.txt"
        TestPaths.write("x", to: file)
        let e3 = #expect(throws: SnapshotError.self) { try Snapshot.load(file) }
        #expect(e3?.description.contains("not a directory") == true)
    }

    @Test func corruptFilesAreDiagnosedAndTheRestLoads() throws {
        let dir = TestPaths.tempDir("bad")
        // Events: one good row, one with a wrong column count, one with an unbalanced quote at the end.
        let good = "2025-12-15 17:24:44.1\t2025-12-15 17:24:44\t\t\t0\t\t0\t\t\"{\"\"object\"\":{\"\"kind\"\":\"\"Event\"\",\"\"reason\"\":\"\"BackOff\"\",\"\"type\"\":\"\"Warning\"\",\"\"message\"\":\"\"m\"\",\"\"metadata\"\":{\"\"name\"\":\"\"e1\"\",\"\"namespace\"\":\"\"ns\"\"},\"\"involvedObject\"\":{\"\"kind\"\":\"\"Pod\"\",\"\"name\"\":\"\"p1\"\",\"\"namespace\"\":\"\"ns\"\"}},\"\"type\"\":\"\"ADDED\"\"}\"\t\t{'k8s.namespace.name': 'ns'}\t\tscope\t1.0.0\t{}\t{}\t\n"
        TestPaths.write(Self.header + "\n" + good + "too\tfew\n" + "2025\t\"broken\n", to: dir + "/k8s_events_raw.tsv")
        // Traces: binary garbage.
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00]).write(to: URL(fileURLWithPath: dir + "/otel_traces_raw.tsv"))
        // Alerts: invalid JSON and a valid file.
        TestPaths.write("[{\"labels\": ", to: dir + "/alerts/alerts_at_2025-12-15T17-30-49.329092.json")
        TestPaths.write("[{\"labels\": {\"alertname\": \"X\"}, \"state\": \"firing\", \"activeAt\": \"2025-12-15T17:00:00Z\"}]", to: dir + "/alerts/alerts_at_2025-12-15T17-31-49.329092.json")
        TestPaths.write("hello", to: dir + "/notes.bin")
        let s = try Snapshot.load(dir)
        #expect(s.events().count == 1)
        #expect(s.events().first?.entity.description == "ns/Pod/p1")
        let d = s.diagnostics
        #expect(d.contains { $0.file == "k8s_events_raw.tsv" && $0.reason.contains("wrong column count") && $0.line == 3 })
        #expect(d.contains { $0.file == "k8s_events_raw.tsv" && $0.reason.contains("unterminated") && $0.line == 4 })
        #expect(d.contains { $0.file == "otel_traces_raw.tsv" && $0.reason.contains("binary") })
        #expect(d.contains { $0.file.hasSuffix("17-30-49.329092.json") && $0.reason.contains("invalid JSON") })
        #expect(d.contains { $0.file == "notes.bin" && $0.reason.contains("unknown file") })
        #expect(s.alerts().map(\.name) == ["X"])
        #expect(s.spanCount == 0)
    }

    @Test func truncatedEventsFileKeepsWholeRecords() throws {
        let dir = TestPaths.tempDir("trunc")
        TestPaths.write(Self.header + "\n2025-12-15 17:24:44.1\t2025-12-15 17:24:44\t\t\t0\t\t0\t\t\"{\"\"obj", to: dir + "/k8s_events_raw.tsv")
        let s = try Snapshot.load(dir)
        #expect(s.events().isEmpty)
        #expect(s.diagnostics.contains { $0.reason.contains("unterminated") })
    }

    @Test func groundTruthIsNeverPartOfTheSnapshot() throws {
        let dir = TestPaths.tempDir("gt")
        TestPaths.write("groups: []\n# flagd-config secret answer\n", to: dir + "/ground_truth.yaml")
        TestPaths.write("[]", to: dir + "/alerts/alerts_at_2025-12-15T17-30-49.329092.json")
        let s = try Snapshot.load(dir)
        #expect(!s.layout.entries.contains { $0.path.contains("ground_truth") })
        #expect(try s.search("secret answer").hits.isEmpty)
        #expect(SnapshotLayout.groundTruthPath(in: dir) != nil)
    }
}
