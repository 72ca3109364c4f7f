import ArgumentParser
import Foundation
import Snapshot
import TUI
import Trajectory

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay an agent trajectory step by step against its snapshot, in the TUI or as a summary.",
        discussion: """
        Formats (detected): ATIF (Harbor, and triage's own --record files), Stirrup v0.1/v0.2 messages, OpenAI chat,
        Anthropic messages, Codex exec --json, Codex rollout JSONL, Claude Code JSONL.
        In the TUI: j/k move through steps, Enter opens the view the step looked at (with its filter), R returns,
        p plays (+/- speed), :step N jumps. triage commands in the trajectory are re-run and compared.

        Examples:
          triage replay run.json --snapshot Snapshots/incident-02
          triage replay rollout.jsonl --summary --json
        """)
    @Argument(help: "The trajectory file.") var trajectory: String
    @Option(help: "Snapshot directory (default: the one a triage recording names, else $TRIAGE_SNAPSHOT, …).") var snapshot: String?
    @Option(help: ArgumentHelp("A dataset (ITBench-Lite, ITBench-AA, a folder of snapshots): replay against the trajectory's task in it, found from --task, the snapshot the trajectory names, or the trajectory's path (runs/Scenario-2/1/trajectory.json).", valueName: "dir"), completion: .directory)
    var tasks: String?
    @Option(help: "With --tasks: the task (Scenario-2, scenario_2 or 2).") var task: String?
    @Flag(help: "Print a summary instead of opening the TUI.") var summary = false
    @Flag(help: "Summary as JSON.") var json = false
    @OptionGroup var ui: TUIOptions

    func run() throws {
        let traj: Trajectory
        do { traj = try TrajectoryReader.load(path: trajectory) } catch { throw CLIError(message: "\(error)") }
        for p in traj.problems { FileHandle.standardError.write("triage: \(p)\n".data(using: .utf8)!) }
        guard traj.format != .unknown, !traj.steps.isEmpty else {
            throw CLIError(message: "\(trajectory): not a trajectory in a known format (ATIF, Stirrup, OpenAI chat, Anthropic messages, "
                           + "Codex exec --json, Codex rollout, Claude Code JSONL)" + (traj.problems.first.map { ": \($0)" } ?? ""))
        }
        var (resolved, why) = Self.snapshotPath(given: snapshot, trajectory: trajectory, named: traj.namedSnapshot)
        var truth = resolved.flatMap { SnapshotLayout.groundTruthPath(in: $0) }.map(TruthSource.file)
        if let tasks {
            guard snapshot == nil else { throw ValidationError("give --snapshot or --tasks, not both") }
            let t = try Self.task(in: tasks, id: task, trajectory: trajectory, named: traj.namedSnapshot)
            (resolved, why, truth) = (t.snapshot, t.snapshot == nil ? "task \(t.name) has no snapshot in \(tasks); the answer is scored without one" : nil, t.truth)
        } else if task != nil { throw ValidationError("--task needs --tasks DIR") }
        if let why { FileHandle.standardError.write("triage: \(why)\n".data(using: .utf8)!) }
        let snap = try resolved.map { try SnapshotOpener.openCached($0) }
        let session = ReplaySession(trajectory: traj, snapshot: snap, truth: truth, baseDirectory: PathText.parent(trajectory))
        if summary || json {
            var s = session.summary()
            if let why { s["snapshot_problem"] = why }
            if json {
                print(JSONOutput.text(JSONOutput.success("replay", s)))
            } else {
                print(Self.text(s))
            }
            return
        }
        guard let snap else { throw CLIError(message: why ?? "no snapshot to replay against; pass --snapshot DIR") }
        let app = AppState(snapshot: snap, truth: truth)
        app.replay = session
        if try !ui.run(app) {
            print(Self.text(session.summary()))
        }
    }

    /// The trajectory's task in a dataset: `id`, else the task whose name the trajectory's snapshot or any folder
    /// on the trajectory's path carries (the deepest first). Never a guess: no match is an error.
    static func task(in dir: String, id: String?, trajectory: String, named: String?) throws -> DatasetTask {
        let dataset: Dataset
        do { dataset = try TaskCatalog.open(dir) } catch { throw CLIError(message: "\(error)") }
        if let id {
            guard let t = dataset.task(id) else { throw CLIError(message: "\(dir): no task '\(id)' (triage info --list \(dir) lists them)") }
            return t
        }
        let full = URL(fileURLWithPath: trajectory).standardizedFileURL.path
        let names = (named.map { [PathText.name($0)] } ?? []) + full.split(separator: "/").dropLast().reversed().map(String.init)
        for n in names { if let t = dataset.task(n) { return t } }
        throw CLIError(message: "\(trajectory): no task of \(dir) found in the trajectory's snapshot or path; name it with --task")
    }

    /// The snapshot to replay against: `--snapshot`; else the one the trajectory names (an absolute path, or a path
    /// relative to the trajectory file); else `$TRIAGE_SNAPSHOT` or the current directory when it is a snapshot.
    /// Never another snapshot: when the named one is missing the answer is not scored, and the reason says so.
    static func snapshotPath(given: String?, trajectory: String, named: String?) -> (String?, String?) {
        if let given { return (given, nil) }
        if let named, !named.isEmpty {
            let path = named.hasPrefix("/") ? named : PathText.parent(trajectory) + "/" + named
            if (try? SnapshotLayout(root: path)) != nil { return (path, nil) }
            return (nil, "the trajectory names snapshot '\(named)', which is not at \(path); pass --snapshot DIR. Nothing is scored or re-run.")
        }
        if let env = ProcessInfo.processInfo.environment["TRIAGE_SNAPSHOT"], !env.isEmpty { return (env, nil) }
        let cwd = FileManager.default.currentDirectoryPath
        if (try? SnapshotLayout(root: cwd)) != nil { return (cwd, nil) }
        return (nil, "the trajectory names no snapshot and none was given (--snapshot DIR): nothing is scored or re-run")
    }

    static func text(_ s: [String: Any]) -> String {
        var out = ["\(s["source"] ?? "") (\(s["format"] ?? "")): \(s["steps"] ?? 0) steps, \(s["turns"] ?? 0) agent turns, \((s["tool_calls"] as? [Any])?.count ?? 0) tool calls"]
        if let k = s["tool_calls_by_kind"] as? [String: Int] { out.append("calls: " + k.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")) }
        out.append("tokens: \(s["input_tokens"] ?? 0) in, \(s["output_tokens"] ?? 0) out" + ((s["seconds"] as? Double).map { String(format: ", %.0f s", $0) } ?? ""))
        if let r = s["reruns"] as? [String: Any] {
            let differs = (r["differs_at_steps"] as? [Int]) ?? [], skipped = (r["not_checked"] as? Int) ?? 0
            out.append("re-run triage calls: \(r["same"] ?? 0) same, \(differs.count) differ" + (differs.isEmpty ? "" : " (steps \(differs.prefix(10).map(String.init).joined(separator: ", "))\(differs.count > 10 ? ", …" : ""))")
                       + (skipped > 0 ? ", \(skipped) not checked (time budget spent)" : ""))
        }
        out.append("ended: \(s["ending"] ?? "unknown")" + ((s["ending_detail"] as? String).map { " (\($0))" } ?? ""))
        if let a = s["final_answer"] as? [String] { out.append("final answer: " + a.joined(separator: ", ") + ((s["answer_from"] as? String).map { "  [\($0)]" } ?? "")) }
        else { out.append("final answer: none found") }
        if let p = s["snapshot_problem"] as? String { out.append("snapshot: \(p)") }
        if let ft = s["first_touch"] as? [String: Any] { out.append("first touched: " + ft.sorted { $0.key < $1.key }.map { "\($0.key) at step \($0.value is NSNull ? "-" : "\($0.value)")" }.joined(separator: "; ")) }
        if let ev = s["first_evidence"] as? [String: Any] { out.append("first evidence of each root cause: " + ev.sorted { $0.key < $1.key }.map { "\($0.key) at step \($0.value is NSNull ? "never" : "\($0.value)")" }.joined(separator: "; ")) }
        if let sc = s["score"] as? Double { out.append(String(format: "score %.2f (recall-gated precision)", sc)) }
        if let v = s["verdicts"] as? [[String: String]] { for x in v { out.append("  \(x["verdict"] ?? "") \(x["entity"] ?? ""): \(x["explanation"] ?? "")") } }
        if let p = s["problems"] as? [String], !p.isEmpty { out.append("problems: " + p.joined(separator: "; ")) }
        return out.joined(separator: "\n")
    }
}
