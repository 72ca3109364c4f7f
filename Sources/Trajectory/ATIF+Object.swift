import Foundation

/// The ATIF model read from a `JSONSerialization` object, with the same lenient rules as its `Decodable` inits (a
/// field of the wrong type reads as absent, a list element that is not an object is dropped, the v1.5 variants are
/// accepted) and the same values: `JSONSerialization` and a conversion are four times faster than `JSONDecoder`
/// through `JSONValue`, which is most of reading a large trajectory. `ATIFObjectTests` holds the two readings equal.
extension ATIF.Step {
    /// The step in `data` (one JSON object); nil when it is not JSON, or not an object.
    static func read(_ data: Data) -> ATIF.Step? {
        ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]).map(ATIF.Step.init(object:))
    }

    init(object o: [String: Any]) {
        stepID = JSONValue.int(o["step_id"])
        timestamp = o["timestamp"] as? String
        source = o["source"] as? String
        message = JSONValue(present: o["message"])
        reasoningContent = JSONValue(present: o["reasoning_content"])?.text
        toolCalls = (o["tool_calls"] as? [Any])?.compactMap { ($0 as? [String: Any]).map(ATIF.ToolCall.init(object:)) }
        observation = (o["observation"] as? [String: Any]).map(ATIF.Observation.init(object:))
        metrics = (o["metrics"] as? [String: Any]).map(ATIF.Metrics.init(object:))
        extra = (o["extra"] as? [String: Any]).map(ATIF.StepExtra.init(object:))
    }
}

extension ATIF.Observation {
    init(object o: [String: Any]) {
        results = (o["results"] as? [Any])?.compactMap { ($0 as? [String: Any]).map(ATIF.ObservationResult.init(object:)) }
    }
}

extension ATIF.Metrics {
    init(object o: [String: Any]) {
        promptTokens = JSONValue.int(o["prompt_tokens"])
        completionTokens = JSONValue.int(o["completion_tokens"])
    }
}

extension ATIF.StepExtra {
    init(object o: [String: Any]) {
        durationMS = JSONValue.int(o["duration_ms"])
        isError = JSONValue.bool(o["is_error"])
    }
}

extension ATIF.ToolCall {
    init(object o: [String: Any]) {
        let function = JSONValue(present: o["function"])
        toolCallID = o["tool_call_id"] as? String ?? o["id"] as? String ?? ""
        functionName = o["function_name"] as? String ?? o["name"] as? String ?? function?["name"]?.string ?? ""
        arguments = JSONValue(present: o["arguments"]) ?? function?["arguments"]
    }
}

extension ATIF.ObservationResult {
    init(object o: [String: Any]) {
        sourceCallID = o["source_call_id"] as? String
        content = JSONValue(present: o["content"])
    }
}

extension JSONValue {
    /// A member as `decodeIfPresent` reads it: nil when absent or null.
    init?(present v: Any?) {
        guard let v, !(v is NSNull) else { return nil }
        self.init(any: v)
    }

    /// A `JSONSerialization` value as `JSONDecoder` would decode it into `JSONValue`: booleans as `.bool`, numbers that
    /// are whole and fit an `Int` as `.int` (`4.0` and `1e2` too), other numbers as `.number`.
    init(any v: Any) {
        switch v {
        case let s as String: self = .string(s)
        case let n as NSNumber:
            if n.isJSONBoolean { self = .bool(n.boolValue) }
            else if let i = n as? Int { self = .int(i) }
            else { self = .number(n.doubleValue) }
        case let a as [Any]: self = .array(a.map(JSONValue.init(any:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init(any:)))
        default: self = .null
        }
    }

    /// An `Int` member as `decodeIfPresent(Int.self)` reads it: a whole number in range, never a boolean.
    static func int(_ v: Any?) -> Int? {
        guard let n = v as? NSNumber, !n.isJSONBoolean else { return nil }
        return n as? Int
    }

    /// A `Bool` member as `decodeIfPresent(Bool.self)` reads it: `true` or `false` only.
    static func bool(_ v: Any?) -> Bool? {
        guard let n = v as? NSNumber, n.isJSONBoolean else { return nil }
        return n.boolValue
    }
}
