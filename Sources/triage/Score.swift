import ArgumentParser
import Foundation
import Scoring
import Snapshot

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score root-cause submissions: recall-gated precision, precision, recall, F1 and a verdict per entity.",
        discussion: """
        Submissions: a JSON list of entities; {"root_causes": [...]} (strings or {name, kind, namespace});
        IBM agent_output.json (entities with contributing_factor: true); a trajectory's final answer;
        or plain text, one entity per line. Entities: ns/Kind/name, Kind/name, ns/name; kubectl kinds, any case.

        Batch mode scores RUNS/<task>/<repeat>/<answer file> for every task folder holding a ground truth;
        the headline is the mean over every task x repeat pair, a missing or unreadable run counting as 0.

        Examples:
          triage score --snapshot Snapshots/incident-01 answer.json
          echo '["otel-demo/cm/flagd-config"]' | triage score --truth ground_truth.yaml -
          triage score --tasks tasks/ --runs runs/model-a --runs runs/model-b --format markdown
        """)
    @Argument(help: "Submission file ('-' or /dev/stdin for standard input).", completion: .file()) var submission: String?
    @Option(help: "Ground-truth YAML (any ITBench shape; '-' for standard input).", completion: .file(extensions: ["yaml", "yml"])) var truth: String?
    @Option(help: "Snapshot directory: its ground truth is used, and entities missing from it are reported.", completion: .directory) var snapshot: String?
    @Option(help: "Matching profile: lenient (default), strict, or ibm (IBM's evaluator: every alias hit counts, infrastructure namespaces dropped, headline F1).")
    var profile: String = MatchProfile.default.rawValue
    @Option(help: "Ground-truth version to score against where a task has both: v1 (groundtruth_v1.yaml) or v2 (groundtruth.yaml).")
    var truthVersion: String?
    @Flag(help: "Drop entities in benchmark-infrastructure namespaces before scoring.") var excludeInfra = false
    @Flag(help: "Print JSON (in batch mode too; the same as --format json).") var json = false
    @Option(help: "Batch: a folder of tasks (each with a ground truth).") var tasks: String?
    @Option(help: "Batch: a folder of runs (repeatable, one per model or run set).") var runs: [String] = []
    @Option(help: "Batch: runs expected per task, 1 to 1000 (default: the most found).") var repeats: Int?
    @Option(help: ArgumentHelp("Batch: add baseline rows computed on each task's snapshot: suspects (submitting the top 1, 2 and 3 of triage suspects).", valueName: "name"))
    var baseline: [String] = []
    @Option(help: "Output: text, markdown (batch) or json (default: text, or json with --json).") var format: String?

    /// The output asked for: --format, else --json, else text.
    var output: String { format ?? (json ? "json" : "text") }
    @Option(help: ArgumentHelp("Exit 1 when the score (the batch headline in batch mode) is below this, for CI.", valueName: "score"))
    var failUnder: Double?

    func validate() throws {
        guard MatchProfile(rawValue: profile) != nil else { throw ValidationError("--profile must be lenient, strict or ibm") }
        if let v = truthVersion, !["v1", "v2"].contains(v) { throw ValidationError("--truth-version must be v1 or v2") }
        if truthVersion != nil && truth != nil { throw ValidationError("--truth-version chooses among a snapshot's or task's files; with --truth give the file itself") }
        if let format, !["text", "markdown", "json"].contains(format) { throw ValidationError("--format must be text, markdown or json") }
        if json, let format, format != "json" { throw ValidationError("--json and --format \(format) disagree; give one") }
        if tasks == nil, format == "markdown" { throw ValidationError("--format markdown is for batch mode (--tasks); a single score is text or json") }
        try OptionRange.check("--fail-under", failUnder, 0...1)
        try OptionRange.check("--repeats", repeats, 1...1000)
        if submission == "-" && truth == "-" { throw ValidationError("standard input can be read once: give the submission or the ground truth as '-', not both") }
        if tasks != nil {
            if runs.isEmpty && baseline.isEmpty { throw ValidationError("batch mode needs --runs DIR (one or more) or --baseline suspects") }
            if let b = baseline.first(where: { $0 != "suspects" }) { throw ValidationError("unknown baseline '\(b)'; the baseline is: suspects") }
        } else {
            if submission == nil { throw ValidationError("give a submission file (or '-' for stdin), or --tasks and --runs for batch mode") }
            if truth == nil && snapshot == nil { throw ValidationError("give --truth GT.yaml or --snapshot DIR") }
        }
    }

    func run() throws {
        let options = ScoringOptions(profile: MatchProfile(rawValue: profile)!, excludeInfrastructure: excludeInfra)
        if let tasks { try runBatch(tasks: tasks, options: options); return }
        var snap: Snapshot? = nil
        let choice: GroundTruthChoice
        do {
            if let truth { choice = try GroundTruthChoice.file(truth) }
            else { choice = try GroundTruthChoice.choose(in: snapshot!, version: truthVersion) }
        } catch { throw CLIError(message: "\(error)") }
        if let s = snapshot { snap = try SnapshotOpener.open(s) }
        let gt = choice.truth
        let sub: Submission
        do { sub = try Submission.load(path: submission!) } catch { throw CLIError(message: "\(error)") }
        var report = Scorer(truth: gt, options: options).score(sub, snapshot: snap)
        report.truth?.disagreement = choice.disagreement
        if output == "json" { print(JSONOutput.text(JSONOutput.success("score", JSONOutput.plain(report)))) } else { print(Self.render(report, submission: sub)) }
        try Self.check(report.score, failUnder: failUnder)
    }

    /// `--fail-under`: exit 1 below the threshold, saying so on stderr.
    static func check(_ score: Double, failUnder: Double?) throws {
        guard let f = failUnder, score < f else { return }
        throw CLIError(message: "score \(pct(score)) is below --fail-under \(pct(f))", status: .negative)
    }

    static func pct(_ x: Double) -> String { String(format: "%.2f", x) }

    static func render(_ r: ScoreReport, submission: Submission) -> String {
        var out = ["score \(pct(r.score))  (recall-gated precision)   precision \(pct(r.precision))  recall \(pct(r.recall))  F1 \(pct(r.f1))"
                   + (r.profile == .ibm ? "  (F1 is IBM's headline)" : ""),
                   "TP \(r.truePositives)  FP \(r.falsePositives)  root causes found \(r.matchedClasses)/\(r.rootCauseClasses)  profile \(r.profile.rawValue)  (\(submission.format.rawValue), \(submission.entities.count) entities)",
                   ""]
        let glyph: [ScoreReport.Kind: String] = [.truePositive: "✔ TP ", .falsePositive: "✘ FP ", .duplicate: "= dup", .excluded: "- exc"]
        let width = min(60, r.verdicts.map(\.entity.count).max() ?? 0)
        for v in r.verdicts {
            let ent = v.entity.padding(toLength: max(width, v.entity.count), withPad: " ", startingAt: 0)
            let rc = v.verdict == .truePositive ? "root cause \(v.rootCause ?? ""): " : ""
            out.append("  \(glyph[v.verdict]!)  \(ent)  \(rc)\(v.explanation)")
        }
        if r.verdicts.isEmpty { out.append("  (no entities submitted)") }
        if !r.missed.isEmpty {
            out.append("")
            out.append("missed root causes (any one of these would have counted):")
            for m in r.missed { out.append("  ✘ \(m.rootCause): " + m.acceptedAs.joined(separator: "; ")) }
        }
        if let t = r.truth {
            out.append("")
            out.append("ground truth: \(t.file ?? "(given)") (\(t.version))")
            if let d = t.disagreement { out.append("note: \(d)") }
        }
        if !r.notes.isEmpty { out.append(""); out += r.notes.map { "note: \($0)" } }
        return out.joined(separator: "\n")
    }

    func runBatch(tasks: String, options: ScoringOptions) throws {
        // The suspects baseline: the top k of the deterministic ranking, on each task's snapshot (its index cached).
        let computed = baseline.isEmpty ? [] : (1...3).map { k in
            BatchScorer.ComputedSet(name: "suspects top-\(k)") { task in
                guard let path = task.snapshot, let s = try? IndexCache.open(path) else { return nil }
                return s.suspects(limit: k).map(\.entity)
            }
        }
        let report = try BatchScorer(options: options, truthVersion: truthVersion).run(tasksDir: tasks, runDirs: runs, repeats: repeats, computed: computed)
        switch output {
        case "json": print(JSONOutput.text(JSONOutput.success("score", JSONOutput.plain(report))))
        case "markdown": print(BatchRender.markdown(report))
        default: print(BatchRender.text(report))
        }
        try Self.check(report.runSets.map(\.headline).min() ?? 0, failUnder: failUnder)
    }
}
