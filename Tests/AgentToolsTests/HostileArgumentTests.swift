import Foundation
import Testing
import TestSupport
@testable import AgentTools
import Snapshot

/// Out-of-range arguments are clear errors, never a trap that would take the MCP server down (issue 14).
@Suite struct HostileArgumentTests {
    static let snap = TestPaths.snapshot("incident-02")
    static let ctx = ToolContext(snapshotPath: snap, opener: { try Snapshot.load(snap) })

    func run(_ tool: String, _ args: [String: ToolValue]) -> ToolResult { Toolbox.run(tool, ToolArgs(args), context: Self.ctx) }

    @Test func hugeFractionalAndNonFiniteNumbersAreRefused() {
        for v in [1e30, 2.5, -1, Double.nan, Double.infinity, 9.3e18] {
            let r = run("logs", ["limit": .double(v)])
            #expect(r.isError && r.text.contains("limit"), "limit \(v): \(r.text.prefix(80))")
        }
        for v in [Double.nan, -Double.infinity, 1e308, -5] {
            let r = run("traces", ["min_duration_ms": .double(v)])
            #expect(r.isError && r.text.contains("min_duration_ms"), "min_duration_ms \(v): \(r.text.prefix(80))")
        }
        #expect(run("read_file", ["path": .string("k8s_events_raw.tsv"), "line": .string("99999999999999999999")]).isError)
        #expect(run("traces", ["min_duration_ms": .string("nan")]).isError)
        // Sane values still work.
        #expect(!run("logs", ["limit": .double(3)]).isError)
        #expect(!run("traces", ["min_duration_ms": .double(1.5)]).isError)
    }

    @Test func outOfRangeTimesAreRefused() {
        for t in ["9999-12-31T00:00:00", "0001-01-01 00:00", "-99999999999999m", "1e308s", "nanm"] {
            let r = run("logs", ["since": .string(t)])
            #expect(r.isError && r.text.contains("not a time"), "\(t): \(r.text.prefix(100))")
        }
    }
}
