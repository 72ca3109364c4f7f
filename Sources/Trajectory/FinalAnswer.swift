import Foundation
import Snapshot

/// A place in a trajectory that may hold the final answer, as a JSON value to be read as a submission.
public struct AnswerCandidate {
    /// The step it came from (1-based).
    public var step: Int
    /// How the agent gave it: "finish call", "wrote agent_output.json (apply_patch)", "message text".
    public var how: String
    public var value: Any
}

extension Trajectory {
    static let finishTools: Set<String> = ["finish", "submit", "submit_root_causes", "final_answer", "submit_answer"]

    /// Whether a tool call ends the run with an answer: a finish or submit tool, or triage's submit tool under the
    /// prefix an MCP client gives it (`mcp__triage__submit_root_causes`, `triage_submit_root_causes`). The one rule
    /// for finding the answer and for judging how a run ended.
    public static func isFinishCall(_ name: String) -> Bool {
        finishTools.contains(name) || name.hasSuffix("submit_root_causes")
    }

    /// Every place that may hold the final answer, in document order (the last readable one is the answer):
    /// finish and submit calls; answer files the agent wrote (apply_patch, a shell heredoc, echo or printf into a
    /// `.json` file, a Write tool); a Stirrup `finish` naming files with `paths` (the content it wrote earlier, else the
    /// file under `baseDirectory`); JSON in the agent's messages.
    public func answerCandidates(baseDirectory: String? = nil) -> [AnswerCandidate] {
        var out: [AnswerCandidate] = []
        var written: [String: String] = [:]   // file name → last content written
        func add(_ step: Int, _ how: String, json text: String) {
            if let v = try? JSONSerialization.jsonObject(with: Data(text.utf8)) { out.append(AnswerCandidate(step: step, how: how, value: Self.unwrap(v))) }
        }
        for s in steps {
            if s.role == .agent {
                for block in Self.jsonBlocks(in: s.text) { out.append(AnswerCandidate(step: s.index, how: "message text", value: Self.unwrap(block))) }
            }
            for c in s.toolCalls {
                let args = c.argumentObject
                if Self.isFinishCall(c.name) {
                    if let paths = args["paths"] as? [String], args["root_causes"] == nil, args["entities"] == nil, args["answer"] == nil {
                        for p in paths {
                            let name = (p as NSString).lastPathComponent
                            if let content = written[name] { add(s.index, "\(c.name) names \(p), written earlier", json: content) }
                            else if let dir = baseDirectory, let d = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(p)) {
                                add(s.index, "\(c.name) names \(p), read beside the trajectory", json: String(decoding: d, as: UTF8.self))
                            }
                        }
                    } else if !args.isEmpty {
                        out.append(AnswerCandidate(step: s.index, how: "\(c.name) call", value: Self.unwrap(args)))
                    } else if let v = try? JSONSerialization.jsonObject(with: Data(c.arguments.utf8)) {
                        out.append(AnswerCandidate(step: s.index, how: "\(c.name) call", value: Self.unwrap(v)))
                    }
                    continue
                }
                for (file, content, how) in Self.fileWrites(c) {
                    written[(file as NSString).lastPathComponent] = content
                    if file.hasSuffix(".json") { add(s.index, "wrote \(file) (\(how))", json: content) }
                }
            }
        }
        return out
    }

    /// Files a tool call writes, with their content: (path, content, how).
    static func fileWrites(_ c: Step.ToolCall) -> [(String, String, String)] {
        let a = c.argumentObject
        var out: [(String, String, String)] = []
        // A Write tool (Claude Code) and similar: an explicit path and content.
        if let path = (a["file_path"] ?? a["path"]) as? String, let content = (a["content"] ?? a["text"]) as? String, c.name.lowercased().contains("write") {
            out.append((path, content, c.name))
        }
        var texts: [String] = []
        if c.name == "apply_patch" { texts.append((a["input"] as? String) ?? (a["patch"] as? String) ?? c.arguments) }
        if let cmd = a["cmd"] ?? a["command"] {
            texts.append((cmd as? [String])?.joined(separator: " ") ?? (cmd as? String) ?? "")
        }
        for t in texts {
            out += patchAdds(t).map { ($0.0, $0.1, "apply_patch") }
            out += shellWrites(t)
        }
        return out
    }

    /// `*** Add File: PATH` sections of an apply_patch text, with their `+` lines as content.
    static func patchAdds(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        var file: String? = nil, lines: [String] = []
        func flush() { if let f = file { out.append((f, lines.joined(separator: "\n"))) }; file = nil; lines = [] }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = String(raw)
            if l.hasPrefix("*** ") { flush(); if l.hasPrefix("*** Add File: ") { file = String(l.dropFirst(14)).trimmingCharacters(in: .whitespaces) }; continue }
            if file != nil, l.hasPrefix("+") { lines.append(String(l.dropFirst())) }
        }
        flush()
        return out
    }

    /// Shell writes: `cat > F <<'EOF' … EOF` (either order, `tee F`), and `echo '…' > F` / `printf '…' > F`.
    static let heredocRegex = try! NSRegularExpression(pattern:
        #"(?s)(?:cat|tee)\s*(?:>{1,2}\s*)?([^\s<>|;&'"]*)\s*<<-?\s*['"]?(\w+)['"]?\s*(?:>{1,2}\s*([^\s<>|;&'"]+))?[^\n]*\n(.*?)\n\s*\2\b"#)
    static let echoRegex = try! NSRegularExpression(pattern: #"(?s)(?:echo|printf)\s+(?:-[en]+\s+)?'([^']*)'\s*>{1,2}\s*([^\s<>|;&'"]+)"#)

    static func shellWrites(_ cmd: String) -> [(String, String, String)] {
        var out: [(String, String, String)] = []
        // Only commands that can write a file, and not megabytes of them (the heredoc pattern is quadratic at worst).
        guard cmd.utf8.count <= 256 << 10, ByteSearch.contains(cmd, ">") || ByteSearch.contains(cmd, "tee") else { return [] }
        let candidates = [(heredocRegex, true), (echoRegex, false)].filter { $0.1 ? ByteSearch.contains(cmd, "<<") : ByteSearch.contains(cmd, "'") }
        for (rx, isHeredoc) in candidates {
            for m in rx.matches(in: cmd, range: NSRange(cmd.startIndex..., in: cmd)) {
                func g(_ i: Int) -> String? { Range(m.range(at: i), in: cmd).map { String(cmd[$0]) } }
                if isHeredoc {
                    let file = [g(1), g(3)].compactMap { $0 }.first { !$0.isEmpty }
                    if let file, let body = g(4) { out.append((file, body, "shell heredoc")) }
                } else if let body = g(1), let file = g(2) {
                    out.append((file, body, "shell echo"))
                }
            }
        }
        return out
    }

    /// `{"answer": [...]}` / `{"result": ...}` / `{"final_answer": ...}` → the inner value.
    static func unwrap(_ v: Any) -> Any {
        if let d = v as? [String: Any] {
            for k in ["answer", "root_causes_list", "result", "final_answer"] { if let x = d[k] { return x } }
        }
        return v
    }

    /// JSON objects or arrays embedded in text (e.g. a fenced block in the final message).
    public static func jsonBlocks(in s: String) -> [Any] {
        guard s.contains("{") || s.contains("[") else { return [] }
        var out: [Any] = []
        let chars = Array(s.utf8)
        var i = 0
        while i < chars.count {
            if chars[i] == UInt8(ascii: "{") || chars[i] == UInt8(ascii: "[") {
                var depth = 0, j = i, inString = false
                while j < chars.count {
                    let c = chars[j]
                    if inString { if c == UInt8(ascii: "\\") { j += 1 } else if c == UInt8(ascii: "\"") { inString = false } }
                    else if c == UInt8(ascii: "\"") { inString = true }
                    else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
                    else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                if j < chars.count, let v = try? JSONSerialization.jsonObject(with: Data(chars[i...j])) { out.append(v); i = j + 1; continue }
            }
            i += 1
        }
        return out
    }
}
