import Foundation
import Testing
import Trajectory
import TestSupport
@testable import AgentTools
@testable import Snapshot

@Suite(.serialized) struct AgentToolsTests {
    static let repoRoot = TestPaths.repoRoot
    static let snap = (repoRoot as NSString).appendingPathComponent("Snapshots/incident-03")

    static func ctx(_ cacheDir: String? = nil, feedback: Bool = false) -> ToolContext {
        ToolContext(snapshotPath: snap, feedback: feedback, opener: { try Snapshot.load(snap) })
    }

    @Test func everyToolAnswersOnAShippedSnapshot() throws {
        let c = Self.ctx()
        let calls: [(String, [String: ToolValue])] = [
            ("info", [:]), ("alerts", ["hide_noise": .bool(true)]), ("events", ["type": .string("Warning")]),
            ("traces", ["rollup": .bool(true)]), ("traces", ["errors_only": .bool(true), "limit": .int(2)]),
            ("trace", ["entity": .string("svc/checkout")]), ("metrics", ["top": .bool(true), "limit": .int(3)]),
            ("logs", ["entity": .string("deploy/frontend"), "level": .string("error"), "limit": .int(3)]),
            ("topology", ["entity": .string("svc/checkout"), "direction": .string("upstream")]),
            ("object", ["entity": .string("deploy/checkout"), "changes": .bool(true)]), ("object", ["changed": .bool(true)]),
            ("entity", ["entity": .string("deploy/checkout")]), ("search", ["query": .string("exec format")]), ("files", [:]),
            ("read_file", ["path": .string("k8s_events_raw.tsv"), "lines": .int(2)]),
        ]
        for (name, args) in calls {
            let r = Toolbox.run(name, ToolArgs(args), context: c)
            #expect(!r.isError, "\(name): \(r.text)")
            #expect(!r.text.isEmpty)
            #expect((try? JSONSerialization.jsonObject(with: Data(r.json.utf8))) != nil, "\(name): JSON does not parse")
        }
        // The bad rollout shows as an image change in the Deployment's diff.
        let diff = Toolbox.run("object", ToolArgs(["entity": .string("deploy/checkout"), "changes": .bool(true)]), context: c).text
        #expect(diff.contains("2.1.4-arm64"))
    }

    @Test func hostileArgumentsAreRefused() throws {
        let c = Self.ctx()
        let hostile: [(String, [String: ToolValue])] = [
            ("read_file", ["path": .string("../x")]), ("read_file", ["path": .string("/etc/passwd")]), ("read_file", ["path": .string("ground_truth.yaml")]),
            ("read_file", ["path": .string("metrics/../ground_truth.yaml")]), ("alerts", ["nope": .int(1)]), ("alerts", ["limit": .int(-1)]),
            ("alerts", ["limit": .string("x")]), ("logs", ["pattern": .string("[")]), ("search", ["query": .string(String(repeating: "a", count: 10_000))]),
            ("trace", ["id": .string("zz")]), ("metrics", ["series": .string("m-1.-1")]), ("entity", ["entity": .string("nope/nope/nope")]),
            ("unknown", [:]), ("submit_root_causes", ["root_causes": .list([])]),
        ]
        for (name, args) in hostile {
            let r = Toolbox.run(name, ToolArgs(args), context: c)
            #expect(r.isError, "\(name) \(args) was not refused: \(r.text.prefix(200))")
            #expect(r.json.contains("\"error\""))
        }
        // A limit beyond the stated maximum is refused with the bound (it used to be clamped silently), and text
        // output is capped with a note.
        let huge = Toolbox.run("logs", ToolArgs(["limit": .int(1_000_000)]), context: c)
        #expect(huge.isError && huge.text.contains("limit must be from 0 to 1000"), "\(huge.text)")
        c.outputCap = 1500
        let big = Toolbox.run("logs", ToolArgs(["limit": .int(1000)]), context: c)
        #expect(!big.isError && big.text.count <= 1500 && big.text.contains("output truncated"))
    }

    @Test func cachedIndexAnswersLikeAFreshOne() throws {
        let dir = NSTemporaryDirectory() + "triage-cache-\(UUID().uuidString.prefix(8))"
        setenv("TRIAGE_CACHE_DIR", dir, 1)
        defer { unsetenv("TRIAGE_CACHE_DIR") }
        let fresh = try Snapshot.load(Self.snap)
        _ = try IndexCache.open(Self.snap)                    // indexes and saves
        let cachePath = IndexCache.cachePath(for: URL(fileURLWithPath: Self.snap).resolvingSymlinksInPath().path)
        #expect(FileManager.default.fileExists(atPath: cachePath))
        let cached = try IndexCache.open(Self.snap)           // loads the cache
        func strip(_ i: SnapshotInfo) -> String {
            var j = i; j.load_seconds = 0; j.path = ""
            let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
            return String(decoding: try! enc.encode(j), as: UTF8.self)
        }
        #expect(strip(cached.info()) == strip(fresh.info()))
        #expect(cached.alerts().map(\.fingerprint) == fresh.alerts().map(\.fingerprint))
        #expect(try cached.logMatches(LogQuery(pattern: "exec format")) == fresh.logMatches(LogQuery(pattern: "exec format")))
        let tid = fresh.traces(TraceFilter(errorsOnly: true), limit: 1).rows.first!.traceID
        #expect(try cached.trace(tid).map(\.spanID) == fresh.trace(tid).map(\.spanID))
        #expect(cached.graph.edges == fresh.graph.edges)
        #expect(cached.metricSeries().map(\.id) == fresh.metricSeries().map(\.id))
        #expect(cached.changes(of: try cached.entity("deploy/checkout")).map(\.diff) == fresh.changes(of: try fresh.entity("deploy/checkout")).map(\.diff))
        // A changed file invalidates the cache key.
        let k1 = try IndexCache.key(for: URL(fileURLWithPath: Self.snap).resolvingSymlinksInPath().path)
        var k2 = k1; k2.files[0] += "x"
        #expect(k1 != k2)
    }

    @Test func recorderWritesAValidATIFTrajectory() throws {
        let path = NSTemporaryDirectory() + "triage-rec-\(UUID().uuidString.prefix(8)).json"
        let rec = Recorder(path: path)
        var before = Data()
        for i in 0..<3 {
            if i == 2 { before = try Data(contentsOf: URL(fileURLWithPath: path)) }
            try rec.append(tool: "alerts", arguments: ["limit": i], output: "out \(i)", isError: false, started: Date(), finished: Date(), snapshot: Self.snap)
        }
        // Appended in place: everything before the old tail is unchanged, and no lock file is left behind.
        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        let kept = before.count - Recorder.tail(2).utf8.count
        #expect(after.prefix(kept) == before.prefix(kept) && after.count > before.count)
        #expect(!FileManager.default.fileExists(atPath: path + ".lock"))
        // A trajectory in another layout (pretty-printed by an older triage) is rewritten once and keeps its steps.
        let old = path + ".old"
        try #"{"schema_version": "ATIF-v1.7", "agent": {"name": "a", "version": "1"}, "final_metrics": {"total_steps": 1}, "steps": [{"step_id": 1, "source": "agent", "message": "m"}]}"#
            .write(toFile: old, atomically: true, encoding: .utf8)
        try Recorder(path: old).append(tool: "logs", arguments: [:], output: "o", isError: false, started: Date(), finished: Date(), snapshot: nil)
        let migrated = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: old))) as! [String: Any]
        #expect((migrated["steps"] as! [[String: Any]]).map { $0["step_id"] as! Int } == [1, 2])
        #expect((migrated["final_metrics"] as! [String: Any])["total_steps"] as? Int == 2)
        let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect(obj["schema_version"] as? String == "ATIF-v1.7")
        let steps = obj["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step_id"] as! Int } == [1, 2, 3])
        let call = (steps[2]["tool_calls"] as! [[String: Any]])[0]
        let result = ((steps[2]["observation"] as! [String: Any])["results"] as! [[String: Any]])[0]
        #expect(result["source_call_id"] as? String == call["tool_call_id"] as? String)
        // The replay reader reads what the recorder wrote through the same model: names, arguments, outputs, errors,
        // and an output too large to keep in memory read back from the file.
        let big = String(repeating: "x/y ", count: 2000)
        try rec.append(tool: "logs", arguments: ["service": "cart", "errors": true], output: big, isError: true, started: Date(), finished: Date(), snapshot: Self.snap)
        let t = try TrajectoryReader.load(path: path)
        #expect(t.format == .atif && t.steps.count == 4 && t.problems.isEmpty)
        let last = try #require(t.steps.last?.toolCalls.first)
        #expect(last.name == "logs" && last.fields == ["service": "cart", "errors": "true"])
        #expect(last.isError && last.output == big)
        if case .deferred? = last.outputText {} else { Issue.record("a 8 KB output should stay in the file") }
        #expect(t.namedSnapshot == URL(fileURLWithPath: Self.snap).standardizedFileURL.path)
        // A file that is not a trajectory is never overwritten.
        let other = path + ".other"
        try "precious".write(toFile: other, atomically: true, encoding: .utf8)
        #expect(throws: Recorder.RecordError.self) {
            try Recorder(path: other).append(tool: "x", arguments: [:], output: "", isError: false, started: Date(), finished: Date(), snapshot: nil)
        }
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "precious")
    }

    @Test func feedbackOnlyInPracticeMode() {
        let answer = ToolArgs(["root_causes": .list(["otel-demo/Deployment/checkout"])])
        let eval = Toolbox.run("submit_root_causes", answer, context: Self.ctx())
        #expect(eval.text.contains("no score") && !eval.json.contains("\"score\""))
        let practice = Toolbox.run("submit_root_causes", answer, context: Self.ctx(feedback: true))
        #expect(practice.text.contains("score 1.00"))
    }
}
