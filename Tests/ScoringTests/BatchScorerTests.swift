import Foundation
import Testing
@testable import Scoring
import Snapshot

@Suite struct BatchScorerTests {
    static func write(_ s: String, _ path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! s.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func headlineIsTheMeanOverTaskRepeatPairs() throws {
        let root = NSTemporaryDirectory() + "triage-batch-\(UUID().uuidString.prefix(8))"
        let tasks = root + "/tasks", runsA = root + "/runs/model-a", runsB = root + "/runs/model-b"
        Self.write("groups:\n  - {id: cm, kind: ConfigMap, namespace: otel-demo, name: flagd-config, root_cause: true}\n", tasks + "/Scenario-1/ground_truth.yaml")
        Self.write("groups:\n  - {id: np, kind: NetworkPolicy, namespace: otel-demo, name: block, root_cause: true}\n", tasks + "/scenario_2/groundtruth_v1.yaml")
        Self.write("not: [a, ground truth", tasks + "/broken.yaml")
        // model-a: task 1 perfect twice, task 2 one perfect, one over-submitting (0.5), one missing.
        Self.write(#"["otel-demo/ConfigMap/flagd-config"]"#, runsA + "/1/1/answer.json")
        Self.write(#"{"root_causes": ["otel-demo/cm/flagd-config"]}"#, runsA + "/1/2/answer.json")
        Self.write("otel-demo/NetworkPolicy/block\n", runsA + "/scenario-2/1/answer.txt")
        Self.write(#"["otel-demo/netpol/block", "otel-demo/Service/frontend"]"#, runsA + "/scenario-2/2/answer.json")
        // model-b: one unreadable, one wrong.
        Self.write("{oops", runsB + "/Scenario-1/1.json")
        Self.write(#"["otel-demo/Service/frontend"]"#, runsB + "/2/1.json")
        let r = try BatchScorer().run(tasksDir: tasks, runDirs: [runsA, runsB], repeats: 3)
        #expect(r.tasks == 2)
        #expect(r.problems.contains { $0.contains("broken.yaml") })
        let a = r.runSets.first { $0.runSet == "model-a" }!
        // Pairs: task1 (1, 1, missing 0), task2 (1, 0.5, missing 0) → 3.5 / 6.
        #expect(a.pairs == 6 && a.missing == 2 && a.perfect == 3)
        #expect(abs(a.headline - 3.5 / 6) < 1e-9)
        let b = r.runSets.first { $0.runSet == "model-b" }!
        #expect(b.headline == 0 && b.pairs == 6)
        #expect(r.runs.contains { $0.runSet == "model-b" && ($0.problem ?? "").hasPrefix("unreadable") })
        #expect(r.perTask.first { $0.task == "Scenario-1" && $0.runSet == "model-a" }!.mean == 2.0 / 3.0)
    }

    /// Issue 26, item 4: a run set of flat files named by task (`RUNS/model-a/Scenario-2.json`), the first layout most
    /// people write, was counted as missing. It is read in every task spelling and extension; a flat file beside a
    /// folder for the same task (or two flat files) is an error naming both.
    @Test func flatPerTaskFilesAreRunsAndAmbiguityNamesBoth() throws {
        let root = NSTemporaryDirectory() + "triage-flat-\(UUID().uuidString.prefix(8))"
        let tasks = root + "/tasks", flat = root + "/runs/model-a"
        Self.write("groups:\n  - {id: cm, kind: ConfigMap, namespace: otel-demo, name: flagd-config, root_cause: true}\n", tasks + "/Scenario-1/ground_truth.yaml")
        Self.write("groups:\n  - {id: np, kind: NetworkPolicy, namespace: otel-demo, name: block, root_cause: true}\n", tasks + "/scenario_2/groundtruth_v1.yaml")
        Self.write("groups:\n  - {id: h, kind: HorizontalPodAutoscaler, namespace: otel-demo, name: cart, root_cause: true}\n", tasks + "/Scenario-3/ground_truth.yaml")
        Self.write("groups:\n  - {id: q, kind: ResourceQuota, namespace: otel-demo, name: q, root_cause: true}\n", tasks + "/Scenario-4/ground_truth.yaml")
        Self.write(#"["otel-demo/ConfigMap/flagd-config"]"#, flat + "/Scenario-1.json")
        Self.write("otel-demo/NetworkPolicy/block\n", flat + "/scenario_2.txt")
        Self.write(#"{"root_causes": ["otel-demo/hpa/cart"]}"# + "\n", flat + "/3.jsonl")
        Self.write(#"["otel-demo/ResourceQuota/q"]"#, flat + "/Scenario-4.json")
        Self.write(#"["otel-demo/ResourceQuota/q"]"#, flat + "/Scenario-4/1/answer.json")
        let folder = BatchScorer.scanRuns(flat)
        #expect(folder.runs["1"] == ["1": flat + "/Scenario-1.json"] && folder.runs["2"] == ["1": flat + "/scenario_2.txt"])
        #expect(folder.runs["3"] == ["1": flat + "/3.jsonl"] && folder.runs["4"] == nil)
        let why = try #require(folder.ambiguous["4"])
        #expect(why.contains(flat + "/Scenario-4.json") && why.contains(flat + "/Scenario-4/"))
        let r = try BatchScorer().run(tasksDir: tasks, runDirs: [flat])
        let a = try #require(r.runSets.first)
        #expect(a.pairs == 4 && a.perfect == 3 && a.missing == 1 && abs(a.headline - 0.75) < 1e-9)
        #expect(r.runs.contains { $0.task == "Scenario-4" && ($0.problem ?? "").hasPrefix("ambiguous (scored 0)") })
        #expect(r.problems.contains { $0.contains("both a flat answer file and a folder") })
        // Two flat files for one task in two spellings are ambiguous too.
        Self.write(#"["x"]"#, flat + "/scenario_1.txt")
        #expect(BatchScorer.scanRuns(flat).ambiguous["1"]?.contains("two answer files") == true)
    }

    @Test func taskNamesMatchAcrossSpellings() {
        #expect(BatchScorer.canonicalTaskID("Scenario-12") == "12")
        #expect(BatchScorer.canonicalTaskID("scenario_12") == "12")
        #expect(BatchScorer.canonicalTaskID("scenario12") == "12")
        #expect(BatchScorer.canonicalTaskID("12") == "12")
        #expect(BatchScorer.canonicalTaskID("incident-01") == "incident-01")
    }

    @Test func submissionShapes() throws {
        func p(_ s: String) throws -> Submission { try Submission.parse(Data(s.utf8), source: "t") }
        #expect(try p(#"["a/ConfigMap/b"]"#).format == .jsonList)
        #expect(try p(#"{"root_causes": ["a/cm/b"]}"#).format == .rootCauses)
        let structured = try p(#"{"schema_version": "1.0", "root_causes": [{"name": "flagd-config", "kind": "ConfigMap", "namespace": "otel-demo"}, {"name": "n1", "kind": "Node"}]}"#)
        #expect(structured.format == .structured && structured.entities == ["otel-demo/ConfigMap/flagd-config", "Node/n1"])
        let ibm = try p(#"{"entities": [{"name": "otel-demo/Deployment/ad", "contributing_factor": true}, {"name": "otel-demo/Service/frontend", "contributing_factor": false}], "propagations": []}"#)
        #expect(ibm.format == .ibmAgentOutput && ibm.entities == ["otel-demo/Deployment/ad"])
        #expect(try p("# answer\notel-demo/deploy/ad\n- otel-demo/svc/cart\n").entities == ["otel-demo/deploy/ad", "otel-demo/svc/cart"])
        let atif = try p(#"{"schema_version": "ATIF-v1.4", "steps": [{"step_id": 1, "source": "agent", "tool_calls": [{"function_name": "submit_root_causes", "arguments": {"root_causes": ["otel-demo/cm/flagd-config"]}}]}]}"#)
        #expect(atif.format == .trajectory && atif.entities == ["otel-demo/cm/flagd-config"])
        let chat = try p(#"[{"role": "user", "content": "go"}, {"role": "assistant", "content": "Final answer:\n```json\n[\"otel-demo/ConfigMap/flagd-config\"]\n```"}]"#)
        #expect(chat.format == .trajectory && chat.entities == ["otel-demo/ConfigMap/flagd-config"])
        let e1 = #expect(throws: Submission.ParseError.self) { try p("{\"root_causes\": [1, 2]}") }
        #expect(e1?.description.contains("root_causes[0]") == true)
        let e2 = #expect(throws: Submission.ParseError.self) { try p("otel-demo/deploy/ad\nthis is prose\n") }
        #expect(e2?.description.contains("line 2") == true)
        #expect(throws: Submission.ParseError.self) { try p("") }
        let e3 = #expect(throws: Submission.ParseError.self) { try p("[\"a\",\n") }
        #expect(e3?.description.contains("invalid JSON") == true)
        // Trimmed on bytes: a byte-order mark and blank lines around JSON are not part of it; line numbers still
        // count from the top of the file.
        #expect(try p("\u{FEFF}\n\n  [\"a/ConfigMap/b\"]  \n\n").entities == ["a/ConfigMap/b"])
        let e4 = #expect(throws: Submission.ParseError.self) { try p("\n\n{\"root_causes\":\n [\"a/cm/b\",,]}") }
        #expect(e4?.description.contains("line 4") == true, "\(String(describing: e4))")
        let e5 = #expect(throws: Submission.ParseError.self) { try p("\n\notel-demo/deploy/ad\nnot an entity\n") }
        #expect(e5?.description.contains("line 4") == true)
        #expect(throws: Submission.ParseError.self) { try p(" \n\t\r\n") }
        // A trajectory document is read once by the trajectory reader; an answer shape beside its steps still wins.
        let both = try p(#"{"root_causes": ["a/cm/b"], "schema_version": "ATIF-v1.6", "steps": [{"step_id": 1, "source": "agent", "tool_calls": [{"function_name": "submit_root_causes", "arguments": {"root_causes": ["x/cm/y"]}}]}]}"#)
        #expect(both.format != .trajectory && both.entities == ["a/cm/b"])
        let noAnswer = #expect(throws: Submission.ParseError.self) { try p(#"{"schema_version": "ATIF-v1.6", "steps": [{"step_id": 1, "source": "agent", "message": "hi"}]}"#) }
        #expect(noAnswer?.description.contains("no final answer") == true, "\(String(describing: noAnswer))")
    }
}
