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
        """)
    @Argument(help: "A snapshot, or a folder of task snapshots (default: the shipped ones).") var target: String?
    @Option(help: "Submissions allowed before the reveal.") var attempts = 1
    @Flag(help: "Allow tasks already practised.") var again = false
    @Option(help: "Seed for the random task choice.") var seed: UInt64?
    @OptionGroup var ui: TUIOptions

    func run() throws {
        guard attempts >= 1 else { throw ValidationError("--attempts must be at least 1") }
        let store = PracticeStore.standard()
        let path = try pick(store: store)
        guard let truth = SnapshotLayout.groundTruthPath(in: path) else {
            throw CLIError(message: "\(path): has no ground_truth.yaml, so it cannot be scored; pick a labelled task")
        }
        let task = (path as NSString).lastPathComponent
        let s = try SnapshotOpener.openCached(path, saveInBackground: !ui.headless)
        let app = AppState(snapshot: s, truthPath: truth)
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

    /// The snapshot to practise: the one given, or a random labelled task from a folder not yet practised.
    func pick(store: PracticeStore) throws -> String {
        let given = target ?? SnapshotCatalog.shippedDirectory()
        guard let given else { throw ValidationError("no tasks folder given and no shipped Snapshots/ found") }
        if (try? SnapshotLayout(root: given)) != nil { return given }
        let tasks = SnapshotCatalog.list(given).filter { SnapshotLayout.groundTruthPath(in: $0) != nil }
        guard !tasks.isEmpty else { throw CLIError(message: "\(given): no labelled snapshots (with ground_truth.yaml) in this folder") }
        let done = Set(store.results().results.map { ($0.snapshot as NSString).standardizingPath })
        let open = again ? tasks : tasks.filter { !done.contains(($0 as NSString).standardizingPath) }
        guard !open.isEmpty else { throw CLIError(message: "you have practised all \(tasks.count) tasks in \(given); use --again to repeat") }
        var rng = RNG(seed: seed ?? UInt64.random(in: 1...UInt64.max))
        return open[rng.int(open.count)]
    }
}
