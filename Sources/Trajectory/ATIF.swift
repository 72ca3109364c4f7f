import Foundation

/// Harbor's Agent Trajectory Interchange Format (v1.7), as one Codable model: the replay reader decodes with it and
/// the session recorder encodes with it. Decoding is lenient as a reader must be: a field of the wrong type reads as
/// absent instead of failing the step, and the v1.5-era variants (`id`/`name`/`function` in tool calls, `message`
/// as `{role, content}`) are accepted. Encoding writes v1.7 field names only.
public enum ATIF {
    public static let schemaVersion = "ATIF-v1.7"

    /// Everything in the document but its steps.
    public struct Header: Codable, Sendable {
        public var schemaVersion: String
        public var sessionID: String?
        public var agent: Agent?
        public var extra: JSONValue?

        public init(schemaVersion: String = ATIF.schemaVersion, sessionID: String?, agent: Agent?, extra: JSONValue?) {
            self.schemaVersion = schemaVersion; self.sessionID = sessionID; self.agent = agent; self.extra = extra
        }
        enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version", sessionID = "session_id", agent, extra }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            schemaVersion = c.lenient(String.self, .schemaVersion) ?? ""
            sessionID = c.lenient(String.self, .sessionID)
            agent = c.lenient(Agent.self, .agent)
            extra = c.lenient(JSONValue.self, .extra)
        }
        /// `extra.snapshot`: the snapshot a triage recording was made on.
        public var snapshot: String? { extra?["snapshot"]?.string }
    }

    public struct Agent: Codable, Sendable {
        public var name: String
        public var version: String
        public var modelName: String?
        public init(name: String, version: String, modelName: String? = nil) { self.name = name; self.version = version; self.modelName = modelName }
        enum CodingKeys: String, CodingKey { case name, version, modelName = "model_name" }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            name = c.lenient(String.self, .name) ?? ""
            version = c.lenient(String.self, .version) ?? ""
            modelName = c.lenient(String.self, .modelName)
        }
    }

    /// `final_metrics`.
    public struct FinalMetrics: Codable, Sendable {
        public var totalSteps: Int
        public init(totalSteps: Int) { self.totalSteps = totalSteps }
        enum CodingKeys: String, CodingKey { case totalSteps = "total_steps" }
    }

    public struct Step: Codable, Sendable {
        public var stepID: Int?
        public var timestamp: String?
        /// system, user or agent (v1.7); older files put the role in `message.role`.
        public var source: String?
        public var message: JSONValue?
        public var reasoningContent: String?
        public var toolCalls: [ToolCall]?
        public var observation: Observation?
        public var metrics: Metrics?
        public var extra: StepExtra?

        public init(stepID: Int, timestamp: String?, source: String, message: String, toolCalls: [ToolCall]? = nil,
                    observation: Observation? = nil, extra: StepExtra? = nil) {
            self.stepID = stepID; self.timestamp = timestamp; self.source = source; self.message = .string(message)
            self.toolCalls = toolCalls; self.observation = observation; self.extra = extra
        }
        enum CodingKeys: String, CodingKey {
            case stepID = "step_id", timestamp, source, message, reasoningContent = "reasoning_content", toolCalls = "tool_calls"
            case observation, metrics, extra
        }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            stepID = c.lenient(Int.self, .stepID)
            timestamp = c.lenient(String.self, .timestamp)
            source = c.lenient(String.self, .source)
            message = c.lenient(JSONValue.self, .message)
            reasoningContent = c.lenient(JSONValue.self, .reasoningContent)?.text
            toolCalls = c.lenient([Lenient<ToolCall>].self, .toolCalls)?.compactMap(\.value)
            observation = c.lenient(Observation.self, .observation)
            metrics = c.lenient(Metrics.self, .metrics)
            extra = c.lenient(StepExtra.self, .extra)
        }

        /// The role: `source`, else the v1.5 variant's `message.role`.
        public var role: String? { source ?? message?["role"]?.string }
        /// The observation's result text for each call id.
        public var results: [String: String] {
            var out: [String: String] = [:]
            for r in observation?.results ?? [] { out[r.sourceCallID ?? ""] = r.content?.text ?? "" }
            return out
        }
    }

    public struct ToolCall: Codable, Sendable {
        public var toolCallID: String
        public var functionName: String
        public var arguments: JSONValue?
        public init(toolCallID: String, functionName: String, arguments: JSONValue?) {
            self.toolCallID = toolCallID; self.functionName = functionName; self.arguments = arguments
        }
        enum CodingKeys: String, CodingKey { case toolCallID = "tool_call_id", functionName = "function_name", arguments, id, name, function }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            let function = c.lenient(JSONValue.self, .function)
            toolCallID = c.lenient(String.self, .toolCallID) ?? c.lenient(String.self, .id) ?? ""
            functionName = c.lenient(String.self, .functionName) ?? c.lenient(String.self, .name) ?? function?["name"]?.string ?? ""
            arguments = c.lenient(JSONValue.self, .arguments) ?? function?["arguments"]
        }
        public func encode(to e: Encoder) throws {
            var c = e.container(keyedBy: CodingKeys.self)
            try c.encode(toolCallID, forKey: .toolCallID)
            try c.encode(functionName, forKey: .functionName)
            try c.encode(arguments ?? .object([:]), forKey: .arguments)
        }
    }

    public struct Observation: Codable, Sendable {
        public var results: [ObservationResult]?
        public init(results: [ObservationResult]) { self.results = results }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            results = c.lenient([Lenient<ObservationResult>].self, .results)?.compactMap(\.value)
        }
        enum CodingKeys: String, CodingKey { case results }
    }

    public struct ObservationResult: Codable, Sendable {
        public var sourceCallID: String?
        public var content: JSONValue?
        public init(sourceCallID: String, content: String) { self.sourceCallID = sourceCallID; self.content = .string(content) }
        enum CodingKeys: String, CodingKey { case sourceCallID = "source_call_id", content }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            sourceCallID = c.lenient(String.self, .sourceCallID)
            content = c.lenient(JSONValue.self, .content)
        }
    }

    public struct Metrics: Codable, Sendable {
        public var promptTokens: Int?
        public var completionTokens: Int?
        enum CodingKeys: String, CodingKey { case promptTokens = "prompt_tokens", completionTokens = "completion_tokens" }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            promptTokens = c.lenient(Int.self, .promptTokens)
            completionTokens = c.lenient(Int.self, .completionTokens)
        }
    }

    /// The step's `extra`: triage records each call's duration and whether it failed.
    public struct StepExtra: Codable, Sendable {
        public var durationMS: Int?
        public var isError: Bool?
        public init(durationMS: Int, isError: Bool) { self.durationMS = durationMS; self.isError = isError }
        enum CodingKeys: String, CodingKey { case durationMS = "duration_ms", isError = "is_error" }
        public init(from d: Decoder) throws {
            let c = try d.container(keyedBy: CodingKeys.self)
            durationMS = c.lenient(Int.self, .durationMS)
            isError = c.lenient(Bool.self, .isError)
        }
    }

    /// One line of compact JSON, keys sorted, slashes unescaped (triage's JSON convention).
    public static func encodeLine<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}

/// An element that reads as nil instead of failing its whole list.
struct Lenient<T: Decodable>: Decodable {
    let value: T?
    init(from d: Decoder) throws { value = try? T(from: d) }
}

extension KeyedDecodingContainer {
    /// The value under `key`, or nil when it is absent, null or of another type.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? { (try? decodeIfPresent(type, forKey: key)) ?? nil }
}
