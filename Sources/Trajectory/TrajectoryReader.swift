import Foundation
import Snapshot

/// A parsed trajectory: its format, steps, and the problems met (with their position); whatever parsed before a
/// problem is kept.
public struct Trajectory: Sendable {
    public enum Format: String, Sendable, Codable {
        case atif = "ATIF", stirrup = "Stirrup", openAI = "OpenAI chat", anthropic = "Anthropic messages"
        case codexExec = "Codex exec --json", codexRollout = "Codex rollout", claudeCode = "Claude Code", unknown
    }
    public var format: Format
    public var steps: [Step]
    public var problems: [String]
    public var source: String
    /// How the run ended, with the evidence (an error message, a stop reason) when there is one.
    public var ending: Ending = .unknown
    public var endingDetail: String? = nil
    /// The first and last timestamps of any record in the file, trailing events (token counts, turn ends) included.
    public var startTime: Date? = nil
    public var endTime: Date? = nil

    public enum Ending: String, Sendable, Codable {
        case finished, contextExhausted = "context window exhausted", turnAborted = "turn aborted", maxTurns = "max turns"
        case cutOff = "cut off", unknown
    }

    public var toolCalls: [(step: Int, call: Step.ToolCall)] { steps.flatMap { s in s.toolCalls.map { (s.index, $0) } } }
}

/// Reads every supported trajectory format, detected from its content.
public enum TrajectoryReader {
    public struct ReadError: Error, CustomStringConvertible { public let description: String }

    public static func load(path: String) throws -> Trajectory {
        guard let data = FileManager.default.contents(atPath: path) else { throw ReadError(description: "\(path): cannot read file") }
        return try parse(data, source: path)
    }

    public static func parse(_ data: Data, source: String = "<input>") throws -> Trajectory {
        // Work on bytes: converting megabytes to a String first costs more than parsing them.
        guard data.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw ReadError(description: "\(source): empty file")
        }
        if var t = ATIFDecoder.decode(data, source: source) { conclude(&t, events: []); return t }
        if let doc = try? JSONSerialization.jsonObject(with: data) {
            var t = document(doc, source: source)
            let events = ((doc as? [Any]) ?? ((doc as? [String: Any]).map { [$0] } ?? [])).compactMap { $0 as? [String: Any] }
            conclude(&t, events: events)
            return t
        }
        // JSONL: one object per line; keep what parses and report the rest.
        var lines: [Any] = [], problems: [String] = []
        var lineNo = 0
        for slice in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            if let o = try? JSONSerialization.jsonObject(with: Data(slice)) { lines.append(o) }
            else { problems.append("\(source):\(lineNo): not valid JSON (\(String(decoding: slice.prefix(60), as: UTF8.self))…); the steps before it are kept") }
        }
        if lines.isEmpty {
            // A single truncated JSON document.
            throw ReadError(description: "\(source): neither JSON nor JSON lines: " + (problems.first ?? "unreadable"))
        }
        var t = jsonl(lines, source: source)
        t.problems = problems + t.problems
        conclude(&t, events: lines.compactMap { $0 as? [String: Any] })
        if !problems.isEmpty && t.ending == .unknown { t.ending = .cutOff; t.endingDetail = "the file ends in a broken record" }
        return t
    }

    static func str(_ v: Any?) -> String {
        switch v {
        case let s as String: return s
        case let a as [Any]: return a.map { x -> String in
            if let d = x as? [String: Any] { return str(d["text"] ?? d["content"] ?? d["thinking"] ?? "") }
            return str(x)
        }.joined(separator: "\n")
        case let d as [String: Any]: return str(d["text"] ?? d["content"] ?? "")
        case nil: return ""
        default: return "\(v!)"
        }
    }

    /// A tool call with its arguments kept both as JSON text and as scalar fields.
    static func call(_ id: String, _ name: String, _ raw: Any?, output: String? = nil, isError: Bool = false) -> Step.ToolCall {
        var fields: [String: String] = [:]
        var obj: [String: Any]? = raw as? [String: Any]
        if obj == nil, let s = raw as? String, s.hasPrefix("{") { obj = (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] }
        if let o = obj {
            for (k, v) in o {
                switch v {
                case let x as String: fields[k] = x
                case let a as [Any]: fields[k] = a.map { str($0) }.joined(separator: " ")
                case is [String: Any]: break
                default: fields[k] = "\(v)"
                }
            }
        }
        return Step.ToolCall(id: id, name: name, arguments: json(raw), fields: fields, output: output, isError: isError)
    }

    static func json(_ v: Any?) -> String {
        if let s = v as? String { return s }
        // Flat objects of strings, numbers and string lists: written directly (JSONSerialization is slow on many small objects).
        if let d = v as? [String: Any], d.values.allSatisfy({ $0 is String || $0 is NSNumber || $0 is [String] }) {
            let q = Format.jsonQuote
            let parts = d.keys.sorted().map { k -> String in
                let val: String
                switch d[k]! {
                case let s as String: val = q(s)
                case let n as NSNumber: val = String(cString: n.objCType) == "c" ? (n.boolValue ? "true" : "false") : n.stringValue
                case let a as [String]: val = "[" + a.map(q).joined(separator: ",") + "]"
                default: val = "null"
                }
                return q(k) + ":" + val
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        guard let v, JSONSerialization.isValidJSONObject(v), let d = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: d, as: UTF8.self)
    }

    static func date(_ v: Any?) -> Date? {
        if let s = v as? String {
            let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let d = f.date(from: s) { return d }
            f.formatOptions = [.withInternetDateTime]
            return f.date(from: s)
        }
        if let n = v as? Double { return Date(timeIntervalSince1970: n > 1e12 ? n / 1000 : n) }
        return nil
    }

    static func document(_ doc: Any, source: String) -> Trajectory {
        if let d = doc as? [String: Any] {
            if (d["schema_version"] as? String)?.hasPrefix("ATIF") == true || (d["steps"] is [Any] && d["agent"] != nil) { return atif(d, source: source) }
            if let h = d["full_msg_history"] as? [Any] { return messages(h.flatMap { ($0 as? [Any]) ?? [$0] }, source: source) }
            if let m = d["messages"] as? [Any] { return messages(m, source: source) }
            if let h = d["history"] as? [Any] { return messages(h.flatMap { ($0 as? [Any]) ?? [$0] }, source: source) }
            return Trajectory(format: .unknown, steps: [], problems: ["\(source): a JSON object without steps, messages or history"], source: source)
        }
        if let a = doc as? [Any] {
            if a.first is [Any] { return messages(a.flatMap { ($0 as? [Any]) ?? [] }, source: source) }
            if let first = a.first as? [String: Any], first["type"] != nil, first["role"] == nil { return jsonl(a, source: source) }
            return messages(a, source: source)
        }
        return Trajectory(format: .unknown, steps: [], problems: ["\(source): not a trajectory"], source: source)
    }

    // MARK: ATIF (Harbor) and triage's own recordings

    static func atif(_ d: [String: Any], source: String) -> Trajectory {
        var steps: [Step] = [], problems: [String] = []
        for (i, raw) in ((d["steps"] as? [Any]) ?? []).enumerated() {
            guard let s = raw as? [String: Any] else { problems.append("\(source): steps[\(i)] is not an object"); continue }
            let role = atifRole(s["source"] as? String ?? (s["message"] as? [String: Any])?["role"] as? String)
            var results: [String: String] = [:]
            for r in ((s["observation"] as? [String: Any])?["results"] as? [Any]) ?? [] {
                if let r = r as? [String: Any] { results[str(r["source_call_id"])] = str(r["content"]) }
            }
            let extra = s["extra"] as? [String: Any]
            let calls = ((s["tool_calls"] as? [Any]) ?? []).compactMap { $0 as? [String: Any] }.map { c -> Step.ToolCall in
                let id = str(c["tool_call_id"] ?? c["id"])
                let name = str(c["function_name"] ?? c["name"] ?? (c["function"] as? [String: Any])?["name"])
                if name.isEmpty { problems.append("\(source): step \(i + 1): a tool call without a name (kept as 'unnamed')") }
                return call(id, name.isEmpty ? "unnamed" : name, c["arguments"] ?? (c["function"] as? [String: Any])?["arguments"],
                            output: results[id], isError: (extra?["is_error"] as? Bool) ?? false)
            }
            let m = s["metrics"] as? [String: Any]
            steps.append(Step(index: steps.count + 1, role: role, text: str(s["message"]), reasoning: str(s["reasoning_content"]), toolCalls: calls,
                              inputTokens: m?["prompt_tokens"] as? Int, outputTokens: m?["completion_tokens"] as? Int, time: date(s["timestamp"])))
        }
        return Trajectory(format: .atif, steps: steps, problems: problems, source: source)
    }

    /// ATIF `source` (v1.7: system, user, agent) or a variant's `message.role` (v1.5: assistant, tool, ...).
    static func atifRole(_ r: String?) -> Step.Role {
        switch r { case "agent", "assistant": return .agent; case "system": return .system; case "tool": return .tool; default: return .user }
    }

    // MARK: message lists: Stirrup (v0.1, v0.2), OpenAI chat, Anthropic, Claude Code

    static func messages(_ list: [Any], source: String) -> Trajectory {
        var steps: [Step] = []
        var problems: [String] = []
        var format: Trajectory.Format = .openAI
        var pending: [String: (step: Int, call: Int)] = [:]
        func attach(_ id: String, _ content: String, _ isError: Bool) {
            guard let (s, c) = pending[id] else { return }
            steps[s].toolCalls[c].output = content
            steps[s].toolCalls[c].isError = isError
        }
        for (i, raw) in list.enumerated() {
            guard var m = raw as? [String: Any] else { problems.append("\(source): message \(i + 1) is not an object"); continue }
            // Claude Code wraps the Anthropic message.
            if let inner = m["message"] as? [String: Any], m["sessionId"] != nil || m["parentUuid"] != nil || m["uuid"] != nil {
                format = .claudeCode
                let t = m["timestamp"]
                m = inner; m["timestamp"] = t
            }
            let role = str(m["role"])
            switch role {
            case "system": steps.append(Step(index: steps.count + 1, role: .system, text: str(m["content"])))
            case "tool":
                let id = str(m["tool_call_id"])
                if m["args_was_valid"] != nil || m["success"] != nil { format = .stirrup }
                attach(id, str(m["content"]), (m["success"] as? Bool).map { !$0 } ?? false)
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
                        if str(b["type"]) == "tool_result" { attach(str(b["tool_use_id"]), str(b["content"]), (b["is_error"] as? Bool) ?? false) }
                        else { plain += str(b["text"]) }
                    }
                    if !plain.isEmpty { steps.append(Step(index: steps.count + 1, role: .user, text: plain)) }
                } else { steps.append(Step(index: steps.count + 1, role: .user, text: str(m["content"]))) }
            default:
                problems.append("\(source): message \(i + 1) has no known role")
            }
        }
        return Trajectory(format: format, steps: steps, problems: problems, source: source)
    }

    // MARK: JSONL event streams: Codex exec, Codex rollout, Claude Code

    static func jsonl(_ lines: [Any], source: String) -> Trajectory {
        let dicts = lines.compactMap { $0 as? [String: Any] }
        if dicts.contains(where: { $0["sessionId"] != nil || $0["parentUuid"] != nil }) { return messages(dicts, source: source) }
        if dicts.contains(where: { ["session_meta", "response_item", "event_msg", "turn_context"].contains(str($0["type"])) }) { return codexRollout(dicts, source: source) }
        if dicts.contains(where: { str($0["type"]).hasPrefix("item.") || str($0["type"]).hasPrefix("turn.") || str($0["type"]) == "thread.started" }) {
            return codexExec(dicts, source: source)
        }
        if dicts.contains(where: { $0["role"] != nil }) { return messages(dicts, source: source) }
        return Trajectory(format: .unknown, steps: [], problems: ["\(source): JSON lines of an unknown kind"], source: source)
    }

    static func codexExec(_ lines: [[String: Any]], source: String) -> Trajectory {
        var steps: [Step] = []
        for l in lines {
            let type = str(l["type"])
            if type == "turn.completed", let u = l["usage"] as? [String: Any], !steps.isEmpty {
                steps[steps.count - 1].inputTokens = u["input_tokens"] as? Int
                steps[steps.count - 1].outputTokens = u["output_tokens"] as? Int
            }
            guard type == "item.completed", let item = l["item"] as? [String: Any] else { continue }
            let id = str(item["id"])
            switch str(item["type"]) {
            case "reasoning": steps.append(Step(index: steps.count + 1, role: .agent, reasoning: str(item["text"])))
            case "agent_message": steps.append(Step(index: steps.count + 1, role: .agent, text: str(item["text"])))
            case "command_execution":
                let c = call(id, "shell", ["command": str(item["command"])], output: str(item["aggregated_output"]),
                             isError: (item["exit_code"] as? Int).map { $0 != 0 } ?? false)
                steps.append(Step(index: steps.count + 1, role: .agent, toolCalls: [c]))
            case "mcp_tool_call":
                let c = call(id, str(item["tool"]), item["arguments"], output: str(item["result"]))
                steps.append(Step(index: steps.count + 1, role: .agent, toolCalls: [c]))
            default: continue
            }
        }
        return Trajectory(format: .codexExec, steps: steps, problems: [], source: source)
    }

    static func codexRollout(_ lines: [[String: Any]], source: String) -> Trajectory {
        var steps: [Step] = []
        var pending: [String: (Int, Int)] = [:]
        for l in lines where str(l["type"]) == "response_item" || str(l["type"]) == "event_msg" {
            guard let p = l["payload"] as? [String: Any] else { continue }
            let t = date(l["timestamp"])
            switch str(p["type"]) {
            case "message":
                let role = str(p["role"])
                steps.append(Step(index: steps.count + 1, role: role == "assistant" ? .agent : role == "user" ? .user : .system, text: str(p["content"]), time: t))
            case "reasoning": steps.append(Step(index: steps.count + 1, role: .agent, reasoning: str(p["summary"]), time: t))
            case "function_call":
                let id = str(p["call_id"])
                pending[id] = (steps.count, 0)
                steps.append(Step(index: steps.count + 1, role: .agent,
                                  toolCalls: [call(id, str(p["name"]), p["arguments"])], time: t))
            case "function_call_output":
                if let (s, c) = pending[str(p["call_id"])] {
                    let out = p["output"]
                    steps[s].toolCalls[c].output = (out as? [String: Any]).map { str($0["content"] ?? $0["output"]) } ?? str(out)
                }
            case "token_count":
                if let info = p["info"] as? [String: Any], let last = info["last_token_usage"] as? [String: Any], !steps.isEmpty {
                    steps[steps.count - 1].inputTokens = last["input_tokens"] as? Int
                    steps[steps.count - 1].outputTokens = last["output_tokens"] as? Int
                }
            default: continue
            }
        }
        return Trajectory(format: .codexRollout, steps: steps, problems: [], source: source)
    }
}
