import Foundation
import Scoring
import Snapshot

/// Recording the final answer; the scorer's verdict only in practice mode.
extension Toolbox {
    static func submit(_ a: ToolArgs, _ ctx: ToolContext) throws -> (String, [String: Any]) {
        let entities = a.list("root_causes").flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        guard !entities.isEmpty else { throw ToolError("bad_argument", "submit_root_causes: give at least one entity") }
        for e in entities where EntityRef.parse(e) == nil {
            throw ToolError("bad_argument", "submit_root_causes: '\(e.prefix(80))' is not an entity (namespace/Kind/name)")
        }
        var answer: [String: Any] = ["root_causes": entities]
        if let r = a.string("reason") { answer["reason"] = r }
        if let path = ctx.submissionPath {
            let data = try JSONSerialization.data(withJSONObject: answer, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            do { try AtomicFile.write(data, to: path) } catch { throw ToolError("io", "cannot write the answer to \(path): \(error)") }
        }
        var text = "recorded \(entities.count) root cause(s): " + entities.joined(separator: ", ")
        if let path = ctx.submissionPath { text += "\nwritten to \(path)" }
        var json: [String: Any] = ["root_causes": entities, "recorded": true]
        if ctx.feedback {
            guard let gtPath = SnapshotLayout.groundTruthPath(in: ctx.snapshotPath), let gt = try? GroundTruth.load(path: gtPath) else {
                return (text + "\n(practice mode, but this snapshot has no ground truth: no score)", json)
            }
            let r = Scorer(truth: gt).score(entities: entities, snapshot: try? ctx.snapshot())
            text += String(format: "\nscore %.2f (recall-gated precision), precision %.2f, recall %.2f", r.score, r.precision, r.recall)
            for v in r.verdicts { text += "\n  \(v.verdict.rawValue) \(v.entity): \(v.explanation)" }
            if !r.missed.isEmpty { text += "\n  missed \(r.missed.count) root cause(s)" }
            json["score"] = Render.plain(r)
        } else {
            text += "\n(evaluation mode: no score is returned)"
        }
        return (text, json)
    }
}
