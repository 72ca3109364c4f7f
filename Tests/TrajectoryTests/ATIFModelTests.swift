import Foundation
import Testing
@testable import Trajectory

/// The one ATIF model: what it writes it reads back unchanged, and it reads the variants other harnesses write.
@Suite struct ATIFModelTests {
    @Test func encodesV17AndReadsItBack() throws {
        let step = ATIF.Step(stepID: 3, timestamp: "2026-12-03T10:00:00.123Z", source: "agent", message: "",
                             toolCalls: [ATIF.ToolCall(toolCallID: "call_3", functionName: "logs",
                                                       arguments: .object(["service": .string("cart"), "limit": .int(5), "errors": .bool(true)]))],
                             observation: ATIF.Observation(results: [ATIF.ObservationResult(sourceCallID: "call_3", content: "a/b \"quoted\"")]),
                             extra: ATIF.StepExtra(durationMS: 12, isError: true))
        let line = try ATIF.encodeLine(step)
        #expect(!line.contains("\n") && line.contains(#""tool_call_id":"call_3""#) && line.contains("a/b") && !line.contains(#"a\/b"#))
        #expect(!line.contains(#""id""#) && !line.contains(#""function""#))   // v1.7 names only
        let back = try JSONDecoder().decode(ATIF.Step.self, from: Data(line.utf8))
        #expect(back.stepID == 3 && back.role == "agent" && back.extra?.isError == true && back.extra?.durationMS == 12)
        #expect(back.toolCalls?.first?.arguments == step.toolCalls?.first?.arguments)
        #expect(back.results == ["call_3": "a/b \"quoted\""])
        #expect(try ATIF.encodeLine(back) == line)
    }

    @Test func readsOlderVariantsAndBadFieldsLeniently() throws {
        let text = """
        {"step_id": "seven", "message": {"role": "assistant", "content": [{"type": "text", "text": "hi"}]},
         "tool_calls": [{"id": "x1", "function": {"name": "alerts", "arguments": "{\\"limit\\": 2}"}}, 42, {"id": "x2", "name": "logs", "arguments": {}}],
         "observation": {"results": [{"source_call_id": "x1", "content": [{"type": "text", "text": "out"}]}, "junk"]},
         "metrics": {"prompt_tokens": "many", "completion_tokens": 9}, "extra": {"is_error": "no"}}
        """
        let s = try JSONDecoder().decode(ATIF.Step.self, from: Data(text.utf8))
        #expect(s.stepID == nil && s.role == "assistant" && s.message?.text == "hi")
        #expect(s.toolCalls?.map(\.functionName) == ["alerts", "logs"] && s.toolCalls?.map(\.toolCallID) == ["x1", "x2"])
        #expect(s.toolCalls?.first?.arguments == .string(#"{"limit": 2}"#))
        #expect(s.results == ["x1": "out"])
        #expect(s.metrics?.promptTokens == nil && s.metrics?.completionTokens == 9 && s.extra?.isError == nil)
        // Through the reader, the string arguments are decoded into fields.
        let doc = #"{"schema_version": "ATIF-v1.5", "agent": {"name": "a", "version": "1"}, "steps": ["# + text + "]}"
        let t = try TrajectoryReader.parse(Data(doc.utf8))
        #expect(t.format == .atif && t.steps.count == 1 && t.steps[0].role == .agent)
        #expect(t.steps[0].toolCalls.first?.fields["limit"] == "2" && t.steps[0].toolCalls.first?.output == "out")
    }

    @Test func headerCarriesTheSnapshot() throws {
        let h = try JSONDecoder().decode(ATIF.Header.self, from: Data(#"{"schema_version": "ATIF-v1.7", "session_id": 5, "extra": {"snapshot": "/s"}}"#.utf8))
        #expect(h.schemaVersion == "ATIF-v1.7" && h.sessionID == nil && h.snapshot == "/s" && h.agent == nil)
    }
}
