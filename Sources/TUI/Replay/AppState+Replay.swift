import Foundation
import Snapshot
import Trajectory

/// The replay page: the step list on the left, the selected step on the right (reasoning, text, each call with its
/// recorded output and whether re-running it now gives the same answer). Enter opens the view the step looked at.
extension AppState {
    func replayRows() -> (cols: [Column], rows: [Row]) {
        guard let r = replay else { return ([Column("REPLAY", .flex(min: 10))], [Row(["no trajectory"], role: .dim)]) }
        let rows = r.trajectory.steps.map { s -> Row in
            let call = s.toolCalls.first
            let what = call.map { $0.shortLabel } ?? (s.text.isEmpty ? s.reasoning : s.text)
            let tok = [s.inputTokens, s.outputTokens].compactMap { $0 }.map(String.init).joined(separator: "/")
            let role: Role = s.toolCalls.contains(where: \.isError) ? .bad : s.role == .agent ? .normal : .dim
            return Row(["\(s.index)", s.role.rawValue, call?.name ?? "", String(what.prefix(300)), tok], role: role, key: "\(s.index)")
        }
        return ([Column("#", .fixed(4), right: true), Column("ROLE", .fixed(6)), Column("TOOL", .fixed(12)), Column("WHAT", .flex(min: 10)), Column("TOKENS", .fixed(9))], rows)
    }

    func selectedStep() -> Step? {
        guard let r = replay else { return nil }
        let c = cursors[.replay] ?? ListCursor()
        return c.selected < r.trajectory.steps.count ? r.trajectory.steps[c.selected] : nil
    }

    /// Enter on a step: the view it looked at, filtered as the agent filtered.
    func followStep() {
        guard let r = replay, let s = selectedStep() else { return }
        guard let target = r.focus[s.index] else { message = "step \(s.index) looked at nothing triage can show"; return }
        if let call = s.toolCalls.first {
            if let f = ReplaySession.filter(for: call), target == .view(.logs) { filters[target] = f }
            let scope = ReplaySession.scope(for: call, snapshot: snapshot)
            scopes[target] = scope.isEmpty ? nil : scope
            invalidate()
        }
        go(target)
        message = "step \(s.index) looked here (R returns to the replay)"
    }

    func drawReplay(_ s: inout Screen) {
        let listW = max(20, contentWidth * 45 / 100)
        let c = cursors[.replay] ?? ListCursor()
        let t = replayRows()
        TableView.draw(&s, x: contentX, y: 1, width: listW, height: contentHeight, columns: t.cols, rows: t.rows, cursor: c)
        let x0 = contentX + listW + 1
        for y in 1..<(height - 1) { s.put("│", x: x0 - 1, y: y, role: .border) }
        let w = width - x0
        guard w > 8, let step = selectedStep(), let r = replay else { return }
        var lines: [(String, Role)] = []
        var head = "step \(step.index) · \(step.role.rawValue)"
        if let t = step.time { head += " · " + ISO8601DateFormatter().string(from: t) }
        if step.inputTokens != nil || step.outputTokens != nil { head += " · tokens \(step.inputTokens ?? 0) in / \(step.outputTokens ?? 0) out" }
        if let f = r.focus[step.index] { head += " · Enter → \(f.title)" }
        lines.append((head, .header))
        func wrap(_ text: String, _ role: Role, prefix: String = "") {
            lines += TextWidth.wrap(text, width: w, prefix: prefix).map { ($0, role) }
        }
        if !step.reasoning.isEmpty { wrap(step.reasoning, .dim, prefix: "· ") }
        if !step.text.isEmpty { wrap(step.text, .normal) }
        for call in step.toolCalls {
            lines.append(("", .normal))
            lines.append(("$ \(call.name): \(call.shortLabel)", .accent))
            switch r.rerun(call) {
            case .same: lines.append(("✔ re-run now: same output", .good))
            case .differs(let now): lines.append(("≠ re-run now differs; now: " + now.prefix(200).replacingOccurrences(of: "\n", with: " ⏎ "), .warn))
            case .failed(let why): lines.append(("re-run failed: \(why)", .warn))
            case .notTriage: break
            }
            if let out = call.output { wrap(out, call.isError ? .bad : .normal) }
        }
        for (i, l) in lines.prefix(contentHeight).enumerated() { s.put(l.0, x: x0, y: 1 + i, role: l.1, maxWidth: w) }
        if lines.count > contentHeight {
            s.fill(y: height - 2, from: x0, to: width, role: .normal)
            s.put("… \(lines.count - contentHeight + 1) more lines", x: x0, y: height - 2, role: .dim, maxWidth: w)
        }
        if let rep = r.report, c.selected + 1 == r.trajectory.steps.count {
            s.put(String(format: " final answer score %.2f ", rep.score), x: x0, y: height - 2, role: rep.score == 1 ? .good : .bad, maxWidth: w)
        }
    }
}
