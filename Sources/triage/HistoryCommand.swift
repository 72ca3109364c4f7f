import ArgumentParser
import Foundation
import Snapshot
import TUI

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Your practice sessions and their headline score (the benchmark's mean recall-gated precision).",
        discussion: """
        Lists every finished `triage practice` session: when, task, score, precision, recall, time, submissions.
        The summary uses the benchmark's headline metric (mean score over task × repeat pairs), so it compares
        directly with published model scores on ITBench-AA.
        """)
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let store = PracticeStore.standard()
        let (results, problems) = store.results()
        for p in problems { FileHandle.standardError.write("warning: \(p)\n".data(using: .utf8)!) }
        let n = Double(max(1, results.count))
        let mean = results.map(\.score).reduce(0, +) / n
        let meanTime = results.map(\.seconds).reduce(0, +) / n
        let tasks = Set(results.map(\.task)).count
        let grouped: [String: [PracticeSession.Result]] = Dictionary(grouping: results, by: \.task)
        let perTask: [TaskSummary] = grouped.keys.sorted().map { TaskSummary(task: $0, results: grouped[$0]!) }
        if json {
            struct Out: Encodable {
                let sessions: [PracticeSession.Result]; let perTask: [TaskSummary]; let headline: Double; let meanSeconds: Double; let tasks: Int; let directory: String
            }
            let out = Out(sessions: results, perTask: perTask, headline: mean, meanSeconds: meanTime, tasks: tasks, directory: store.dir)
            print(JSONOutput.text(JSONOutput.success("history", JSONOutput.plain(out))))
            return
        }
        guard !results.isEmpty else { print("No practice sessions yet in \(store.dir); start one with `triage practice`."); return }
        let f = DateFormatter(); f.dateFormat = "yyyy-MM-dd HH:mm"
        print("WHEN              TASK              SCORE  PREC  RECALL    TIME  SUBMITS")
        for r in results {
            let task = r.task.count > 16 ? String(r.task.prefix(15)) + "…" : r.task.padding(toLength: 16, withPad: " ", startingAt: 0)
            print(String(format: "%@  %@  %5.2f  %4.2f  %6.2f  %@  %7d", f.string(from: r.started), task, r.score, r.precision, r.recall,
                         Self.duration(r.seconds, width: 6), r.attempts))
        }
        print("\nTASK              SESSIONS   MEAN   BEST  MEAN TIME")
        for t in perTask {
            let name = t.task.count > 16 ? String(t.task.prefix(15)) + "…" : t.task.padding(toLength: 16, withPad: " ", startingAt: 0)
            print(String(format: "%@  %8d  %5.2f  %5.2f  %@", name, t.sessions, t.meanScore, t.best, Self.duration(t.meanSeconds, width: 9)))
        }
        print(String(format: "\nheadline %.3f (mean recall-gated precision over %d session%@ on %d task%@), mean time %@",
                     mean, results.count, results.count == 1 ? "" : "s", tasks, tasks == 1 ? "" : "s", Self.duration(meanTime)))
        print("sessions and trajectories: \(store.dir)")
    }

    /// One task's sessions, summarised.
    struct TaskSummary: Encodable {
        let task: String, sessions: Int, meanScore: Double, best: Double, meanSeconds: Double
        init(task: String, results rs: [PracticeSession.Result]) {
            let n = Double(rs.count)
            self.task = task
            sessions = rs.count
            meanScore = rs.reduce(0.0) { $0 + $1.score } / n
            best = rs.map(\.score).max() ?? 0
            meanSeconds = rs.reduce(0.0) { $0 + $1.seconds } / n
        }
    }

    /// `m:ss`, right-aligned to `width` cells when given.
    static func duration(_ s: Double, width: Int = 0) -> String {
        let d = String(format: "%d:%02d", Int(s) / 60, Int(s) % 60)
        return String(repeating: " ", count: max(0, width - d.count)) + d
    }
}
