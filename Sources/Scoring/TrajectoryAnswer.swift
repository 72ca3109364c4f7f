import Foundation

/// The final answer of an agent trajectory: the arguments of its last finish / submit tool call, or the last
/// assistant text that holds a JSON answer. The entry point replay uses to score a run.
public enum TrajectoryAnswer {
    static let finishTools: Set<String> = ["finish", "submit", "submit_root_causes", "final_answer", "submit_answer"]

    /// From a parsed JSON document (ATIF `steps`, a message list, Stirrup `history`/`messages`); nil when not a trajectory.
    public static func extract(from json: Any, source: String) throws -> Submission? {
        var candidates: [(String, Any)] = []   // (where, answer-bearing value), in order
        walk(json, path: "$", into: &candidates)
        for (path, value) in candidates.reversed() {
            if let s = try? Submission.fromJSON(value, source: "\(source) \(path)"), !s.entities.isEmpty {
                return Submission(format: .trajectory, entities: s.entities, source: "\(source) \(path)")
            }
        }
        return nil
    }

    /// From JSONL (one event or message per line).
    public static func extract(fromLines text: String, source: String) throws -> Submission? {
        var docs: [Any] = []
        for line in text.split(separator: "\n") {
            if let d = try? JSONSerialization.jsonObject(with: Data(line.utf8)) { docs.append(d) }
        }
        guard !docs.isEmpty else { return nil }
        return try extract(from: docs, source: source)
    }

    /// Collects tool-call arguments of finish-like tools and JSON found in text, in document order.
    static func walk(_ v: Any, path: String, into out: inout [(String, Any)]) {
        if let d = v as? [String: Any] {
            let name = (d["name"] as? String) ?? (d["function_name"] as? String) ?? ((d["function"] as? [String: Any])?["name"] as? String)
            if let name, finishTools.contains(name) {
                let args = d["arguments"] ?? d["input"] ?? d["args"] ?? (d["function"] as? [String: Any])?["arguments"]
                if let s = args as? String, let parsed = try? JSONSerialization.jsonObject(with: Data(s.utf8)) { out.append((path, unwrap(parsed))) }
                else if let a = args { out.append((path, unwrap(a))) }
            }
            for k in d.keys.sorted() { walk(d[k]!, path: "\(path).\(k)", into: &out) }
        } else if let a = v as? [Any] {
            for (i, x) in a.enumerated() { walk(x, path: "\(path)[\(i)]", into: &out) }
        } else if let s = v as? String, s.contains("root_causes") || s.contains("\"entities\"") || s.contains("[\"") {
            for block in jsonBlocks(in: s) { out.append((path, block)) }
        }
    }

    /// `{"answer": [...]}` / `{"root_causes": ...}` / a bare list.
    static func unwrap(_ v: Any) -> Any {
        if let d = v as? [String: Any] {
            for k in ["answer", "root_causes_list", "result", "final_answer"] { if let x = d[k] { return x } }
        }
        return v
    }

    /// JSON objects or arrays embedded in text (e.g. a fenced block in the final message).
    static func jsonBlocks(in s: String) -> [Any] {
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
