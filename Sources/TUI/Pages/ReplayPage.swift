import Foundation
import Snapshot
import Trajectory

/// Replaying a trajectory: the step list on the left, the selected step on the right (reasoning, text, each call
/// with its recorded output as the agent saw it and whether re-running it now gives the same answer). Tab moves
/// between the two panes; in the step pane the arrows scroll the output, which is never re-wrapped. Enter opens the
/// view a step looked at.
final class ReplayPage: PageController {
    /// The step pane has the keys (Tab).
    var paneFocused = false
    /// First line and first column shown in the step pane.
    var paneTop = 0, paneShift = 0
    /// The step the pane's scroll belongs to (a new step starts at its top).
    private var paneStep = -1

    var title: String { "Replay" }
    var contexts: [KeyContext] { [.replay] }
    var help: String { "Replay: steps on the left, the selected step's reasoning, calls and output on the right. Tab moves to the output pane (arrows scroll it), Enter opens what a step looked at, p plays." }
    var orderable: Bool { false }

    func perform(_ action: Action, _ app: AppState) -> Bool {
        switch action {
        case .focusPane:
            paneFocused.toggle()
            app.message = paneFocused ? "step pane: ↑↓ PgUp PgDn g G scroll, ← → scroll sideways, Tab returns to the steps" : "step list"
            return true
        case .faster, .slower:
            app.playInterval = action == .faster ? max(0.1, app.playInterval / 2) : min(10, app.playInterval * 2)
            app.message = String(format: "playing one step every %.1f s", app.playInterval)
            return true
        case .play:
            app.playing.toggle()
            app.message = app.playing ? String(format: "playing: one step every %.1f s (p pauses)", app.playInterval) : "paused"
            return true
        case .scrollLeft, .scrollRight:
            let step = max(4, paneWidth(app) / 4)
            paneShift = max(0, paneShift + (action == .scrollRight ? step : -step))
            app.message = paneShift == 0 ? "output from its first column" : "output from column \(paneShift + 1) (← scrolls back)"
            return true
        default: break
        }
        guard paneFocused else { return false }
        let page = max(1, app.contentHeight - 2)
        switch action {
        case .up: paneTop = max(0, paneTop - 1)
        case .down: paneTop += 1
        case .pageUp: paneTop = max(0, paneTop - page)
        case .pageDown: paneTop += page
        case .top: paneTop = 0
        case .bottom: paneTop = Int.max / 2
        default: return false
        }
        return true
    }

    func table(_ app: AppState) -> PageTable {
        guard let r = app.replay else { return ([Column("REPLAY", .flex(min: 10))], [Row(["no trajectory"], role: .dim)]) }
        let rows = r.trajectory.steps.map { s -> Row in
            let call = s.toolCalls.first
            let what = call.map { Self.label($0) } ?? (s.text.isEmpty ? s.reasoning : s.text)
            let role: Role = s.toolCalls.contains(where: \.isError) ? .bad : s.role == .agent ? .normal : .dim
            let who = call?.name ?? (s.role == .agent ? "·" : s.role.rawValue)
            return Row(["\(s.index)", who, String(what.replacingOccurrences(of: "\n", with: " ").prefix(400))], role: role, key: "\(s.index)")
        }
        return ([Column("#", .fixed(4), right: true), Column("TOOL", .fixed(10)), Column("WHAT", .flex(min: 10))], rows)
    }

    /// What a call did, for the step list: a shell command without the `triage` and snapshot words every call repeats,
    /// other tools as `name arg=value …`.
    static func label(_ call: Step.ToolCall) -> String {
        var words = call.shortLabel.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.first == call.name { words.removeFirst() }
        if let i = words.firstIndex(where: { $0.hasSuffix("triage") }), i == 0 { words.removeFirst() }
        return words.joined(separator: " ")
    }

    func selectedStep(_ app: AppState) -> Step? {
        guard let r = app.replay else { return nil }
        let c = app.views[.replay]?.cursor ?? ListCursor()
        return c.selected < r.trajectory.steps.count ? r.trajectory.steps[c.selected] : nil
    }

    /// Enter on a step: the view it looked at, filtered as the agent filtered.
    func open(_ row: Row, _ app: AppState) {
        guard let r = app.replay, let s = selectedStep(app) else { return }
        guard let target = r.focus[s.index] else { app.message = "step \(s.index) looked at nothing triage can show"; return }
        if let call = s.toolCalls.first {
            if let f = ReplaySession.filter(for: call), target == .view(.logs) { app.views[target, default: PageViewState()].filter = f }
            let scope = ReplaySession.scope(for: call, snapshot: app.snapshot)
            app.views[target, default: PageViewState()].scope = scope.isEmpty ? nil : scope
            app.invalidate()
        }
        app.go(target)
        app.message = "step \(s.index) looked here (R returns to the replay)"
    }

    func listWidth(_ app: AppState) -> Int { max(20, app.contentWidth * 45 / 100) }
    func paneWidth(_ app: AppState) -> Int { app.width - (app.contentX + listWidth(app) + 1) }

    /// The step pane's lines: prose wrapped to the pane, commands and tool output kept as they were (not re-wrapped).
    func paneLines(_ step: Step, _ r: ReplaySession, width w: Int, _ app: AppState) -> [(text: String, role: Role, verbatim: Bool)] {
        var lines: [(String, Role, Bool)] = []
        var head = "step \(step.index) · \(step.role.rawValue)"
        if let t = step.time { head += " · " + ISO8601DateFormatter().string(from: t) }
        if step.inputTokens != nil || step.outputTokens != nil { head += " · tokens \(step.inputTokens ?? 0) in / \(step.outputTokens ?? 0) out" }
        if let f = r.focus[step.index] { head += " · Enter → \(app.controller(f).title)" }
        lines += TextWidth.wrap(head, width: w).map { ($0, Role.header, false) }
        func wrap(_ text: String, _ role: Role, prefix: String = "") { lines += TextWidth.wrap(text, width: w, prefix: prefix).map { ($0, role, false) } }
        if !step.reasoning.isEmpty { wrap(step.reasoning, .dim, prefix: "· ") }
        if !step.text.isEmpty { wrap(step.text, .normal) }
        for call in step.toolCalls {
            lines.append(("", .normal, false))
            wrap("$ \(call.name): \(call.shortLabel)", .accent, prefix: "    ")
            switch r.rerun(call) {
            case .same: lines.append(("✔ re-run now: same output", .good, false))
            case .differs(let now): wrap("≠ re-run now differs; now: " + now.prefix(200).replacingOccurrences(of: "\n", with: " ⏎ "), .warn)
            case .failed(let why): wrap("re-run failed: \(why)", .warn)
            case .notTriage: break
            }
            if let out = call.output {
                for l in out.split(separator: "\n", omittingEmptySubsequences: false) { lines.append((String(l), call.isError ? .bad : .normal, true)) }
            }
        }
        return lines
    }

    func draw(_ s: inout Screen, _ app: AppState) {
        let listW = listWidth(app)
        let c = app.views[.replay]?.cursor ?? ListCursor()
        let t = app.table()
        TableView.draw(&s, x: app.contentX, y: 1, width: listW, height: app.contentHeight, columns: t.cols, rows: t.rows, cursor: c, focused: true)
        let x0 = app.contentX + listW + 1
        for y in 1..<(app.height - 1) { s.put("│", x: x0 - 1, y: y, role: paneFocused ? .key : .border) }
        let w = app.width - x0
        guard w > 8, let step = selectedStep(app), let r = app.replay else { return }
        // Another step starts at its top (the first one drawn keeps what the keys did before any frame).
        if step.index != paneStep { if paneStep >= 0 { paneTop = 0; paneShift = 0 }; paneStep = step.index }
        let lines = paneLines(step, r, width: w, app)
        // Sideways no further than the widest output line.
        let widest = lines.filter(\.verbatim).map { TextWidth.of($0.text) }.max() ?? 0
        paneShift = min(paneShift, max(0, widest - w + 1))
        let final = r.report != nil && c.selected + 1 == r.trajectory.steps.count
        let room = max(1, app.contentHeight - 1 - (final ? 1 : 0))
        paneTop = max(0, min(paneTop, lines.count - room))
        for (i, l) in lines.dropFirst(paneTop).prefix(room).enumerated() {
            // Output keeps its columns: cut at the pane's edge, scrolled sideways with ← →.
            let text = l.verbatim ? TextWidth.slice(l.text, from: paneShift, width: w) : l.text
            s.put(text, x: x0, y: 1 + i, role: l.role, maxWidth: w)
        }
        let footY = app.height - 2 - (final ? 1 : 0)
        s.fill(y: footY, from: x0, to: app.width, role: .normal)
        let more = lines.count > room
        let foot = more ? "lines \(paneTop + 1)–\(min(lines.count, paneTop + room)) of \(lines.count)" + (paneFocused ? " · ↑↓ PgDn ← → scroll · Tab: steps" : " · Tab scrolls the output")
            : (paneShift > 0 ? "from column \(paneShift + 1) · ← scrolls back" : "")
        s.put(foot, x: x0, y: footY, role: .dim, maxWidth: w)
        if final, let rep = r.report {
            s.fill(y: app.height - 2, from: x0, to: app.width, role: .normal)
            s.put(String(format: " final answer score %.2f ", rep.score), x: x0, y: app.height - 2, role: rep.score == 1 ? .good : .bad, maxWidth: w)
        }
    }
}
