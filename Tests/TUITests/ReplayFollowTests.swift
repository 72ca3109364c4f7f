import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI
@testable import Trajectory

/// Following a replayed step opens the view the agent looked at, narrowed the way the agent narrowed it.
@Suite struct ReplayFollowTests {
    @Test func followingAStepAppliesTheAgentsEntityLevelTypeAndRegex() throws {
        let path = TestPaths.snapshot("incident-02")
        let snap = try Snapshot.load(path)
        let text = """
        {"schema_version": "ATIF-v1.7", "agent": {"name": "a", "version": "1"}, "steps": [
          {"step_id": 1, "source": "agent", "message": "",
           "tool_calls": [{"tool_call_id": "c1", "function_name": "logs", "arguments": {"entity": "svc/frontend-proxy", "level": "error", "pattern": "upstream"}}]},
          {"step_id": 2, "source": "agent", "message": "",
           "tool_calls": [{"tool_call_id": "c2", "function_name": "code_exec", "arguments": {"cmd": "triage events --type Warning --reason Unhealthy"}}]}]}
        """
        let t = try TrajectoryReader.parse(Data(text.utf8), source: "run.json")
        let app = AppState(snapshot: snap, truthPath: nil, width: 160, height: 40)
        app.replay = ReplaySession(trajectory: t, snapshot: snap, truthPath: nil)
        app.go(.replay)
        app.handle(.enter)
        #expect(app.page == .view(.logs))
        let scope = try #require(app.views[.view(.logs)]?.scope)
        #expect(scope.entity?.name == "frontend-proxy" && scope.minLevel == .error)
        #expect(app.views[.view(.logs)]?.filter == "upstream")
        let rows = app.logMatchIndices()
        let all = try snap.logMatches(LogQuery(pattern: "upstream"))
        #expect(!rows.isEmpty && rows.count <= all.count)
        for r in snap.logRows(rows[...]) { #expect(r.level == "ERROR" || r.level == "FATAL") }
        #expect(app.render().text.contains("level≥ERROR"))
        // Esc clears the narrowing first.
        app.handle(.escape)
        #expect(app.views[.view(.logs)]?.scope == nil && app.views[.view(.logs)]?.filter == nil)
        // A shell `triage events …` step narrows the Events view by type and reason.
        app.go(.replay)
        app.handle(.char("j"))
        app.handle(.enter)
        #expect(app.page == .view(.events))
        #expect(app.views[.view(.events)]?.scope?.type == "Warning" && app.views[.view(.events)]?.scope?.reason == "Unhealthy")
        let shown = app.table().rows
        #expect(!shown.isEmpty && shown.allSatisfy { $0.cells[2] == "Unhealthy" })
    }
}

/// The status line at any width: a message and a long filter on a narrow screen used to crash (an inverted range).
@Suite struct StatusLineWidthTests {
    @Test func aMessageAndALongFilterFitEveryWidth() throws {
        let snap = try Snapshot.load(TestPaths.snapshot("incident-02"))
        for (w, h) in [(120, 30), (60, 15), (40, 10), (20, 5), (10, 3)] {
            let app = AppState(snapshot: snap, truthPath: nil, width: w, height: h)
            app.go(.view(.logs))
            app.views[.view(.logs), default: PageViewState()].filter = String(repeating: "timeout|", count: 20) + "x"
            app.views[.view(.logs), default: PageViewState()].scope = ViewScope(entity: EntityID(namespace: "otel-demo", kind: "Service", name: "frontend-proxy"), minLevel: .error)
            app.message = "step 3 looked here (R returns to the replay)"
            let screen = app.render()
            #expect(screen.line(h - 1).count == w)
        }
    }

    /// `--size 5000x2000` took seconds a frame: the screen is clamped to AppState.maxWidth × maxHeight.
    @Test func hugeSizesAreClampedAndFramesStayCheap() throws {
        let app = AppState(snapshot: try Snapshot.load(TestPaths.snapshot("incident-02")), truthPath: nil, width: 5_000, height: 2_000)
        #expect(app.width == AppState.maxWidth && app.height == AppState.maxHeight)
        app.handle(.resize(width: Int.max, height: Int.max))
        #expect(app.width == AppState.maxWidth && app.height == AppState.maxHeight)
        let start = Date()
        for _ in 0..<5 { _ = app.render() }
        #expect(Date().timeIntervalSince(start) < 5)
        app.handle(.resize(width: -7, height: 0))
        #expect(app.render().line(0).count == app.width)
    }

    /// `:time` with years the nanosecond clock cannot hold, or huge offsets, said so instead of trapping.
    @Test func outOfRangeTimeCommandsAreRefusedWithAMessage() throws {
        let app = AppState(snapshot: try Snapshot.load(TestPaths.snapshot("incident-02")), truthPath: nil, width: 120, height: 30)
        for arg in ["9999-12-31T00:00:00 0001-01-01", "-99999999999999m +1e308s", "nanm infs"] {
            app.message = nil
            app.runCommand("time " + arg)
            #expect(app.message?.hasPrefix("cannot read '") == true, "\(arg): \(app.message ?? "")")
            #expect(app.timeWindow == nil)
            _ = app.render()
        }
    }
}

/// Token counts from an untrusted trajectory never overflow the summary (issue 14).
@Suite struct ReplayTokenTests {
    @Test func hugeTokenCountsSaturate() throws {
        let big = Int.max / 2 + 10
        let text = """
        [{"role": "assistant", "content": "a", "usage": {"prompt_tokens": \(big), "completion_tokens": \(big)}},
         {"role": "assistant", "content": "b", "usage": {"prompt_tokens": \(big), "completion_tokens": \(big)}},
         {"role": "assistant", "content": "c", "usage": {"prompt_tokens": -5, "completion_tokens": 1}}]
        """
        let t = try TrajectoryReader.parse(Data(text.utf8), source: "tokens.json")
        let s = ReplaySession(trajectory: t, snapshot: nil, truthPath: nil).summary()
        #expect(s["input_tokens"] as? Int == Int.max && s["output_tokens"] as? Int == Int.max)
    }
}
