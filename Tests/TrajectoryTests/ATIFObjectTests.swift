import Foundation
import Testing
@testable import Trajectory

/// The reader builds ATIF steps from `JSONSerialization` objects (`ATIF.Step(object:)`) instead of `JSONDecoder`:
/// both readings must give the same step for every field of every type, the v1.5 variants and wrong types included.
@Suite struct ATIFObjectTests {
    /// Values of every JSON kind, each the right type for some field and the wrong one for others.
    static let pool = [#""text""#, #""""#, "7", "7.0", "7.5", "-0", "1e2", "12345678901234567890", "true", "false", "null",
                       #"[{"type": "text", "text": "hi"}, "x"]"#, #"{"role": "assistant", "content": "c"}"#, #"{"name": "n", "arguments": {"a": 1}}"#,
                       #"{"limit": 2, "ok": true, "tags": ["a", 1.5, null], "nested": {"k": [[]]}}"#, #""{\"limit\": 2}""#, "[]", "{}"]

    static func same(_ a: ATIF.Step, _ b: ATIF.Step) -> Bool {
        guard a.stepID == b.stepID, a.timestamp == b.timestamp, a.source == b.source, a.message == b.message,
              a.reasoningContent == b.reasoningContent, a.metrics?.promptTokens == b.metrics?.promptTokens,
              a.metrics?.completionTokens == b.metrics?.completionTokens, (a.metrics == nil) == (b.metrics == nil),
              a.extra?.durationMS == b.extra?.durationMS, a.extra?.isError == b.extra?.isError, (a.extra == nil) == (b.extra == nil),
              (a.observation == nil) == (b.observation == nil),
              a.observation?.results?.map(\.sourceCallID) == b.observation?.results?.map(\.sourceCallID),
              a.observation?.results?.map(\.content) == b.observation?.results?.map(\.content),
              a.toolCalls?.map(\.toolCallID) == b.toolCalls?.map(\.toolCallID),
              a.toolCalls?.map(\.functionName) == b.toolCalls?.map(\.functionName),
              a.toolCalls?.map(\.arguments) == b.toolCalls?.map(\.arguments) else { return false }
        return true
    }

    static func check(_ text: String) -> Bool {
        let data = Data(text.utf8)
        let decoded = try? JSONDecoder().decode(ATIF.Step.self, from: data)
        let read = ATIF.Step.read(data)
        switch (decoded, read) {
        case (nil, nil): return true
        case let (a?, b?): return same(a, b)
        default: return false
        }
    }

    @Test func everyFieldOfEveryTypeReadsAsJSONDecoderReadsIt() {
        let fields = ["step_id", "timestamp", "source", "message", "reasoning_content"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<1500 {
            func any() -> String { Self.pool.randomElement(using: &g)! }
            var members = fields.filter { _ in Bool.random(using: &g) }.map { "\"\($0)\": \(any())" }
            let call = ["tool_call_id", "id", "function_name", "name", "function", "arguments"].filter { _ in Bool.random(using: &g) }
                .map { "\"\($0)\": \(any())" }.joined(separator: ", ")
            if Bool.random(using: &g) { members.append(#""tool_calls": [{\#(call)}, \#(any())]"#) }
            if Bool.random(using: &g) { members.append(#""observation": {"results": [{"source_call_id": \#(any()), "content": \#(any())}, \#(any())]}"#) }
            if Bool.random(using: &g) { members.append(#""metrics": {"prompt_tokens": \#(any()), "completion_tokens": \#(any())}"#) }
            if Bool.random(using: &g) { members.append(#""extra": {"duration_ms": \#(any()), "is_error": \#(any())}"#) }
            if Bool.random(using: &g) { members.append("\"observation\": \(any())") }
            members = Dictionary(members.map { ($0.prefix { $0 != ":" }, $0) }, uniquingKeysWith: { a, _ in a }).values.shuffled(using: &g)
            let text = "{" + members.joined(separator: ", ") + "}"
            #expect(Self.check(text), "\(text)")
        }
        for whole in ["42", "[1]", #""s""#, "null", "{"] { #expect(Self.check(whole), "\(whole)") }
    }

    /// A key given twice: the last one counts, as in Python's json and in every other format the reader reads
    /// (JSONDecoder took the first).
    @Test func aRepeatedKeyReadsAsItsLastValue() {
        let s = ATIF.Step.read(Data(#"{"source": "user", "step_id": 1, "source": "agent"}"#.utf8))
        #expect(s?.source == "agent" && s?.stepID == 1)
    }
}
