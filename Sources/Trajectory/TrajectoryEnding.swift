import Foundation

/// The records that tell when and how a run ended, kept while the file streams past: the time span of every record,
/// and the last few hundred events of the kinds `ending` looks at (errors; turn, task and result events).
struct EventTrail {
    private(set) var first: Date? = nil, last: Date? = nil
    private var errors: [(Int, [String: Any])] = [], marks: [(Int, [String: Any])] = []
    private var count = 0

    mutating func note(_ v: Any, index: Int? = nil) {
        guard let e = v as? [String: Any] else { return }
        count += 1
        let p = e["payload"] as? [String: Any]
        for t in [e["timestamp"], p?["timestamp"]] {
            if let d = TrajectoryReader.date(t) { first = min(first ?? d, d); last = max(last ?? d, d) }
        }
        let type = TrajectoryReader.str(e["type"])
        if Self.isErrorish(e) { Self.keep(&errors, (count, e)) }
        else if type.hasPrefix("turn.") || type == "result"
                    || (type == "event_msg" && ["task_complete", "turn_aborted", "task_started"].contains(TrajectoryReader.str(p?["type"]))) {
            Self.keep(&marks, (count, e))
        }
    }

    /// A typed record that carries only a time (an ATIF step).
    mutating func note(time: Date?) {
        count += 1
        if let d = time { first = min(first ?? d, d); last = max(last ?? d, d) }
    }

    /// The kept events in file order.
    var events: [[String: Any]] { (errors + marks).sorted { $0.0 < $1.0 }.map(\.1) }

    static func keep(_ list: inout [(Int, [String: Any])], _ x: (Int, [String: Any])) {
        list.append(x)
        if list.count > 400 { list.removeFirst(200) }
    }

    static func isErrorish(_ e: [String: Any]) -> Bool {
        let type = TrajectoryReader.str(e["type"]), p = e["payload"] as? [String: Any]
        return type == "error" || type == "turn.failed" || TrajectoryReader.str(p?["type"]) == "error" || TrajectoryReader.str(e["subtype"]).hasPrefix("error")
            || TrajectoryReader.str(p?["type"]) == "turn_aborted" || (e["is_error"] as? Bool) == true
    }
}

extension TrajectoryReader {
    /// Sets how the run ended and its time span from every record of the file, so trailing events count towards
    /// the duration.
    static func conclude(_ t: inout Trajectory, trail: EventTrail) {
        var times = t.steps.compactMap(\.time)
        if let a = trail.first, let b = trail.last { times += [a, b] }
        t.startTime = times.min()
        t.endTime = times.max()
        (t.ending, t.endingDetail) = ending(t, trail.events)
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
            let p = e["payload"] as? [String: Any]
            let errorish = EventTrail.isErrorish(e)
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
           t.steps.last?.toolCalls.contains(where: { Trajectory.isFinishCall($0.name) }) != true,
           w.text.contains(" 0 turns") || w.text.contains("1 turn") || w.text.lowercased().contains("maximum number of turns") {
            return (.maxTurns, w.text.prefix(80).description)
        }
        guard let last = t.steps.last(where: { $0.role == .agent || !$0.toolCalls.isEmpty }) else { return (.unknown, nil) }
        if last.toolCalls.contains(where: { Trajectory.isFinishCall($0.name) }) { return (.finished, nil) }
        if let c = last.toolCalls.last, !c.hasOutput { return (.cutOff, "the last tool call (\(c.name)) has no result") }
        if last.toolCalls.isEmpty, !last.text.isEmpty { return (.finished, "ended with a message") }
        return (.cutOff, "the last step is a tool result")
    }
}
