import Foundation
import Scoring
import Snapshot

/// Text and Markdown tables for a batch score report.
enum BatchRender {
    static func f(_ x: Double) -> String { String(format: "%.3f", x) }

    static func text(_ r: BatchScorer.Report) -> String {
        var out: [String] = ["\(r.tasks) tasks × \(r.repeats) repeats, profile \(r.profile.rawValue), \(truthLine(r))",
                             "headline: ITBench-AA recall-gated precision (\(r.profile.rawValue)); ibm F1: IBM's evaluator's headline", ""]
        out.append(Format.table([["run set", "headline", "ibm F1", "pairs", "scored", "missing", "perfect"]] + r.runSets.map {
            [$0.runSet, f($0.headline), f($0.ibmF1), "\($0.pairs)", "\($0.scored)", "\($0.missing)", "\($0.perfect)"]
        }, rightAligned: [1, 2, 3, 4, 5, 6]))
        out.append("")
        let sets = r.runSets.map(\.runSet)
        let tasks = Array(NSOrderedSet(array: r.perTask.map(\.task))) as! [String]
        var rows = [["task"] + sets]
        for t in tasks {
            rows.append([t] + sets.map { s in r.perTask.first { $0.task == t && $0.runSet == s }.map { f($0.mean) + ($0.problems > 0 ? " (\($0.problems)!)" : "") } ?? "-" })
        }
        out.append(Format.table(rows, rightAligned: Set(1...max(1, sets.count))))
        let bad = r.runs.filter { $0.problem != nil }
        if !bad.isEmpty {
            out.append("")
            out.append("runs counted as 0:")
            for b in bad.prefix(30) { out.append("  \(b.runSet) \(b.task) \(b.repeatID): \(b.problem!)") }
            if bad.count > 30 { out.append("  … \(bad.count - 30) more (--format json)") }
        }
        for t in r.truths where t.disagreement != nil { out.append("note: task \(t.task) (\((t.file as NSString).lastPathComponent)): \(t.disagreement!)") }
        for p in r.problems { out.append("problem: \(p)") }
        return out.joined(separator: "\n")
    }

    /// Which ground-truth files were used: "ground truth v1 for 29 tasks, v2 for 1".
    static func truthLine(_ r: BatchScorer.Report) -> String {
        let byVersion = Dictionary(grouping: r.truths, by: \.version).sorted { $0.key < $1.key }
        let asked = r.truthVersion.map { " (--truth-version \($0))" } ?? ""
        return "ground truth " + byVersion.map { "\($0.key) for \($0.value.count) task\($0.value.count == 1 ? "" : "s")" }.joined(separator: ", ") + asked
    }

    static func markdown(_ r: BatchScorer.Report) -> String {
        var out = ["**\(r.tasks) tasks × \(r.repeats) repeats**, profile `\(r.profile.rawValue)`, \(truthLine(r)); headline = mean recall-gated precision over task × repeat (missing runs count 0); ibm F1 = the mean of IBM's evaluator's F1.", ""]
        out.append("| run set | headline | ibm F1 | pairs | scored | missing | perfect |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        for s in r.runSets { out.append("| \(s.runSet) | \(f(s.headline)) | \(f(s.ibmF1)) | \(s.pairs) | \(s.scored) | \(s.missing) | \(s.perfect) |") }
        out.append("")
        let sets = r.runSets.map(\.runSet)
        out.append("| task | " + sets.joined(separator: " | ") + " |")
        out.append("|---|" + sets.map { _ in "---:" }.joined(separator: "|") + "|")
        let tasks = Array(NSOrderedSet(array: r.perTask.map(\.task))) as! [String]
        for t in tasks {
            out.append("| \(t) | " + sets.map { s in r.perTask.first { $0.task == t && $0.runSet == s }.map { f($0.mean) } ?? "-" }.joined(separator: " | ") + " |")
        }
        let bad = r.runs.filter { $0.problem != nil }
        if !bad.isEmpty { out.append(""); out.append("Runs counted as 0: " + bad.map { "\($0.runSet)/\($0.task)/\($0.repeatID)" }.joined(separator: ", ")) }
        let split = r.truths.filter { $0.disagreement != nil }
        if !split.isEmpty { out.append(""); out += split.map { "Note: task \($0.task): \($0.disagreement!)" } }
        return out.joined(separator: "\n")
    }
}
