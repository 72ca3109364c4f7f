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
    private var rerunCache: [String: RerunResult] = [:]

    public enum RerunResult: Equatable, Sendable { case same, differs(String), notTriage, failed(String) }

    /// Where the final answer came from ("step 12 (wrote agent_output.json (apply_patch))"), when one was found.
    public let answerFrom: String?

    /// `baseDirectory`: the trajectory's directory, for answer files that a finish call names.
    public init(trajectory: Trajectory, snapshot: Snapshot?, truthPath: String?, baseDirectory: String? = nil) {
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
        truth = truthPath.flatMap { try? GroundTruth.load(path: $0) }
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
        }
        let entity = (a["entity"] ?? a["service"]).flatMap { e in try? snapshot?.entity(e) }
        return ViewScope(entity: entity, minLevel: a["level"].flatMap(LogIndex.Level.parse), type: a["type"], reason: a["reason"])
    }

    /// Re-runs a triage command (MCP tool or `triage …` shell command) and compares it with the recorded output.
    public func rerun(_ call: Step.ToolCall) -> RerunResult {
        if let r = rerunCache[call.id + call.arguments] { return r }
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
        let ctx = ToolContext(snapshotPath: s.root, opener: { s })
        let result = Toolbox.run(name, args, context: ctx)
        let recorded = (call.output ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // Shell outputs are wrapped (<stdout>…</stdout>); compare the text inside.
        var inner = recorded
        if let a = recorded.range(of: "<stdout>"), let b = recorded.range(of: "</stdout>") { inner = String(recorded[a.upperBound..<b.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines) }
        let now = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let r: RerunResult = now == inner || now == recorded ? .same : .differs(now)
        rerunCache[call.id + call.arguments] = r
        return r
    }

    /// A JSON value as a tool argument (JSON booleans and numbers are both NSNumber: the type code tells them apart).
    static func toolValue(_ v: Any) -> ToolValue? {
        switch v {
        case let x as String: return .string(x)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
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
    public func firstMention(_ needle: String) -> Int? {
        let n = needle.lowercased()
        for s in trajectory.steps {
            for c in s.toolCalls where c.arguments.lowercased().contains(n) || (c.output?.lowercased().contains(n) ?? false) { return s.index }
        }
        return nil
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
        var same = 0, differs: [Int] = []
        for (step, c) in calls {
            switch rerun(c) { case .same: same += 1; case .differs: differs.append(step); default: break }
        }
        var out: [String: Any] = [
            "source": trajectory.source, "format": trajectory.format.rawValue, "steps": trajectory.steps.count,
            "turns": trajectory.steps.filter { $0.role == .agent }.count,
            "tool_calls": calls.map { ["step": $0.step, "name": $0.call.name, "arguments": $0.call.arguments] },
            "tool_calls_by_kind": kinds,
            "input_tokens": Self.saturatingSum(trajectory.steps.compactMap(\.inputTokens)),
            "output_tokens": Self.saturatingSum(trajectory.steps.compactMap(\.outputTokens)),
            "problems": trajectory.problems,
            "reruns": ["same": same, "differs_at_steps": differs],
        ]
        // The duration covers every record of the file, trailing events included.
        if let a = trajectory.startTime ?? times.first, let b = trajectory.endTime ?? times.last { out["seconds"] = b.timeIntervalSince(a) }
        out["ending"] = trajectory.ending.rawValue
        if let d = trajectory.endingDetail { out["ending_detail"] = d }
        if let a = answer {
            out["final_answer"] = a.entities
            out["answer_from"] = answerFrom ?? ""
            out["first_touch"] = Dictionary(uniqueKeysWithValues: a.entities.map { e in (e, firstMention(EntityRef.parse(e)?.name ?? e).map { $0 as Any } ?? NSNull()) })
        }
        if let gt = truth {
            // The first step whose output shows each true root cause (its name, or its filter's literal core).
            var evidence: [String: Any] = [:]
            for g in gt.rootCauseGroups {
                let name = EntityRef.parse(g.naturalEntity)?.name ?? g.id
                evidence[g.id] = firstMention(name).map { $0 as Any } ?? NSNull()
            }
            out["first_evidence"] = evidence
        }
        if let r = report {
            out["score"] = r.score
            out["precision"] = r.precision
            out["recall"] = r.recall
            out["verdicts"] = r.verdicts.map { ["entity": $0.entity, "verdict": $0.verdict.rawValue, "explanation": $0.explanation] }
        }
        return out
    }
}
