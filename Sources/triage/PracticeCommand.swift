import ArgumentParser
import Foundation
import Generator
import Snapshot
import TUI

struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "A timed practice session: find the root cause with the ground truth hidden, then see the answer.",
        discussion: """
        Given a snapshot, practises on it; given a folder of tasks (default: the shipped Snapshots/), picks a random
        one you have not practised yet (--again allows repeats). The timer runs in the status line; S submits the
        basket. One submission by default (--attempts N for more); after the last one (or a perfect score) the
        score panel reveals the root causes, the propagation chain and why each false positive was wrong.
        The session is recorded as an ATIF trajectory under the data directory; `triage history` lists results.

        Examples:
          triage practice                         # a random shipped task you have not done
          triage practice Snapshots/incident-04 --attempts 2
          triage practice ~/data/ITBench-AA --task 2   # a task of a fetched dataset (triage fetch aa)
          triage practice --itbench ../shared/itbench/groundtruth   # a real ITBench scenario, generated on first use
          triage practice --curriculum            # a lesson of the curriculum (every fault category)

        --itbench DIR takes a folder of ITBench scenario folders (each a scenario.yaml and its ground truths) or one
        of them: a scenario you have not practised is generated into the cache (once; `triage generate --itbench`
        writes the same incident) and opened. History names it itbench/<scenario>.
        """)
    @Argument(help: "A snapshot, or a dataset of tasks: ITBench-Lite, ITBench-AA, a folder of snapshots (default: the shipped ones).") var target: String?
    @Option(help: "The dataset's task to practise (Scenario-2, scenario_2 or 2) instead of a random one.") var task: String?
    @Option(help: "A folder of ITBench scenario folders (or one): practise a generated incident of a real scenario.") var itbench: String?
    @Flag(help: "Practise the curriculum: lessons covering every fault category of ITBench's library, generated on first use (a folder of scenario files may be given as the target).") var curriculum = false
    @Option(help: "Submissions allowed before the reveal (1 to 100).") var attempts = 1
    @Flag(help: "Allow tasks already practised.") var again = false
    @Option(help: "Seed for the random task choice.") var seed: UInt64?
    @OptionGroup var ui: TUIOptions

    func validate() throws {
        try OptionRange.check("--attempts", attempts, 1...100)
        if itbench != nil, target != nil { throw ValidationError("give a snapshot or dataset, or --itbench DIR, not both") }
        if itbench != nil, curriculum { throw ValidationError("--itbench and --curriculum are two different sets of tasks: give one") }
    }

    func run() throws {
        let store = PracticeStore.standard()
        let picked = try pick(store: store)
        let path = picked.snapshot!
        guard let truth = picked.truth else {
            throw CLIError(message: "\(path): has no ground truth, so it cannot be scored; pick a labelled task")
        }
        let task = picked.name
        let s = try SnapshotOpener.openCached(path, saveInBackground: !ui.headless)
        let app = AppState(snapshot: s, truth: truth)
        let session = PracticeSession(task: task, snapshot: path, attempts: attempts)
        let trajectory = try store.newSessionPath(task: task)
        session.trajectory = trajectory
        app.onEvent = SessionRecorder(path: trajectory, snapshot: path).callback
        session.onFinish = { r in
            do { try store.save(r, trajectory: trajectory) }
            catch { FileHandle.standardError.write("triage: cannot save the practice result: \(error)\n".data(using: .utf8)!) }
        }
        if let d = SnapshotCatalog.description(of: path) { session.brief = d }
        app.practice = session
        if try !ui.run(app) {
            throw CLIError(message: "practice needs a terminal (or --headless)")
        }
        if let r = session.result {
            print(String(format: "%@: score %.2f in %@ (%d submission%@); trajectory %@", task, r.score, HistoryCommand.duration(r.seconds), r.attempts,
                         r.attempts == 1 ? "" : "s", trajectory))
        } else {
            let recorded = FileManager.default.fileExists(atPath: trajectory)
            print("\(task): not submitted" + (recorded ? "; the trajectory so far is \(trajectory)" : ", nothing recorded"))
        }
    }

    /// The task to practise: the snapshot given, the `--task` of the dataset given, or a random labelled task of the
    /// dataset (any layout TaskCatalog reads) not yet practised.
    func pick(store: PracticeStore) throws -> DatasetTask {
        if let itbench { return try pickITBench(itbench, store: store) }
        if curriculum { return try pickLesson(store: store) }
        let given = target ?? SnapshotCatalog.shippedDirectory()
        guard let given else { throw ValidationError("no tasks folder given and no shipped Snapshots/ found") }
        let dataset: Dataset
        do { dataset = try TaskCatalog.open(given) } catch { throw CLIError(message: "\(error)") }
        for p in dataset.problems { FileHandle.standardError.write(Data("triage: warning: \(p)\n".utf8)) }
        if let task {
            guard let t = dataset.task(task), t.snapshot != nil else {
                throw CLIError(message: "\(given): no task '\(task)' with a snapshot (triage info --list \(given) lists them)")
            }
            return t
        }
        if dataset.layout == .snapshot, let t = dataset.tasks.first { return t }
        let tasks = dataset.tasks.filter { $0.snapshot != nil && $0.truth != nil }
        guard !tasks.isEmpty else { throw CLIError(message: "\(given): no labelled snapshots (a snapshot with its ground truth) in this \(dataset.layout.rawValue) dataset") }
        let done = Set(store.results().results.map { ($0.snapshot as NSString).standardizingPath })
        let open = again ? tasks : tasks.filter { !done.contains(($0.snapshot! as NSString).standardizingPath) }
        guard !open.isEmpty else { throw CLIError(message: "you have practised all \(tasks.count) tasks in \(given); use --again to repeat") }
        var rng = RNG(seed: seed ?? UInt64.random(in: 1...UInt64.max))
        return open[rng.int(open.count)]
    }

    /// An ITBench scenario of `root` (the `--task` one, else a random one not practised yet), its incident generated
    /// into the cache on first use.
    func pickITBench(_ root: String, store: PracticeStore) throws -> DatasetTask {
        let folders = ITBenchIncident.scenarioFolders(in: root)
        guard !folders.isEmpty else { throw CLIError(message: "\(root): no ITBench scenario folders (a folder holding scenario.yaml, or a folder of them)") }
        func name(_ f: String) -> String { (f as NSString).lastPathComponent }
        let chosen: String
        if let task {
            guard let f = folders.first(where: { TaskCatalog.canonicalID(name($0)) == TaskCatalog.canonicalID(task) }) else {
                throw CLIError(message: "\(root): no scenario '\(task)' (it has \(folders.map(name).prefix(8).joined(separator: ", "))\(folders.count > 8 ? ", …" : ""))")
            }
            chosen = f
        } else {
            chosen = try unpractised(folders, task: { "itbench/" + name($0) }, store: store, what: "scenarios in \(root)")
        }
        if !ui.headless { FileHandle.standardError.write(Data("triage: preparing \(name(chosen))…\n".utf8)) }
        let path: String
        do { path = try ITBenchIncident.cached(dir: chosen, in: IndexCache.directory).path } catch let e as GeneratorError { throw CLIError(message: e.description) }
        return generatedTask(id: TaskCatalog.canonicalID(name(chosen)), name: "itbench/\(name(chosen))", path: path)
    }

    /// A lesson of the curriculum (the `--task` one, else a random one not practised yet), generated on first use.
    func pickLesson(store: PracticeStore) throws -> DatasetTask {
        guard let dir = target ?? SnapshotCatalog.curriculumDirectory() else { throw CLIError(message: "no curriculum found (scripts/curriculum or share/triage/curriculum)") }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        guard !files.isEmpty else { throw CLIError(message: "\(dir): no scenario files (*.yaml)") }
        func name(_ f: String) -> String { String(f.dropLast(5)) }
        let chosen: String
        if let task {
            guard let f = files.first(where: { name($0) == task || name($0).hasPrefix(task + "-") || name($0).hasPrefix("lesson-\(task)-") }) else {
                throw CLIError(message: "\(dir): no lesson '\(task)' (it has \(files.map(name).joined(separator: ", ")))")
            }
            chosen = f
        } else {
            chosen = try unpractised(files, task: { "curriculum/" + name($0) }, store: store, what: "lessons in \(dir)")
        }
        let path: String
        do { path = try ScenarioFile.cached(path: (dir as NSString).appendingPathComponent(chosen), in: IndexCache.directory).path }
        catch let e as GeneratorError { throw CLIError(message: e.description) }
        return generatedTask(id: name(chosen), name: "curriculum/\(name(chosen))", path: path)
    }

    /// A random one of `items` whose practice task name history does not hold yet (any of them with `--again`).
    func unpractised(_ items: [String], task: (String) -> String, store: PracticeStore, what: String) throws -> String {
        let done = Set(store.results().results.map(\.task))
        let open = again ? items : items.filter { !done.contains(task($0)) }
        guard !open.isEmpty else { throw CLIError(message: "you have practised all \(items.count) \(what); use --again to repeat") }
        var rng = RNG(seed: seed ?? UInt64.random(in: 1...UInt64.max))
        return open[rng.int(open.count)]
    }

    /// The task of an incident generated into the cache, scored against the ground truth written beside it.
    func generatedTask(id: String, name: String, path: String) -> DatasetTask {
        DatasetTask(id: id, name: name, snapshot: path, truth: .file((path as NSString).appendingPathComponent("ground_truth.yaml")), truthDirectory: path)
    }
}
