import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI
@testable import Trajectory

/// The replay page shows what the agent saw: the step list names each call with its arguments, and a call's output
/// keeps its lines and columns (a table stays a table), scrolled with Tab and the arrows rather than re-wrapped.
@Suite struct ReplayPaneTests {
    func app(width: Int = 120, height: Int = 24) throws -> AppState {
        let snap = try Snapshot.load(TestPaths.snapshot("incident-02"))
        let table = (0..<40).map { i in "row\(i)  " + String(repeating: "col\(i)-", count: 12) + "END\(i)" }.joined(separator: "\\n")
        let text = """
        {"schema_version": "ATIF-v1.7", "agent": {"name": "a", "version": "1"}, "steps": [
          {"step_id": 1, "source": "agent", "message": "",
           "tool_calls": [{"tool_call_id": "c1", "function_name": "exec", "arguments": {"cmd": "triage logs --entity otel-demo/Service/frontend-proxy --level error --pattern upstream"}}],
           "observation": {"results": [{"source_call_id": "c1", "content": "TIME     SERVICE\\n\(table)"}]}},
          {"step_id": 2, "source": "agent", "message": "",
           "tool_calls": [{"tool_call_id": "c2", "function_name": "alerts", "arguments": {"hide_noise": true}}],
           "observation": {"results": [{"source_call_id": "c2", "content": "none"}]}}]}
        """
        let t = try TrajectoryReader.parse(Data(text.utf8), source: "run.json")
        let a = AppState(snapshot: snap, truthPath: nil, width: width, height: height)
        a.replay = ReplaySession(trajectory: t, snapshot: snap, truthPath: nil)
        return a
    }

    @Test func stepListShowsTheCommandsArguments() throws {
        let a = try app(width: 160)
        let s = a.render().text
        #expect(s.contains("logs --entity otel-demo/Service/frontend-proxy"), "\(s)")
        #expect(s.contains("alerts hide_noise=true"))
        #expect(!s.contains("exec   triage"))
    }

    @Test func outputKeepsItsLinesAndScrolls() throws {
        let a = try app()
        var s = a.render()
        // Each output line is one screen line, cut at the pane's edge, never continued on the next line.
        let rows = (1..<(s.height - 2)).map { s.line($0) }
        let first = try #require(rows.firstIndex { $0.contains("row0  col0-") })
        #expect(rows[first + 1].contains("row1  col1-"), "the next output line follows: \(rows[first + 1])")
        #expect(!rows.contains { $0.contains("END0") })
        #expect(s.text.contains("Tab scrolls the output"))
        #expect(s.line(s.height - 1).contains("Tab switch"))
        // → scrolls the output sideways; Tab gives the pane the arrows, PgDn goes down the output.
        for _ in 0..<2 { a.handle(.right) }
        s = a.render()
        #expect(s.text.contains("END0"))
        a.handle(.tab); a.handle(.pageDown)
        s = a.render()
        #expect(s.text.contains("END20") && !s.text.split(separator: "\n").contains { $0.hasSuffix("END0") }, "\(s.text)")
        #expect(a.views[.replay]?.cursor?.selected ?? 0 == 0, "the step list stays on step 1 while the pane scrolls")
        a.handle(.char("G"))
        #expect(a.render().text.contains("END39"))
        // Back in the list, ↓ selects the next step, and its pane starts at its top.
        a.handle(.tab); a.handle(.down)
        s = a.render()
        #expect(s.text.contains("step 2") && s.text.contains("none"))
    }
}
