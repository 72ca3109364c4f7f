import Foundation

extension TrajectoryReader {
    /// Sets how the run ended and its time span from every record of the file (`events`: the raw records, for JSONL
    /// the lines, for a message list the messages), so trailing events count towards the duration.
    static func conclude(_ t: inout Trajectory, events: [[String: Any]]) {
        var times = t.steps.compactMap(\.time)
        for e in events {
            if let d = date(e["timestamp"]) { times.append(d) }
            if let p = e["payload"] as? [String: Any], let d = date(p["timestamp"]) { times.append(d) }
        }
        t.startTime = times.min()
        t.endTime = times.max()
        (t.ending, t.endingDetail) = ending(t, events)
    }

    static let contextMarkers = ["context window", "context_length_exceeded", "maximum context length", "prompt is too long",
                                 "context length", "too many tokens"]

    /// How a run ended: the harness's own record of it when the file has one (Codex turn events, Codex rollout task
    /// events, Claude Code results and stop reasons), else what the last steps show.
    static func ending(_ t: Trajectory, _ events: [[String: Any]]) -> (Trajectory.Ending, String?) {
        // Any value as lowercase text (error objects included, whatever their keys).
        func text(_ v: Any?) -> String {
            guard let v, !(v is NSNull) else { return "" }
            if let s = v as? String { return s.lowercased() }
            if JSONSerialization.isValidJSONObject(v), let d = try? JSONSerialization.data(withJSONObject: v) { return String(decoding: d, as: UTF8.self).lowercased() }
            return "\(v)".lowercased()
        }
        // An exhausted context window is decisive wherever it is reported.
        for e in events.reversed() {
            let type = str(e["type"]), p = e["payload"] as? [String: Any]
            let errorish = type == "error" || type == "turn.failed" || str(p?["type"]) == "error" || str(e["subtype"]).hasPrefix("error")
                || str(p?["type"]) == "turn_aborted" || (e["is_error"] as? Bool) == true
            let body = text(e["error"]) + text(e["message"]) + text(p?["message"]) + text(e["result"]) + text(p?["reason"])
            if errorish, let m = contextMarkers.first(where: { body.contains($0) }) { return (.contextExhausted, m) }
        }
        for s in t.steps.suffix(3) where s.role != .agent {
            let b = s.text.lowercased()
            if let m = contextMarkers.first(where: { b.contains($0) }) { return (.contextExhausted, m) }
        }
        // Codex exec: the last turn event.
        if let last = events.last(where: { str($0["type"]).hasPrefix("turn.") }) {
            switch str(last["type"]) {
            case "turn.completed": return (.finished, nil)
            case "turn.failed": return (.turnAborted, str((last["error"] as? [String: Any])?["message"] ?? last["error"]))
            default: return (.cutOff, "the last turn never completed")
            }
        }
        // Codex rollout: task and turn events.
        let rollout = events.compactMap { e -> String? in str(e["type"]) == "event_msg" ? str((e["payload"] as? [String: Any])?["type"]) : nil }
        if let last = rollout.last(where: { ["task_complete", "turn_aborted", "task_started"].contains($0) }) {
            switch last {
            case "task_complete": return (.finished, nil)
            case "turn_aborted":
                let reason = events.last { str(($0["payload"] as? [String: Any])?["type"]) == "turn_aborted" }.flatMap { str(($0["payload"] as? [String: Any])?["reason"]) }
                return (.turnAborted, reason)
            default: return (.cutOff, "the task started but never completed")
            }
        }
        // Claude Code: a result record, else the last stop reason.
        if let r = events.last(where: { str($0["type"]) == "result" }) {
            let sub = str(r["subtype"])
            if sub == "success" { return (.finished, nil) }
            if sub.contains("max_turns") { return (.maxTurns, sub) }
            return (.turnAborted, sub)
        }
        // Harness warnings about turns (Stirrup's turn_warning messages).
        if let w = t.steps.last(where: { $0.role == .user && ($0.text.contains("turns remaining") || $0.text.lowercased().contains("maximum number of turns")) }),
           t.steps.last?.toolCalls.contains(where: { Trajectory.finishTools.contains($0.name) }) != true,
           w.text.contains(" 0 turns") || w.text.contains("1 turn") || w.text.lowercased().contains("maximum number of turns") {
            return (.maxTurns, w.text.prefix(80).description)
        }
        guard let last = t.steps.last(where: { $0.role == .agent || !$0.toolCalls.isEmpty }) else { return (.unknown, nil) }
        if last.toolCalls.contains(where: { Trajectory.finishTools.contains($0.name) || $0.name.hasSuffix("submit_root_causes") }) { return (.finished, nil) }
        if let c = last.toolCalls.last, c.output == nil { return (.cutOff, "the last tool call (\(c.name)) has no result") }
        if last.toolCalls.isEmpty, !last.text.isEmpty { return (.finished, "ended with a message") }
        return (.cutOff, "the last step is a tool result")
    }
}
