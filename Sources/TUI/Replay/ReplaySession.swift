import AgentTools
import Foundation
import Scoring
import Snapshot
import Trajectory

/// A trajectory replayed against its snapshot: what each step looked at (the view to open), re-run results of
/// triage commands compared with the recorded output, and the final answer scored with first-touch and
/// first-evidence steps.
public final class ReplaySession: @unchecked Sendable {
    public let trajectory: Trajectory
    public let snapshot: Snapshot?
    public let answer: Submission?
    public let report: ScoreReport?
    let truth: GroundTruth?
    /// Step index → where its first tool call pointed.
    public private(set) var focus: [Int: Page] = [:]
    /// Re-run outputs by command (tool and arguments), so a command an agent ran many times runs once.
    private var rerunOutputs: [String: String] = [:]
    /// How long `summary()` spends re-running commands in all; the rest are counted as not checked.
    public var rerunBudget: TimeInterval = 20

    public enum RerunResult: Equatable, Sendable { case same, differs(String), notTriage, failed(String) }

    /// Where the final answer came from ("step 12 (wrote agent_output.json (apply_patch))"), when one was found.
    public let answerFrom: String?

    /// `baseDirectory`: the trajectory's directory, for answer files that a finish call names.
    public convenience init(trajectory: Trajectory, snapshot: Snapshot?, truthPath: String?, baseDirectory: String? = nil) {
        self.init(trajectory: trajectory, snapshot: snapshot, truth: truthPath.map(TruthSource.file), baseDirectory: baseDirectory)
    }

    public init(trajectory: Trajectory, snapshot: Snapshot?, truth source: TruthSource?, baseDirectory: String? = nil) {
        self.trajectory = trajectory
        self.snapshot = snapshot
        // The last answer in the run: finish/submit calls, answer files written, JSON answers in messages, and
        // `triage submit …` shell commands, whichever comes last.
        var best: (step: Int, sub: Submission, from: String)? = nil
        for c in trajectory.answerCandidates(baseDirectory: baseDirectory) {
            if let sub = try? Submission.fromJSON(c.value, source: trajectory.source), !sub.entities.isEmpty, c.step >= (best?.step ?? 0) {
                best = (c.step, sub, "step \(c.step) (\(c.how))")
            }
        }
        for (step, call) in trajectory.toolCalls where step >= (best?.step ?? 0) {
            if let cmd = call.argumentObject["cmd"] as? String ?? call.argumentObject["command"] as? String,
               let (tool, args) = ToolArgv.triageCommand(cmd), tool == "submit_root_causes", !args.list("root_causes").isEmpty {
                best = (step, Submission(format: .trajectory, entities: args.list("root_causes"), source: trajectory.source), "step \(step) (triage submit)")
            }
        }
        answer = best.map { Submission(format: .trajectory, entities: $0.sub.entities, source: "\(trajectory.source) \($0.from)") }
        answerFrom = best?.from
        truth = source.flatMap { try? GroundTruth.load($0) }
        if let a = answer, let gt = truth { report = Scorer(truth: gt).score(a, snapshot: snapshot) } else { report = nil }
        for s in trajectory.steps { if let c = s.toolCalls.first, let p = Self.page(for: c, snapshot: snapshot) { focus[s.index] = p } }
    }

    /// The view a tool call looked at.
    static func page(for call: Step.ToolCall, snapshot: Snapshot?) -> Page? {
        var tool = call.name
        var args = ToolArgs()
        if let spec = ToolCatalog.spec(call.name.split(separator: "_").count > 0 ? call.name.replacingOccurrences(of: "triage__", with: "") : call.name) {
            tool = spec.name
            for (k, v) in call.textArguments { args.values[k] = .string(v) }
        } else if let cmd = call.textArguments["cmd"] ?? call.textArguments["command"] {
            if let (t, a) = ToolArgv.triageCommand(cmd) { tool = t; args = a }
            else { return shellPage(cmd, snapshot: snapshot) }
        } else { return nil }
        func entity() -> String? { args.string("entity").flatMap { e in (try? snapshot?.entity(e))??.description ?? e } }
        switch tool {
        case "alerts": return .view(.alerts)
        case "events": return .view(.events)
        case "traces": return .view(.traces)
        case "trace": if let id = args.string("id") { return .trace(id) }; return entity().map { .entity($0) } ?? .view(.traces)
        case "metrics": if let s = args.string("series") { return .series(s) }; return .view(.metrics)
        case "logs": return .view(.logs)
        case "topology", "entity": return entity().map { .entity($0) } ?? .view(.topology)
        case "object": return entity().map { .object($0) } ?? .view(.objects)
        case "search": return .view(.logs)
        default: return nil
        }
    }

    /// Shell commands an agent runs on the raw files: grep on logs, a trace id, alerts, events, objects.
    static func shellPage(_ cmd: String, snapshot: Snapshot?) -> Page? {
        if let r = cmd.range(of: "[0-9a-f]{32}", options: .regularExpression) { return .trace(String(cmd[r])) }
        if cmd.contains("otel_logs") { return .view(.logs) }
        if cmd.contains("otel_traces") { return .view(.traces) }
        if cmd.contains("k8s_events") { return .view(.events) }
        if cmd.contains("k8s_objects") { return .view(.objects) }
        if cmd.contains("alerts") { return .view(.alerts) }
        if cmd.contains("metrics/") { return .view(.metrics) }
        return nil
    }

    /// The filter a step's call used (log regex, search query), for the followed view.
    static func filter(for call: Step.ToolCall) -> String? {
        let a = call.argumentObject
        if let p = a["pattern"] as? String ?? a["query"] as? String { return p }
        if let cmd = (a["cmd"] ?? a["command"]) as? String {
            if let (_, args) = ToolArgv.triageCommand(cmd) { return args.string("pattern") ?? args.string("query") }
            if let w = ToolArgv.shellWords(cmd), let g = w.firstIndex(where: { ["grep", "rg", "egrep", "zgrep"].contains($0) }) {
                return w[(g + 1)...].first { !$0.hasPrefix("-") && !$0.contains("/") && !$0.hasSuffix(".tsv") }
            }
        }
        return nil
    }

    /// The entity, log level, event type and reason a step's call asked for (MCP arguments or `triage …` flags).
    public static func scope(for call: Step.ToolCall, snapshot: Snapshot?) -> ViewScope {
        var a = call.textArguments
        if let cmd = a["cmd"] ?? a["command"], let (_, args) = ToolArgv.triageCommand(cmd) {
            a = [:]
            for k in ["entity", "service", "level", "type", "reason"] { if let v = args.string(k) { a[k] = v } }
            if args.bool("ignore_case") { a["ignore_case"] = "true" }
        } else if let cmd = a["cmd"] ?? a["command"], let w = ToolArgv.shellWords(cmd), w.contains(where: { ["grep", "rg", "egrep", "zgrep"].contains($0) }) {
            if w.contains(where: { $0 == "-i" || $0 == "--ignore-case" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("i")) }) { a["ignore_case"] = "true" }
        }
        let entity = (a["entity"] ?? a["service"]).flatMap { e in try? snapshot?.entity(e) }
        // The agent's pattern keeps its own case rule (case-sensitive unless it asked otherwise), not the TUI's smart case.
        let ignoreCase: Bool? = filter(for: call) == nil ? nil : ["true", "1"].contains(a["ignore_case"] ?? a["ignoreCase"] ?? "")
        return ViewScope(entity: entity, minLevel: a["level"].flatMap(LogIndex.Level.parse), type: a["type"], reason: a["reason"], ignoreCase: ignoreCase)
    }

    /// Re-runs a triage command (MCP tool or `triage …` shell command) and compares it with the recorded output.
    public func rerun(_ call: Step.ToolCall) -> RerunResult { rerun(call, recorded: call.output) }

    /// `recorded`: the call's output, when the caller has read it already.
    func rerun(_ call: Step.ToolCall, recorded output: String?) -> RerunResult {
        guard let s = snapshot else { return .failed("no snapshot") }
        var tool: String? = nil
        var args = ToolArgs()
        if let spec = ToolCatalog.spec(call.name) {
            tool = spec.name
            for (k, v) in call.argumentObject { if let tv = Self.toolValue(v) { args.values[k] = tv } }
        } else if let cmd = (call.argumentObject["cmd"] ?? call.argumentObject["command"]) as? String, let (t, a) = ToolArgv.triageCommand(cmd) {
            tool = t; args = a
        }
        guard let name = tool, name != "submit_root_causes" else { return .notTriage }
        let key = name + "\u{0}" + args.values.keys.sorted().map { "\($0)=\(args.values[$0]!)" }.joined(separator: "\u{0}")
        let now: String
        if let cached = rerunOutputs[key] { now = cached } else {
            let ctx = ToolContext(snapshotPath: s.root, surface: .unspelled, opener: { s })
            now = ByteSearch.trimmed(Toolbox.run(name, args, context: ctx).text)
            rerunOutputs[key] = now
        }
        let recorded = ByteSearch.trimmed(output ?? "")
        // Shell outputs are wrapped (<stdout>…</stdout>); compare the text inside. The call may have come through the
        // command line or MCP, whose hints spell options differently: either spelling is the same answer.
        let inner = ByteSearch.between(recorded, "<stdout>", "</stdout>").map(ByteSearch.trimmed) ?? recorded
        for surface in [ToolContext.Surface.cli, .mcp] {
            let spelled = ToolResult.spell(now, surface)
            if spelled == inner || spelled == recorded { return .same }
        }
        return .differs(ToolResult.spell(now, .cli))
    }

    /// A JSON value as a tool argument (JSON booleans and numbers are both NSNumber: the type code tells them apart).
    static func toolValue(_ v: Any) -> ToolValue? {
        switch v {
        case let x as String: return .string(x)
        case let n as NSNumber:
            if n.isJSONBoolean { return .bool(n.boolValue) }
            if n.doubleValue == n.doubleValue.rounded() { return .int(n.intValue) }
            return .double(n.doubleValue)
        case let x as [String]: return .list(x)
        default: return nil
        }
    }

    /// A sum that stops at Int.max instead of trapping (token counts come from untrusted files).
    static func saturatingSum(_ xs: [Int]) -> Int {
        xs.reduce(0) { a, x in let (s, o) = a.addingReportingOverflow(max(0, x)); return o ? Int.max : s }
    }

    /// The first step whose calls or output mention `needle` (case-insensitive).
    public func firstMention(_ needle: String) -> Int? { firstMentions([needle])[needle] ?? nil }

    /// The first step mentioning each needle, in one pass over the steps (outputs kept in the file are read once).
    public func firstMentions(_ needles: [String]) -> [String: Int?] {
        var m = MentionScan(needles)
        for s in trajectory.steps where !m.done { for c in s.toolCalls where !m.done { m.look(step: s.index, c.arguments, c.output) } }
        return m.found
    }

    /// The first step mentioning each needle, fed one call at a time.
    struct MentionScan {
        private(set) var found: [String: Int?]
        private var open: [String: String]   // needle → lowercased
        init(_ needles: [String]) {
            found = Dictionary(needles.map { ($0, nil) }, uniquingKeysWith: { a, _ in a })
            open = Dictionary(needles.map { ($0, $0.lowercased()) }, uniquingKeysWith: { a, _ in a })
        }
        var done: Bool { open.isEmpty }
        mutating func look(step: Int, _ arguments: String, _ output: String?) {
            guard !open.isEmpty else { return }
            let text = arguments.lowercased() + "\n" + (output?.lowercased() ?? "")
            for (n, low) in open where ByteSearch.contains(text, low) { found[n] = step; open[n] = nil }
        }
    }

    /// A report for batch use: steps, every tool call, counts by kind, tokens, time, and the scored answer.
    public func summary() -> [String: Any] {
        let calls = trajectory.toolCalls
        var kinds: [String: Int] = [:]
        for (_, c) in calls {
            var k = c.name
            if let cmd = (c.argumentObject["cmd"] ?? c.argumentObject["command"]) as? String {
                if let (t, _) = ToolArgv.triageCommand(cmd) { k = "triage \(t)" } else { k = "\(c.name): " + (ToolArgv.shellWords(cmd)?.first ?? "?") }
            }
            kinds[k, default: 0] += 1
        }
        let times = trajectory.steps.compactMap(\.time)
        // One pass over the calls: each output is read once (a large one comes back from the file), re-run and
        // compared, and searched for the answered entities and the true root causes.
        let answerNames = (answer?.entities ?? []).map { ($0, EntityRef.parse($0)?.name ?? $0) }
        let truthNames = (truth?.rootCauseGroups ?? []).map { ($0.id, EntityRef.parse($0.naturalEntity)?.name ?? $0.id) }
        var mentions = MentionScan(answerNames.map(\.1) + truthNames.map(\.1))
        var same = 0, differs: [Int] = [], unchecked = 0
        let rerunStart = Date()
        for (step, c) in calls {
            let output = c.output
            mentions.look(step: step, c.arguments, output)
            if Date().timeIntervalSince(rerunStart) > rerunBudget { unchecked += 1; continue }
            switch rerun(c, recorded: output) { case .same: same += 1; case .differs: differs.append(step); default: break }
        }
        var out: [String: Any] = [
            "source": trajectory.source, "format": trajectory.format.rawValue, "steps": trajectory.steps.count,
            "turns": trajectory.steps.filter { $0.role == .agent }.count,
            "tool_calls": calls.map { ["step": $0.step, "name": $0.call.name, "arguments": $0.call.arguments] },
            "tool_calls_by_kind": kinds,
            "input_tokens": Self.saturatingSum(trajectory.steps.compactMap(\.inputTokens)),
            "output_tokens": Self.saturatingSum(trajectory.steps.compactMap(\.outputTokens)),
            "problems": trajectory.problems,
            "reruns": ["same": same, "differs_at_steps": differs, "not_checked": unchecked] as [String: Any],
        ]
        // The duration covers every record of the file, trailing events included.
        if let a = trajectory.startTime ?? times.first, let b = trajectory.endTime ?? times.last { out["seconds"] = b.timeIntervalSince(a) }
        out["ending"] = trajectory.ending.rawValue
        if let d = trajectory.endingDetail { out["ending_detail"] = d }
        if let a = answer {
            out["final_answer"] = a.entities
            out["answer_from"] = answerFrom ?? ""
        }
        // The first step whose calls or output show each answered entity and each true root cause (its name, or its
        // filter's literal core), found in the pass above.
        func at(_ n: String) -> Any { (mentions.found[n] ?? nil).map { $0 as Any } ?? NSNull() }
        if answer != nil { out["first_touch"] = Dictionary(answerNames.map { ($0.0, at($0.1)) }, uniquingKeysWith: { a, _ in a }) }
        if truth != nil { out["first_evidence"] = Dictionary(truthNames.map { ($0.0, at($0.1)) }, uniquingKeysWith: { a, _ in a }) }
        if let r = report {
            out["score"] = r.score
            out["precision"] = r.precision
            out["recall"] = r.recall
            out["verdicts"] = r.verdicts.map { ["entity": $0.entity, "verdict": $0.verdict.rawValue, "explanation": $0.explanation] }
        }
        return out
    }
}
