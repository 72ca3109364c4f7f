import Foundation

/// The formats, each read record by record from `ReadContext.each`.
extension TrajectoryReader {
    // MARK: ATIF (Harbor) and triage's own recordings

    static func atif(_ spans: [JSONRecords.Span], _ cx: ReadContext) -> Trajectory {
        var steps: [Step] = [], problems: [String] = []
        cx.eachObject(spans) { o, span in
            guard let s = o.map(ATIF.Step.init(object:)) else { problems.append("\(cx.source): steps[\(span.line - 1)] is not an object"); return }
            let time = date(s.timestamp)
            cx.trail.note(time: time)
            let results = s.results
            let calls = (s.toolCalls ?? []).map { c -> Step.ToolCall in
                if c.functionName.isEmpty { problems.append("\(cx.source): step \(steps.count + 1): a tool call without a name (kept as 'unnamed')") }
                let id = c.toolCallID
                let out = results[id].map { text in
                    cx.lazy(text, span) { data in ATIF.Step.read(data)?.results[id] }
                }
                return call(id, c.functionName.isEmpty ? "unnamed" : c.functionName, c.arguments?.any, output: out, isError: s.extra?.isError ?? false)
            }
            steps.append(Step(index: steps.count + 1, role: atifRole(s.role), text: s.message?.text ?? "", reasoning: s.reasoningContent ?? "",
                              toolCalls: calls, inputTokens: s.metrics?.promptTokens, outputTokens: s.metrics?.completionTokens, time: time))
        }
        return Trajectory(format: .atif, steps: steps, problems: problems, source: cx.source)
    }

    /// ATIF `source` (v1.7: system, user, agent) or a variant's `message.role` (v1.5: assistant, tool, ...).
    static func atifRole(_ r: String?) -> Step.Role {
        switch r { case "agent", "assistant": return .agent; case "system": return .system; case "tool": return .tool; default: return .user }
    }

    // MARK: message lists: Stirrup (v0.1, v0.2), OpenAI chat, Anthropic, Claude Code

    /// The message in a record: Claude Code wraps the Anthropic message (with its timestamp outside).
    static func message(_ raw: Any) -> (message: [String: Any], claudeCode: Bool)? {
        guard var m = raw as? [String: Any] else { return nil }
        if let inner = m["message"] as? [String: Any], m["sessionId"] != nil || m["parentUuid"] != nil || m["uuid"] != nil {
            let t = m["timestamp"]
            m = inner; m["timestamp"] = t
            return (m, true)
        }
        return (m, false)
    }

    /// The result block for `id` in a user message's content.
    static func toolResult(_ raw: Any, id: String) -> [String: Any]? {
        guard let m = message(raw)?.message, let content = m["content"] as? [Any] else { return nil }
        return content.compactMap { $0 as? [String: Any] }.first { str($0["type"]) == "tool_result" && str($0["tool_use_id"]) == id }
    }

    static func messages(_ spans: [JSONRecords.Span], _ cx: ReadContext, flatten: Bool) -> Trajectory {
        var steps: [Step] = []
        var problems: [String] = []
        var format: Trajectory.Format = .openAI
        var pending: [String: (step: Int, call: Int)] = [:]
        var i = 0, known = 0
        func attach(_ id: String, _ content: LazyText, _ isError: Bool) {
            guard let (s, c) = pending[id] else { return }
            steps[s].toolCalls[c].outputText = content
            steps[s].toolCalls[c].isError = isError
        }
        cx.each(spans, flatten: flatten) { r in
            i += 1
            cx.trail.note(r.value)
            guard let (m, wrapped) = message(r.value) else { problems.append("\(cx.source): message \(i) is not an object"); return }
            if wrapped { format = .claudeCode }
            if ["system", "tool", "assistant", "user"].contains(str(m["role"])) { known += 1 }
            switch str(m["role"]) {
            case "system": steps.append(Step(index: steps.count + 1, role: .system, text: str(m["content"])))
            case "tool":
                if m["args_was_valid"] != nil || m["success"] != nil { format = .stirrup }
                attach(str(m["tool_call_id"]), cx.lazy(str(m["content"]), r) { str(message($0)?.message["content"]) },
                       (m["success"] as? Bool).map { !$0 } ?? false)
            case "assistant":
                var text = "", reasoning = "", calls: [Step.ToolCall] = []
                if let blocks = m["blocks"] as? [Any] {          // Stirrup v0.2
                    format = .stirrup
                    for b in blocks.compactMap({ $0 as? [String: Any] }) {
                        switch str(b["kind"]) {
                        case "text": text += str(b["text"])
                        case "reasoning", "signed_reasoning": reasoning += str(b["content"])
                        case "tool_call": calls.append(call(str(b["tool_call_id"]), str(b["name"]), b["arguments"]))
                        default: break
                        }
                    }
                } else if let content = m["content"] as? [Any], content.contains(where: { (($0 as? [String: Any])?["type"] as? String) != nil }) {
                    if format != .claudeCode { format = .anthropic }
                    for b in content.compactMap({ $0 as? [String: Any] }) {
                        switch str(b["type"]) {
                        case "text": text += str(b["text"])
                        case "thinking": reasoning += str(b["thinking"])
                        case "tool_use": calls.append(call(str(b["id"]), str(b["name"]), b["input"]))
                        default: break
                        }
                    }
                } else { text = str(m["content"]) }
                for c in (m["tool_calls"] as? [Any]) ?? [] {                 // OpenAI and Stirrup v0.1
                    guard let c = c as? [String: Any] else { continue }
                    if let f = c["function"] as? [String: Any] {
                        calls.append(call(str(c["id"]), str(f["name"]), f["arguments"]))
                    } else {
                        format = .stirrup
                        calls.append(call(str(c["tool_call_id"]), str(c["name"]), c["arguments"]))
                    }
                }
                if let r = m["reasoning"] as? [String: Any] { reasoning += str(r["content"]) }
                if let r = m["reasoning_content"] as? String { reasoning += r }
                let usage = (m["token_usage"] ?? m["usage"]) as? [String: Any]
                let input = (usage?["input"] ?? usage?["input_tokens"] ?? usage?["prompt_tokens"]) as? Int
                let output = ((usage?["answer"] ?? usage?["output"] ?? usage?["output_tokens"] ?? usage?["completion_tokens"]) as? Int).map { $0.addingReportingOverflow((usage?["reasoning"] as? Int) ?? 0).partialValue }
                let idx = steps.count
                for (k, c) in calls.enumerated() { pending[c.id] = (idx, k) }
                steps.append(Step(index: idx + 1, role: .agent, text: text, reasoning: reasoning, toolCalls: calls, inputTokens: input,
                                  outputTokens: output, time: date(m["timestamp"])))
            case "user":
                if let content = m["content"] as? [Any] {
                    var plain = ""
                    for b in content.compactMap({ $0 as? [String: Any] }) {
                        if str(b["type"]) == "tool_result" {
                            let id = str(b["tool_use_id"])
                            attach(id, cx.lazy(str(b["content"]), r) { str(toolResult($0, id: id)?["content"]) }, (b["is_error"] as? Bool) ?? false)
                        } else { plain += str(b["text"]) }
                    }
                    if !plain.isEmpty { steps.append(Step(index: steps.count + 1, role: .user, text: plain)) }
                } else { steps.append(Step(index: steps.count + 1, role: .user, text: str(m["content"]))) }
            default:
                problems.append("\(cx.source): message \(i) has no known role")
            }
        }
        // Not a message list at all (a list of numbers, a truncated list of strings).
        if known == 0 { format = .unknown }
        return Trajectory(format: format, steps: steps, problems: problems, source: cx.source)
    }

    // MARK: event streams: Codex exec, Codex rollout, Claude Code (JSON lines, or one array of events)

    static func events(_ spans: [JSONRecords.Span], _ cx: ReadContext) -> Trajectory {
        // The kind shows in the first records; 2,000 are enough for every harness.
        var dicts: [[String: Any]] = []
        for s in spans.prefix(2000) { if let d = cx.peek(s) as? [String: Any] { dicts.append(d) } }
        if dicts.contains(where: { $0["sessionId"] != nil || $0["parentUuid"] != nil }) { return messages(spans, cx, flatten: false) }
        if dicts.contains(where: { ["session_meta", "response_item", "event_msg", "turn_context"].contains(str($0["type"])) }) { return codexRollout(spans, cx) }
        if dicts.contains(where: { str($0["type"]).hasPrefix("item.") || str($0["type"]).hasPrefix("turn.") || str($0["type"]) == "thread.started" }) {
            return codexExec(spans, cx)
        }
        if dicts.contains(where: { $0["role"] != nil }) { return messages(spans, cx, flatten: false) }
        cx.each(spans, flatten: false) { _ in }   // still report the records that do not read
        return Trajectory(format: .unknown, steps: [], problems: ["\(cx.source): JSON lines of an unknown kind"], source: cx.source)
    }

    static func codexExec(_ spans: [JSONRecords.Span], _ cx: ReadContext) -> Trajectory {
        var steps: [Step] = []
        cx.each(spans, flatten: false) { r in
            cx.trail.note(r.value)
            guard let l = r.value as? [String: Any] else { return }
            let type = str(l["type"])
            if type == "turn.completed", let u = l["usage"] as? [String: Any], !steps.isEmpty {
                steps[steps.count - 1].inputTokens = u["input_tokens"] as? Int
                steps[steps.count - 1].outputTokens = u["output_tokens"] as? Int
            }
            guard type == "item.completed", let item = l["item"] as? [String: Any] else { return }
            let id = str(item["id"])
            func itemOf(_ v: Any) -> [String: Any]? { (v as? [String: Any])?["item"] as? [String: Any] }
            switch str(item["type"]) {
            case "reasoning": steps.append(Step(index: steps.count + 1, role: .agent, reasoning: str(item["text"])))
            case "agent_message": steps.append(Step(index: steps.count + 1, role: .agent, text: str(item["text"])))
            case "command_execution":
                let out = cx.lazy(str(item["aggregated_output"]), r) { str(itemOf($0)?["aggregated_output"]) }
                let c = call(id, "shell", ["command": str(item["command"])], output: out, isError: (item["exit_code"] as? Int).map { $0 != 0 } ?? false)
                steps.append(Step(index: steps.count + 1, role: .agent, toolCalls: [c]))
            case "mcp_tool_call":
                let c = call(id, str(item["tool"]), item["arguments"], output: cx.lazy(str(item["result"]), r) { str(itemOf($0)?["result"]) })
                steps.append(Step(index: steps.count + 1, role: .agent, toolCalls: [c]))
            default: return
            }
        }
        return Trajectory(format: .codexExec, steps: steps, problems: [], source: cx.source)
    }

    static func codexRollout(_ spans: [JSONRecords.Span], _ cx: ReadContext) -> Trajectory {
        var steps: [Step] = []
        var pending: [String: (Int, Int)] = [:]
        func outputText(_ p: [String: Any]?) -> String {
            let out = p?["output"]
            return (out as? [String: Any]).map { str($0["content"] ?? $0["output"]) } ?? str(out)
        }
        cx.each(spans, flatten: false) { r in
            cx.trail.note(r.value)
            guard let l = r.value as? [String: Any], str(l["type"]) == "response_item" || str(l["type"]) == "event_msg",
                  let p = l["payload"] as? [String: Any] else { return }
            let t = date(l["timestamp"])
            switch str(p["type"]) {
            case "message":
                let role = str(p["role"])
                steps.append(Step(index: steps.count + 1, role: role == "assistant" ? .agent : role == "user" ? .user : .system, text: str(p["content"]), time: t))
            case "reasoning": steps.append(Step(index: steps.count + 1, role: .agent, reasoning: str(p["summary"]), time: t))
            case "function_call":
                let id = str(p["call_id"])
                pending[id] = (steps.count, 0)
                steps.append(Step(index: steps.count + 1, role: .agent, toolCalls: [call(id, str(p["name"]), p["arguments"])], time: t))
            case "function_call_output":
                if let (s, c) = pending[str(p["call_id"])] {
                    steps[s].toolCalls[c].outputText = cx.lazy(outputText(p), r) { outputText(($0 as? [String: Any])?["payload"] as? [String: Any]) }
                }
            case "token_count":
                if let info = p["info"] as? [String: Any], let last = info["last_token_usage"] as? [String: Any], !steps.isEmpty {
                    steps[steps.count - 1].inputTokens = last["input_tokens"] as? Int
                    steps[steps.count - 1].outputTokens = last["output_tokens"] as? Int
                }
            default: return
            }
        }
        return Trajectory(format: .codexRollout, steps: steps, problems: [], source: cx.source)
    }
}
