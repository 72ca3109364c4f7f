import Foundation

/// A fast path for ATIF files (triage's own recordings, Harbor): typed decoding with `JSONDecoder`, about 2.5×
/// faster than building a `JSONSerialization` tree for a multi-megabyte trajectory.
enum ATIFDecoder {
    /// Any JSON value (tool arguments are free-form).
    enum Value: Decodable {
        case string(String), number(Double), int(Int), bool(Bool), null, array([Value]), object([String: Value])
        init(from d: Decoder) throws {
            let c = try d.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let i = try? c.decode(Int.self) { self = .int(i) }
            else if let x = try? c.decode(Double.self) { self = .number(x) }
            else if let a = try? c.decode([Value].self) { self = .array(a) }
            else { self = .object(try c.decode([String: Value].self)) }
        }
        var any: Any {
            switch self {
            case .string(let s): return s
            case .number(let x): return x
            case .int(let i): return i
            case .bool(let b): return b
            case .null: return NSNull()
            case .array(let a): return a.map(\.any)
            case .object(let o): return o.mapValues(\.any)
            }
        }
        var text: String {
            switch self {
            case .string(let s): return s
            case .array(let a): return a.map(\.text).joined(separator: "\n")
            case .object(let o): return o["text"]?.text ?? o["content"]?.text ?? ""
            case .int(let i): return String(i)
            case .number(let x): return String(x)
            case .bool(let b): return String(b)
            case .null: return ""
            }
        }
    }
    struct Result: Decodable { let source_call_id: String?; let content: Value? }
    struct Observation: Decodable { let results: [Result]? }
    struct Call: Decodable { let tool_call_id: String?; let function_name: String?; let arguments: Value?; let id: String?; let name: String? }
    struct Metrics: Decodable { let prompt_tokens: Int?; let completion_tokens: Int? }
    struct Extra: Decodable { let is_error: Bool? }
    struct StepDoc: Decodable {
        let source: String?; let message: Value?; let reasoning_content: String?; let timestamp: String?
        let tool_calls: [Call]?; let observation: Observation?; let metrics: Metrics?; let extra: Extra?
    }
    struct Root: Decodable { let schema_version: String; let steps: [StepDoc] }

    static func decode(_ data: Data, source: String) -> Trajectory? {
        guard let head = String(data: data.prefix(4096), encoding: .utf8), head.contains("ATIF"),
              let root = try? JSONDecoder().decode(Root.self, from: data), root.schema_version.hasPrefix("ATIF") else { return nil }
        var steps: [Step] = [], problems: [String] = []
        steps.reserveCapacity(root.steps.count)
        for s in root.steps {
            var results: [String: String] = [:]
            for r in s.observation?.results ?? [] { results[r.source_call_id ?? ""] = r.content?.text ?? "" }
            let calls = (s.tool_calls ?? []).map { c -> Step.ToolCall in
                let id = c.tool_call_id ?? c.id ?? ""
                let name = c.function_name ?? c.name ?? ""
                if name.isEmpty { problems.append("\(source): step \(steps.count + 1): a tool call without a name (kept as 'unnamed')") }
                return TrajectoryReader.call(id, name.isEmpty ? "unnamed" : name, c.arguments?.any, output: results[id], isError: s.extra?.is_error ?? false)
            }
            var messageRole: String? = nil
            if case .object(let o)? = s.message, case .string(let r)? = o["role"] { messageRole = r }
            let role = TrajectoryReader.atifRole(s.source ?? messageRole)
            steps.append(Step(index: steps.count + 1, role: role, text: s.message?.text ?? "", reasoning: s.reasoning_content ?? "", toolCalls: calls,
                              inputTokens: s.metrics?.prompt_tokens, outputTokens: s.metrics?.completion_tokens, time: TrajectoryReader.date(s.timestamp)))
        }
        return Trajectory(format: .atif, steps: steps, problems: problems, source: source)
    }
}
