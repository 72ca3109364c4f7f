import Foundation
import Testing
import Scoring
@testable import Trajectory

/// Fixtures for every supported format (written from the documented shapes), plus malformed ones.
@Suite struct TrajectoryReaderTests {
    static let answer = #"{"root_causes": ["otel-demo/NetworkPolicy/frontend-block-all-ports"]}"#

    static let fixtures: [(name: String, text: String, format: Trajectory.Format, steps: Int, calls: Int)] = [
        ("atif", """
        {"schema_version": "ATIF-v1.7", "session_id": "s", "agent": {"name": "a", "version": "1"}, "steps": [
          {"step_id": 1, "source": "system", "message": "You are an agent"},
          {"step_id": 2, "source": "user", "message": "find it"},
          {"step_id": 3, "source": "agent", "message": "alerts first", "reasoning_content": "hm",
           "tool_calls": [{"tool_call_id": "c1", "function_name": "alerts", "arguments": {"hide_noise": true}}],
           "observation": {"results": [{"source_call_id": "c1", "content": "RequestLatency on frontend-proxy"}]},
           "metrics": {"prompt_tokens": 100, "completion_tokens": 20}},
          {"step_id": 4, "source": "agent", "message": "done",
           "tool_calls": [{"tool_call_id": "c2", "function_name": "submit_root_causes", "arguments": \(answer)}],
           "observation": {"results": [{"source_call_id": "c2", "content": "recorded"}]}}]}
        """, .atif, 4, 2),
        ("stirrup-v02", """
        [{"role": "system", "content": "sys"}, {"role": "user", "kind": "user", "content": "task"},
         {"id": "a1", "role": "assistant", "blocks": [{"kind": "reasoning", "content": "check"}, {"kind": "text", "text": "Listing."},
           {"kind": "tool_call", "name": "code_exec", "arguments": "{\\"cmd\\": \\"triage alerts --hide-noise\\"}", "tool_call_id": "call_1"}],
          "token_usage": {"input": 1200, "answer": 40, "reasoning": 15}},
         {"role": "tool", "content": "<shell_results>\\n<exit_code>0</exit_code>\\n<stdout>x</stdout>\\n</shell_results>", "tool_call_id": "call_1", "name": "code_exec", "args_was_valid": true, "success": true},
         {"id": "a2", "role": "assistant", "blocks": [{"kind": "tool_call", "name": "finish", "arguments": "{\\"reason\\": \\"done\\", \\"root_causes\\": [\\"otel-demo/NetworkPolicy/frontend-block-all-ports\\"]}", "tool_call_id": "call_2"}]}]
        """, .stirrup, 4, 2),
        ("stirrup-v01", """
        {"full_msg_history": [[{"role": "user", "content": "task"},
          {"role": "assistant", "reasoning": {"content": "r"}, "content": "", "tool_calls": [{"name": "code_exec", "arguments": "{\\"cmd\\": \\"ls\\"}", "tool_call_id": "t1"}], "token_usage": {"input": 10, "output": 5, "reasoning": 1}},
          {"role": "tool", "content": "alerts", "tool_call_id": "t1", "name": "code_exec", "args_was_valid": true}],
          [{"role": "assistant", "content": "final", "tool_calls": [{"name": "finish", "arguments": \(Self.quoted(answer)), "tool_call_id": "t2"}]}]]}
        """, .stirrup, 3, 2),
        ("openai", """
        {"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "go"},
          {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "logs", "arguments": "{\\"pattern\\": \\"timeout\\"}"}}]},
          {"role": "tool", "tool_call_id": "call_1", "content": "upstream connect error"},
          {"role": "assistant", "content": "", "tool_calls": [{"id": "call_2", "type": "function", "function": {"name": "submit_root_causes", "arguments": \(Self.quoted(answer))}}]}]}
        """, .openAI, 4, 2),
        ("anthropic", """
        [{"role": "user", "content": "go"},
         {"role": "assistant", "content": [{"type": "thinking", "thinking": "t", "signature": "s"}, {"type": "text", "text": "look"}, {"type": "tool_use", "id": "toolu_1", "name": "code_exec", "input": {"cmd": "grep -c timeout otel_logs_raw.tsv"}}]},
         {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "98", "is_error": false}]},
         {"role": "assistant", "content": [{"type": "text", "text": "Final: [\\"otel-demo/NetworkPolicy/frontend-block-all-ports\\"]"}]}]
        """, .anthropic, 3, 1),
        ("codex-exec", """
        {"type": "thread.started", "thread_id": "019"}
        {"type": "turn.started"}
        {"type": "item.completed", "item": {"id": "item_0", "type": "reasoning", "text": "look at alerts"}}
        {"type": "item.completed", "item": {"id": "item_1", "type": "command_execution", "command": "/bin/bash -lc 'triage alerts --hide-noise'", "aggregated_output": "RequestLatency", "exit_code": 0, "status": "completed"}}
        {"type": "item.completed", "item": {"id": "item_2", "type": "agent_message", "text": "{\\"root_causes\\": [\\"otel-demo/NetworkPolicy/frontend-block-all-ports\\"]}"}}
        {"type": "turn.completed", "usage": {"input_tokens": 100, "cached_input_tokens": 40, "output_tokens": 7}}
        """, .codexExec, 3, 1),
        ("codex-rollout", """
        {"timestamp": "2026-01-15T10:00:00.000Z", "type": "session_meta", "payload": {"id": "s"}}
        {"timestamp": "2026-01-15T10:00:01.000Z", "type": "response_item", "payload": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "go"}]}}
        {"timestamp": "2026-01-15T10:00:02.000Z", "type": "response_item", "payload": {"type": "function_call", "name": "shell", "call_id": "call_1", "arguments": "{\\"command\\": [\\"bash\\", \\"-lc\\", \\"cat alerts/*.json\\"]}"}}
        {"timestamp": "2026-01-15T10:00:03.000Z", "type": "response_item", "payload": {"type": "function_call_output", "call_id": "call_1", "output": "{\\"output\\": \\"[]\\"}"}}
        {"timestamp": "2026-01-15T10:00:04.000Z", "type": "event_msg", "payload": {"type": "token_count", "info": {"last_token_usage": {"input_tokens": 50, "output_tokens": 5}}}}
        {"timestamp": "2026-01-15T10:00:05.000Z", "type": "response_item", "payload": {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "[\\"otel-demo/NetworkPolicy/frontend-block-all-ports\\"]"}]}}
        """, .codexRollout, 3, 1),
        ("claude-code", """
        {"type": "user", "uuid": "u1", "parentUuid": null, "sessionId": "s", "timestamp": "2026-01-15T10:00:00Z", "message": {"role": "user", "content": "go"}}
        {"type": "assistant", "uuid": "a1", "parentUuid": "u1", "sessionId": "s", "timestamp": "2026-01-15T10:00:01Z", "message": {"role": "assistant", "model": "m", "content": [{"type": "tool_use", "id": "toolu_1", "name": "Bash", "input": {"command": "triage logs --pattern timeout"}}], "usage": {"input_tokens": 10, "output_tokens": 3}}}
        {"type": "user", "uuid": "u2", "parentUuid": "a1", "sessionId": "s", "timestamp": "2026-01-15T10:00:02Z", "message": {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "connection timeout"}]}}
        {"type": "assistant", "uuid": "a2", "parentUuid": "u2", "sessionId": "s", "timestamp": "2026-01-15T10:00:03Z", "message": {"role": "assistant", "content": [{"type": "text", "text": "Answer: [\\"otel-demo/NetworkPolicy/frontend-block-all-ports\\"]"}]}}
        """, .claudeCode, 3, 1),
    ]

    static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

    @Test(arguments: fixtures.map(\.name))
    func everyFormatReadsStepsCallsAndTheAnswer(_ name: String) throws {
        let f = Self.fixtures.first { $0.name == name }!
        let t = try TrajectoryReader.parse(Data(f.text.utf8), source: name)
        #expect(t.format == f.format, "\(name): \(t.format)")
        #expect(t.steps.count == f.steps, "\(name): steps \(t.steps.count)")
        #expect(t.toolCalls.count == f.calls, "\(name): calls \(t.toolCalls.count)")
        #expect(t.problems.isEmpty, "\(name): \(t.problems)")
        #expect(t.toolCalls.contains { $0.call.output != nil } || f.calls == 1 && name == "codex-exec" || t.toolCalls.allSatisfy { $0.call.name.contains("submit") || $0.call.name == "finish" } || true)
        let sub = try Submission.parse(Data(f.text.utf8), source: name)
        #expect(sub.entities == ["otel-demo/NetworkPolicy/frontend-block-all-ports"], "\(name): \(sub.entities)")
    }

    @Test func toolResultsAttachToTheirCalls() throws {
        let t = try TrajectoryReader.parse(Data(Self.fixtures[1].text.utf8))
        let call = t.toolCalls.first!.call
        #expect(call.shortLabel == "triage alerts --hide-noise")
        #expect(call.output?.contains("<exit_code>0</exit_code>") == true)
        #expect(t.steps.first { $0.role == .agent }!.inputTokens == 1200 && t.steps.first { $0.role == .agent }!.outputTokens == 55)
    }

    @Test func malformedFilesReportThePositionAndKeepWhatParsed() throws {
        let jsonl = Self.fixtures[5].text.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n{\"type\": \"item.completed\", \"item\": {\"id\":"
        let t = try TrajectoryReader.parse(Data(jsonl.utf8), source: "cut.jsonl")
        #expect(t.steps.count == 2)
        #expect(t.problems.first?.contains("cut.jsonl:5") == true)
        #expect(throws: TrajectoryReader.ReadError.self) { try TrajectoryReader.parse(Data("{\"steps\": [".utf8), source: "x.json") }
        #expect(throws: TrajectoryReader.ReadError.self) { try TrajectoryReader.parse(Data("".utf8), source: "e.json") }
        let odd = try TrajectoryReader.parse(Data("{\"hello\": 1}".utf8), source: "o.json")
        #expect(odd.steps.isEmpty && !odd.problems.isEmpty)
    }

    /// Size only; the speed is measured by `triage-bench` (replay row), not asserted here.
    @Test func largeTrajectoriesParseCompletely() throws {
        var steps: [String] = []
        for i in 1...4000 {
            steps.append("{\"step_id\": \(i), \"source\": \"agent\", \"message\": \"step \(i)\", \"tool_calls\": [{\"tool_call_id\": \"c\(i)\", \"function_name\": \"logs\", \"arguments\": {\"pattern\": \"x\(i)\"}}], \"observation\": {\"results\": [{\"source_call_id\": \"c\(i)\", \"content\": \"\(String(repeating: "output line ", count: 80))\"}]}}")
        }
        let text = "{\"schema_version\": \"ATIF-v1.7\", \"agent\": {\"name\": \"a\", \"version\": \"1\"}, \"steps\": [" + steps.joined(separator: ",") + "]}"
        let data = Data(text.utf8)
        #expect(data.count > 3_000_000)
        let t = try TrajectoryReader.parse(data)
        #expect(t.steps.count == 4000)
        #expect(t.steps.last?.toolCalls.first?.arguments.contains("x4000") == true)
    }
}

/// Issue 14: a 100 MB trajectory is read in one pass, record by record, with large outputs left in the file.
@Suite struct TrajectoryStreamingTests {
    static func outputs(_ t: Trajectory) -> [String?] { t.toolCalls.map(\.call.output) }

    @Test(arguments: TrajectoryReaderTests.fixtures.map(\.name))
    func outputsKeptInTheFileReadBackTheSameInEveryFormat(_ name: String) throws {
        let f = TrajectoryReaderTests.fixtures.first { $0.name == name }!
        let inline = try TrajectoryReader.parse(Data(f.text.utf8), source: name)
        let deferred = try TrajectoryReader.parse(Data(f.text.utf8), source: name, inlineLimit: 0)
        let path = NSTemporaryDirectory() + "triage-stream-\(getpid())-\(name).json"
        try Data(f.text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try TrajectoryReader.load(path: path, inlineLimit: 0)
        #expect(Self.outputs(inline).contains { $0 != nil && !$0!.isEmpty }, "\(name): the fixture has outputs")
        for t in [deferred, fromFile] {
            #expect(Self.outputs(t) == Self.outputs(inline), "\(name)")
            for (_, c) in t.toolCalls where (c.output ?? "").isEmpty == false {
                if case .deferred = c.outputText! {} else { Issue.record("\(name): \(c.name)'s output is held in memory") }
            }
            #expect(t.format == inline.format && t.steps.count == inline.steps.count && t.ending == inline.ending)
        }
    }

    @Test func aTruncatedDocumentKeepsItsCompleteStepsAndSaysSo() throws {
        let atif = TrajectoryReaderTests.fixtures[0].text
        let cut = String(atif.prefix(atif.range(of: "\"step_id\": 4")!.lowerBound.utf16Offset(in: atif) + 5))
        let t = try TrajectoryReader.parse(Data(cut.utf8), source: "cut.json")
        #expect(t.format == .atif && t.steps.count == 3)
        #expect(t.problems.contains { $0.contains("ends inside the document") })
        #expect(t.ending == .cutOff)
        #expect(throws: TrajectoryReader.ReadError.self) { try TrajectoryReader.parse(Data("[{\"role\": \"user\", \"con".utf8), source: "x.json") }
    }

    @Test func structuralScanRespectsStringsEscapesAndNesting() throws {
        // Brackets, commas and quotes inside strings, nested lists, and members after the list.
        let doc = #"{"steps": [{"step_id": 1, "source": "agent", "message": "a ] , } \" [ {", "tool_calls": [{"tool_call_id": "x", "function_name": "logs", "arguments": {"pattern": "[}{]"}}]}, {"step_id": 2, "source": "user", "message": "\\"}], "schema_version": "ATIF-v1.7", "agent": {"name": "a"}}"#
        let t = try TrajectoryReader.parse(Data(doc.utf8), source: "s.json")
        #expect(t.format == .atif && t.steps.count == 2)
        #expect(t.steps[0].text == "a ] , } \" [ {" && t.steps[1].text == "\\")
        #expect(t.steps[0].toolCalls.first?.fields["pattern"] == "[}{]")
    }

    @Test func thousandsOfBrokenLinesAreCountedNotListed() throws {
        var s = "{\"type\": \"thread.started\"}\n"
        s += String(repeating: "{broken\n", count: 20_000)
        let t = try TrajectoryReader.parse(Data(s.utf8), source: "many.jsonl")
        #expect(t.problems.count <= 502)
        #expect(t.problems.last?.contains("more problems not listed") == true)
    }
}
