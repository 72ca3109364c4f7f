import Foundation

/// One step of an agent trajectory, in the shape every format is read into.
public struct Step: Sendable {
    public enum Role: String, Sendable, Codable { case system, user, agent, tool }
    public struct ToolCall: Sendable {
        public var id: String
        public var name: String
        /// Arguments as JSON text.
        public var arguments: String
        /// Scalar arguments as text (filled at parse time, so labels need no JSON decoding).
        public var fields: [String: String] = [:]
        /// The tool's output, when the trajectory holds it; a large one is read back from the file each time it is
        /// asked for (see `outputText`), so a long trajectory does not sit in memory.
        public var output: String? {
            get { outputText?.value }
            set { outputText = newValue.map { .inline($0) } }
        }
        public var outputText: LazyText?
        /// Whether the trajectory holds an output for the call (without reading it).
        public var hasOutput: Bool { outputText != nil }
        public var isError: Bool

        public init(id: String, name: String, arguments: String, fields: [String: String] = [:], output: String? = nil, isError: Bool = false) {
            self.id = id; self.name = name; self.arguments = arguments; self.fields = fields; self.isError = isError
            outputText = output.map { .inline($0) }
        }
    }
    public var index: Int
    public var role: Role
    public var text: String
    public var reasoning: String
    public var toolCalls: [ToolCall]
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var time: Date?

    public init(index: Int, role: Role, text: String = "", reasoning: String = "", toolCalls: [ToolCall] = [],
                inputTokens: Int? = nil, outputTokens: Int? = nil, time: Date? = nil) {
        self.index = index; self.role = role; self.text = text; self.reasoning = reasoning; self.toolCalls = toolCalls
        self.inputTokens = inputTokens; self.outputTokens = outputTokens; self.time = time
    }
}

extension Step.ToolCall {
    /// The arguments decoded to a dictionary (empty when not a JSON object).
    public var argumentObject: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(arguments.utf8))) as? [String: Any] ?? [:]
    }

    /// Scalar arguments as text (from `fields`, else decoded).
    public var textArguments: [String: String] {
        if !fields.isEmpty { return fields }
        var out: [String: String] = [:]
        for (k, v) in argumentObject {
            if let s = v as? String { out[k] = s } else if let a = v as? [String] { out[k] = a.joined(separator: " ") } else if !(v is [String: Any]) { out[k] = "\(v)" }
        }
        return out
    }

    /// A one-line label: the shell command, or `name(args)`.
    public var shortLabel: String {
        let a = textArguments
        if let cmd = a["cmd"] ?? a["command"] { return cmd }
        let args = a.keys.sorted().map { k in "\(k)=\(a[k] ?? "")" }.joined(separator: " ")
        return args.isEmpty ? name : "\(name) \(args)"
    }
}
