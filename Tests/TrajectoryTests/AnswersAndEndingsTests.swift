import Foundation
import Testing
import Scoring
@testable import Trajectory

/// Answers written through file-writing tool calls, how runs end, their full duration, and ATIF variants (issue 13).
@Suite struct AnswersAndEndingsTests {
    static let root = "otel-demo/NetworkPolicy/frontend-block-all-ports"
    static func parse(_ s: String, _ name: String = "t.jsonl") throws -> Trajectory { try TrajectoryReader.parse(Data(s.utf8), source: name) }
    static func answer(_ s: String, _ name: String = "t.jsonl") throws -> Submission { try Submission.parse(Data(s.utf8), source: name) }
    static func q(_ s: String) -> String {
        let d = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
        return String(String(decoding: d, as: UTF8.self).dropFirst().dropLast())
    }

    @Test func anAnswerWrittenWithApplyPatchIsTheFinalAnswer() throws {
        // IBM's Zero agent (Codex) writes agent_output.json with apply_patch; the last message is prose.
        let patch = "*** Begin Patch\n*** Add File: agent_output.json\n+{\"entities\": [{\"name\": \"\(Self.root)\", \"contributing_factor\": true},\n+ {\"name\": \"otel-demo/Service/frontend\", \"contributing_factor\": false}]}\n*** End Patch"
        let callArgs = String(decoding: try JSONSerialization.data(withJSONObject: ["input": patch]), as: UTF8.self)
        let text = """
        {"timestamp": "2026-01-15T10:00:00.000Z", "type": "session_meta", "payload": {"id": "s"}}
        {"timestamp": "2026-01-15T10:00:01.000Z", "type": "response_item", "payload": {"type": "function_call", "name": "apply_patch", "call_id": "c1", "arguments": \(Self.q(callArgs))}}
        {"timestamp": "2026-01-15T10:00:02.000Z", "type": "response_item", "payload": {"type": "function_call_output", "call_id": "c1", "output": "Success"}}
        {"timestamp": "2026-01-15T10:00:03.000Z", "type": "response_item", "payload": {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "Done: the network policy blocks the frontend."}]}}
        {"timestamp": "2026-01-15T10:00:04.000Z", "type": "event_msg", "payload": {"type": "task_complete"}}
        {"timestamp": "2026-01-15T10:01:30.000Z", "type": "event_msg", "payload": {"type": "token_count", "info": {"last_token_usage": {"input_tokens": 5, "output_tokens": 1}}}}
        """
        let sub = try Self.answer(text)
        #expect(sub.entities == [Self.root])
        #expect(sub.source.contains("wrote agent_output.json (apply_patch)"))
        let t = try Self.parse(text)
        #expect(t.ending == .finished)
        // The duration covers the trailing token_count event, 90 s after the start.
        #expect(t.endTime!.timeIntervalSince(t.startTime!) == 90)
    }

    @Test func anAnswerWrittenWithAShellHeredocIsTheFinalAnswer() throws {
        let cmd = "/bin/bash -lc 'cat > agent_output.json <<EOF\n{\"entities\": [{\"name\": \"\(Self.root)\", \"contributing_factor\": \"true\"}]}\nEOF'"
        let item = String(decoding: try JSONSerialization.data(withJSONObject: ["id": "i1", "type": "command_execution", "command": cmd,
                                                                               "aggregated_output": "", "exit_code": 0, "status": "completed"]), as: UTF8.self)
        let text = """
        {"type": "thread.started", "thread_id": "t"}
        {"type": "turn.started"}
        {"type": "item.completed", "item": \(item)}
        {"type": "item.completed", "item": {"id": "i2", "type": "agent_message", "text": "I wrote the answer file."}}
        {"type": "turn.completed", "usage": {"input_tokens": 10, "output_tokens": 2}}
        """
        let sub = try Self.answer(text)
        #expect(sub.entities == [Self.root], "\(sub.entities)")
        #expect(sub.source.contains("shell heredoc"))
        #expect(try Self.parse(text).ending == .finished)
    }

    @Test func stirrupFinishWithPathsReadsTheFileItWrote() throws {
        let cmd = "cat > answer.json << 'END'\n{\"root_causes\": [\"\(Self.root)\"]}\nEND"
        let write = String(decoding: try JSONSerialization.data(withJSONObject: ["cmd": cmd]), as: UTF8.self)
        let text = """
        [{"role": "user", "content": "task"},
         {"role": "assistant", "blocks": [{"kind": "tool_call", "name": "code_exec", "arguments": \(Self.q(write)), "tool_call_id": "c1"}]},
         {"role": "tool", "content": "<exit_code>0</exit_code>", "tool_call_id": "c1", "name": "code_exec", "success": true},
         {"role": "assistant", "blocks": [{"kind": "tool_call", "name": "finish", "arguments": "{\\"reason\\": \\"done\\", \\"paths\\": [\\"answer.json\\"]}", "tool_call_id": "c2"}]}]
        """
        let sub = try Self.answer(text, "run.json")
        #expect(sub.entities == [Self.root], "\(sub.entities)")
        #expect(sub.source.contains("finish names answer.json, written earlier"))
        // Without the write, the file beside the trajectory is read.
        let dir = NSTemporaryDirectory() + "triage-paths-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"["otel-demo/ConfigMap/flagd-config"]"#.write(toFile: dir + "/answer.json", atomically: true, encoding: .utf8)
        let onlyFinish = """
        [{"role": "user", "content": "task"},
         {"role": "assistant", "blocks": [{"kind": "tool_call", "name": "finish", "arguments": "{\\"reason\\": \\"r\\", \\"paths\\": [\\"answer.json\\"]}", "tool_call_id": "c2"}]}]
        """
        #expect(try Self.answer(onlyFinish, dir + "/run.json").entities == ["otel-demo/ConfigMap/flagd-config"])
    }

    @Test func howRunsEnd() throws {
        // Codex exec: a turn that never completed is cut off; a failed turn over the context window is exhausted.
        let cut = """
        {"type": "thread.started", "thread_id": "t"}
        {"type": "turn.started"}
        {"type": "item.completed", "item": {"id": "i1", "type": "agent_message", "text": "looking"}}
        """
        #expect(try Self.parse(cut).ending == .cutOff)
        let ctx = cut + "\n" + #"{"type": "turn.failed", "error": {"message": "Your input exceeds the context window of this model"}}"#
        #expect(try Self.parse(ctx).ending == .contextExhausted)
        // Codex rollout: an aborted turn.
        let aborted = """
        {"timestamp": "2026-01-15T10:00:00.000Z", "type": "session_meta", "payload": {"id": "s"}}
        {"timestamp": "2026-01-15T10:00:01.000Z", "type": "event_msg", "payload": {"type": "task_started"}}
        {"timestamp": "2026-01-15T10:00:02.000Z", "type": "response_item", "payload": {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "hm"}]}}
        {"timestamp": "2026-01-15T10:00:03.000Z", "type": "event_msg", "payload": {"type": "turn_aborted", "reason": "interrupted"}}
        """
        let a = try Self.parse(aborted)
        #expect(a.ending == .turnAborted && a.endingDetail == "interrupted")
        // Stirrup: the turn budget ran out before any finish call.
        let maxed = """
        [{"role": "user", "content": "task"},
         {"role": "assistant", "blocks": [{"kind": "tool_call", "name": "code_exec", "arguments": "{\\"cmd\\": \\"ls\\"}", "tool_call_id": "c1"}]},
         {"role": "tool", "content": "x", "tool_call_id": "c1", "name": "code_exec", "success": true},
         {"role": "user", "kind": "turn_warning", "content": "You have 0 turns remaining to complete the task."}]
        """
        #expect(try Self.parse(maxed, "m.json").ending == .maxTurns)
        // A finish call ends a run; a last call with no result means the file was cut off.
        #expect(try Self.parse(#"[{"role": "assistant", "content": "", "tool_calls": [{"id": "1", "type": "function", "function": {"name": "logs", "arguments": "{}"}}]}]"#, "c.json").ending == .cutOff)
    }

    @Test func atifV15VariantsKeepToolNamesAndTurns() throws {
        let text = """
        {"schema_version": "ATIF-v1.5", "agent": {"name": "a", "version": "1"}, "steps": [
          {"step_id": 1, "message": {"role": "user", "content": "find it"}},
          {"step_id": 2, "message": {"role": "assistant", "content": "alerts first"},
           "tool_calls": [{"id": "c1", "name": "alerts", "arguments": {"hide_noise": true}}],
           "observation": {"results": [{"source_call_id": "c1", "content": "RequestLatency"}]}},
          {"step_id": 3, "message": {"role": "assistant", "content": "done"},
           "tool_calls": [{"id": "c2", "name": "submit_root_causes", "arguments": {"root_causes": ["\(Self.root)"]}}]}]}
        """
        let t = try Self.parse(text, "v15.json")
        #expect(t.format == .atif)
        #expect(t.steps.map(\.role) == [.user, .agent, .agent])
        #expect(t.toolCalls.map(\.call.name) == ["alerts", "submit_root_causes"])
        #expect(t.toolCalls[0].call.output == "RequestLatency")
        #expect(t.problems.isEmpty)
        #expect(t.ending == .finished)
        #expect(try Self.answer(text, "v15.json").entities == [Self.root])
        // A call with no name at all is kept and reported, not silently dropped.
        let unnamed = text.replacingOccurrences(of: #""id": "c1", "name": "alerts", "#, with: #""id": "c1", "#)
        let u = try Self.parse(unnamed, "u.json")
        #expect(u.toolCalls.first?.call.name == "unnamed" && u.problems.contains { $0.contains("without a name") })
    }

    @Test func aTrajectoryWithoutAnAnswerIsAnErrorNamingItsFormat() throws {
        let text = """
        {"type": "thread.started", "thread_id": "t"}
        {"type": "item.completed", "item": {"id": "i1", "type": "agent_message", "text": "I could not find it."}}
        {"type": "turn.completed", "usage": {"input_tokens": 10, "output_tokens": 2}}
        """
        #expect { try Self.answer(text) } throws: { e in "\(e)".contains("a Codex exec --json trajectory (1 steps) with no final answer") }
    }

    /// One rule for finish calls: a prefixed MCP submit after the harness's last-turn warning is the answer and a
    /// finished run (the ending check used to know only the bare names and called it "max turns").
    @Test func aPrefixedSubmitAfterTheLastTurnWarningFinishesTheRun() throws {
        let args = Self.q("{\"root_causes\": [\"\(Self.root)\"]}")
        let text = """
        [{"role": "user", "content": "investigate"},
         {"role": "user", "content": "You have 0 turns remaining."},
         {"role": "assistant", "content": "", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "mcp__triage__submit_root_causes", "arguments": \(args)}}]}]
        """
        let t = try Self.parse(text, "t.json")
        #expect(t.ending == .finished, "\(t.ending) \(t.endingDetail ?? "")")
        #expect(try Self.answer(text, "t.json").entities == [Self.root])
        for name in ["submit_root_causes", "mcp__triage__submit_root_causes", "triage_submit_root_causes", "finish", "final_answer"] {
            #expect(Trajectory.isFinishCall(name), "\(name)")
        }
        for name in ["logs", "submit_later", "finish_reading"] { #expect(!Trajectory.isFinishCall(name), "\(name)") }
    }
}

