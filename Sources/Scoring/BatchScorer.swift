import Foundation
import Snapshot

/// Scores many runs of many tasks: the ITBench-AA headline (mean recall-gated precision over task × repeat),
/// per task and per run set (model).
///
/// Layouts: tasks are subdirectories of the tasks folder holding a ground truth (`ground_truth.yaml`,
/// `groundtruth_v1.yaml` or `groundtruth.yaml`; a snapshot or an ITBench scenario folder) or `*.yaml` files in it.
/// Runs are `RUNS/<task>/<repeat>/<answer file>`, `RUNS/<task>/<repeat>.<ext>` or `RUNS/<task>/<answer file>` (one repeat).
/// Task names match across spellings (`Scenario-2`, `scenario_2`, `2`).
public struct BatchScorer: Sendable {
    public struct Task: Sendable {
        public var id: String
        public var truthPath: String
        public var truth: GroundTruth
        /// Set when another version of this task's ground truth names other roots.
        public var disagreement: String? = nil
        /// The task's snapshot, when the dataset has one (baselines run on it).
        public var snapshot: String? = nil
    }

    /// A run set computed rather than read from files (a baseline such as `suspects` top-k): entities per task id.
    public struct ComputedSet: Sendable {
        public var name: String
        public var answers: @Sendable (Task) -> [String]?
        public init(name: String, answers: @escaping @Sendable (Task) -> [String]?) { self.name = name; self.answers = answers }
    }

    /// One run: an answer file, or entities a baseline computed.
    enum RunRef { case file(String), entities([String]), ambiguous(String) }

    public struct Run: Sendable, Codable {
        public var runSet: String
        public var task: String
        public var repeatID: String
        public var file: String?
        public var score: Double
        public var precision: Double?
        public var recall: Double?
        /// IBM's evaluator's F1 for the same answer (its own matching rules, see MatchProfile.ibm).
        public var ibmF1: Double = 0
        /// Why the run counted as 0 without being scored (missing or unreadable).
        public var problem: String?
        enum CodingKeys: String, CodingKey { case runSet = "run_set", task, repeatID = "repeat", file, score, precision, recall, ibmF1 = "ibm_f1", problem }
    }

    public struct TaskRow: Sendable, Codable {
        public var task: String
        public var runSet: String
        public var mean: Double
        public var repeats: Int
        public var problems: Int
        enum CodingKeys: String, CodingKey { case task, runSet = "run_set", mean, repeats, problems }
    }

    public struct RunSetRow: Sendable, Codable {
        public var runSet: String
        /// Mean over every task × repeat pair, missing runs as 0: ITBench-AA's recall-gated precision.
        public var headline: Double
        /// The same mean of IBM's F1 (IBM's evaluator's headline).
        public var ibmF1: Double
        public var pairs: Int
        public var scored: Int
        public var missing: Int
        public var perfect: Int
        enum CodingKeys: String, CodingKey { case runSet = "run_set", headline, ibmF1 = "ibm_f1", pairs, scored, missing, perfect }
    }

    /// The ground truth each task was scored against.
    public struct TaskTruth: Sendable, Codable {
        public var task: String
        public var file: String
        public var version: String
        public var disagreement: String?
    }

    public struct Report: Sendable, Codable {
        public var profile: MatchProfile
        /// The ground-truth version asked for (`--truth-version`), nil for each task's default file.
        public var truthVersion: String?
        public var truths: [TaskTruth]
        public var tasks: Int
        public var repeats: Int
        public var runSets: [RunSetRow]
        public var perTask: [TaskRow]
        public var runs: [Run]
        public var problems: [String]
        enum CodingKeys: String, CodingKey {
            case profile, truthVersion = "truth_version", truths, tasks, repeats, runSets = "run_sets", perTask = "per_task", runs, problems
        }
    }

    public let options: ScoringOptions
    /// "v1" or "v2": score every task against that version of its ground truth; nil takes each task's default file.
    public let truthVersion: String?
    public init(options: ScoringOptions = ScoringOptions(), truthVersion: String? = nil) {
        self.options = options
        self.truthVersion = truthVersion
    }

    /// `Scenario-2`, `scenario_2`, `scenario2`, `2` → `2`; other names lowercased (`TaskCatalog.canonicalID`).
    public static func canonicalTaskID(_ s: String) -> String { TaskCatalog.canonicalID(s) }

    static let truthNames = GroundTruthChoice.fileNames
    static let answerNames = ["agent_output.json", "answer.json", "submission.json", "root_causes.json", "final_answer.json", "answer.txt"]

    /// The labelled tasks of a dataset (any layout `TaskCatalog` reads). Ground truths are parsed in parallel (YAML
    /// parsing dominates a batch run).
    public static func loadTasks(_ dir: String, version: String? = nil) throws -> (tasks: [Task], problems: [String]) {
        let dataset = try TaskCatalog.open(dir)
        let found = dataset.tasks.filter { $0.truth != nil }
        let slots = Slots<Result<GroundTruthChoice, Error>>(count: found.count)
        DispatchQueue.concurrentPerform(iterations: found.count) { i in
            slots.set(i, Result { try GroundTruthChoice.of(found[i], version: version) })
        }
        var tasks: [Task] = [], problems: [String] = dataset.problems
        for (i, f) in found.enumerated() {
            switch slots.get(i)! {
            case .success(let c): tasks.append(Task(id: f.name, truthPath: c.path, truth: c.truth, disagreement: c.disagreement, snapshot: f.snapshot))
            case .failure(let e): problems.append("task \(f.name): \(e)")
            }
        }
        return (tasks, problems)
    }

    /// Answer files of one run set: task id (canonical) → repeat → file.
    public static func findRuns(_ dir: String) -> [String: [String: String]] { scanRuns(dir).runs }

    /// The runs of one run set, and the tasks whose runs are ambiguous (a flat file and a folder for the same task).
    public struct RunFolder: Sendable {
        public var runs: [String: [String: String]]
        /// Canonical task id → what is ambiguous, naming both paths.
        public var ambiguous: [String: String]
    }

    static let runExtensions = [".json", ".jsonl", ".txt"]

    /// Reads every layout of a run set: `RUNS/<task>/<repeat>/<answer file>`, `RUNS/<task>/<repeat>.json|.jsonl|.txt`,
    /// `RUNS/<task>/<answer file>`, and flat files named by task, `RUNS/<task>.json|.jsonl|.txt` (one repeat), in any
    /// task spelling (`Scenario-2.json`, `scenario_2.txt`, `2.json`).
    public static func scanRuns(_ dir: String) -> RunFolder {
        let fm = FileManager.default
        var flat: [String: String] = [:], ambiguous: [String: String] = [:]
        for entry in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where !entry.hasPrefix(".") {
            let p = (dir as NSString).appendingPathComponent(entry)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, runExtensions.contains(where: entry.hasSuffix) else { continue }
            let key = canonicalTaskID((entry as NSString).deletingPathExtension)
            if let other = flat[key] { ambiguous[key] = "two answer files for task '\(key)': \(other) and \(p)" } else { flat[key] = p }
        }
        var out = folderRuns(dir)
        for (key, file) in flat {
            if out[key] != nil {
                let folder = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted().first { canonicalTaskID($0) == key && !runExtensions.contains(where: $0.hasSuffix) } ?? key
                ambiguous[key] = "task '\(key)' has both a flat answer file and a folder of runs: \(file) and \((dir as NSString).appendingPathComponent(folder))/"
            } else if ambiguous[key] == nil { out[key] = ["1": file] }
        }
        for key in ambiguous.keys { out[key] = nil }
        return RunFolder(runs: out, ambiguous: ambiguous)
    }

    /// The nested layouts: one folder per task.
    static func folderRuns(_ dir: String) -> [String: [String: String]] {
        let fm = FileManager.default
        var out: [String: [String: String]] = [:]
        func answer(in d: String) -> String? {
            let files = ((try? fm.contentsOfDirectory(atPath: d)) ?? []).sorted()
            if let n = answerNames.first(where: files.contains) { return (d as NSString).appendingPathComponent(n) }
            return files.first { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") || $0.hasSuffix(".txt") }.map { (d as NSString).appendingPathComponent($0) }
        }
        for task in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where !task.hasPrefix(".") {
            let tp = (dir as NSString).appendingPathComponent(task)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: tp, isDirectory: &isDir), isDir.boolValue else { continue }
            let key = canonicalTaskID(task)
            var repeats: [String: String] = [:]
            for entry in ((try? fm.contentsOfDirectory(atPath: tp)) ?? []).sorted() where !entry.hasPrefix(".") {
                let ep = (tp as NSString).appendingPathComponent(entry)
                var d: ObjCBool = false
                _ = fm.fileExists(atPath: ep, isDirectory: &d)
                if d.boolValue { repeats[entry] = answer(in: ep) ?? "" }
                else if !answerNames.contains(entry), entry.hasSuffix(".json") || entry.hasSuffix(".txt") || entry.hasSuffix(".jsonl") {
                    repeats[(entry as NSString).deletingPathExtension] = ep
                }
            }
            if repeats.isEmpty, let a = answer(in: tp) { repeats["1"] = a }
            out[key] = repeats
        }
        return out
    }

    /// Scores every run set against every task; `repeats` (else the most seen) sets how many runs each task should have.
    public func run(tasksDir: String, runDirs: [String], repeats: Int? = nil, computed: [ComputedSet] = []) throws -> Report {
        let (tasks, taskProblems) = try Self.loadTasks(tasksDir, version: truthVersion)
        var problems = taskProblems
        if tasks.isEmpty { problems.append("\(tasksDir): no tasks with a ground truth found") }
        let fromFiles = runDirs.map { dir -> (String, [String: [String: RunRef]]) in
            let folder = Self.scanRuns(dir)
            var byTask = folder.runs.mapValues { $0.mapValues { RunRef.file($0) } }
            for (task, why) in folder.ambiguous { byTask[task] = ["1": .ambiguous(why)]; problems.append("\((dir as NSString).lastPathComponent): \(why)") }
            return ((dir as NSString).lastPathComponent, byTask)
        }
        let expected = repeats ?? max(1, fromFiles.flatMap { $0.1.values.map(\.count) }.max() ?? 1)
        // A baseline is deterministic: one run per task, repeated to the expected count so its headline compares.
        let fromBaselines = computed.map { set -> (String, [String: [String: RunRef]]) in
            var byTask: [String: [String: RunRef]] = [:]
            let answers = Slots<[String]>(count: tasks.count)
            DispatchQueue.concurrentPerform(iterations: tasks.count) { i in if let a = set.answers(tasks[i]) { answers.set(i, a) } }
            for (i, t) in tasks.enumerated() {
                guard let a = answers.get(i) else { continue }
                byTask[Self.canonicalTaskID(t.id)] = Dictionary(uniqueKeysWithValues: (1...expected).map { (String($0), RunRef.entities(a)) })
            }
            return (set.name, byTask)
        }
        var runs: [Run] = [], perTask: [TaskRow] = [], sets: [RunSetRow] = []
        for (setName, byTask) in fromFiles + fromBaselines {
            let known = Set(tasks.map { Self.canonicalTaskID($0.id) })
            for extra in byTask.keys.sorted() where !known.contains(extra) { problems.append("\(setName): runs for unknown task '\(extra)' ignored") }
            // Tasks are scored in parallel; results keep task order.
            let slots = Slots<(TaskRow, [Run])>(count: tasks.count)
            DispatchQueue.concurrentPerform(iterations: tasks.count) { ti in
                let task = tasks[ti]
                let scorer = Scorer(truth: task.truth, options: options)
                let ibm = Scorer(truth: task.truth, options: ScoringOptions(profile: .ibm))
                let reps = byTask[Self.canonicalTaskID(task.id)] ?? [:]
                var ids = reps.keys.sorted { (Int($0) ?? Int.max, $0) < (Int($1) ?? Int.max, $1) }
                // Missing repeats count as 0.
                var k = 1
                while ids.count < expected { let id = "missing-\(k)"; if !ids.contains(id) { ids.append(id) }; k += 1 }
                var rows: [Run] = []
                for rid in ids {
                    if case .entities(let e)? = reps[rid] {
                        let sub = Submission(format: .jsonList, entities: e, source: setName)
                        let r = scorer.score(sub)
                        rows.append(Run(runSet: setName, task: task.id, repeatID: rid, file: nil, score: r.score, precision: r.precision, recall: r.recall,
                                        ibmF1: ibm.score(sub).f1))
                        continue
                    }
                    if case .ambiguous(let why)? = reps[rid] {
                        rows.append(Run(runSet: setName, task: task.id, repeatID: rid, file: nil, score: 0, problem: "ambiguous (scored 0): \(why)"))
                        continue
                    }
                    guard case .file(let file)? = reps[rid], !file.isEmpty else {
                        rows.append(Run(runSet: setName, task: task.id, repeatID: rid, file: nil, score: 0, problem: "missing run (scored 0)"))
                        continue
                    }
                    do {
                        let sub = try Submission.load(path: file)
                        let r = scorer.score(sub)
                        rows.append(Run(runSet: setName, task: task.id, repeatID: rid, file: file, score: r.score, precision: r.precision, recall: r.recall,
                                        ibmF1: ibm.score(sub).f1))
                    } catch {
                        rows.append(Run(runSet: setName, task: task.id, repeatID: rid, file: file, score: 0, problem: "unreadable (scored 0): \(error)"))
                    }
                }
                slots.set(ti, (TaskRow(task: task.id, runSet: setName, mean: rows.map(\.score).reduce(0, +) / Double(max(1, rows.count)),
                                       repeats: rows.count, problems: rows.filter { $0.problem != nil }.count), rows))
            }
            var setRuns: [Run] = []
            for ti in tasks.indices { let (row, rows) = slots.get(ti)!; perTask.append(row); setRuns += rows }
            let headline = setRuns.isEmpty ? 0 : setRuns.map(\.score).reduce(0, +) / Double(setRuns.count)
            let ibmF1 = setRuns.isEmpty ? 0 : setRuns.map(\.ibmF1).reduce(0, +) / Double(setRuns.count)
            sets.append(RunSetRow(runSet: setName, headline: headline, ibmF1: ibmF1, pairs: setRuns.count, scored: setRuns.filter { $0.problem == nil }.count,
                                  missing: setRuns.filter { $0.problem != nil }.count, perfect: setRuns.filter { $0.score == 1 }.count))
            runs += setRuns
        }
        let truths = tasks.map { TaskTruth(task: $0.id, file: $0.truthPath, version: $0.truth.version, disagreement: $0.disagreement) }
        return Report(profile: options.profile, truthVersion: truthVersion, truths: truths, tasks: tasks.count, repeats: expected, runSets: sets, perTask: perTask, runs: runs, problems: problems)
    }
}

/// Results written by parallel workers, one slot each.
final class Slots<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); items[i] = v; lock.unlock() }
    func get(_ i: Int) -> T? { lock.lock(); defer { lock.unlock() }; return items[i] }
}
