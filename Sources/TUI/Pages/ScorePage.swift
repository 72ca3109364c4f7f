import Foundation
import Scoring
import Snapshot

/// The score of the last submission: recall-gated precision, each entity's verdict with why, the root causes
/// missed; in a practice session, verdicts stay hidden until the last attempt, then the answer is revealed.
final class ScorePage: PageController {
    var title: String { "Score" }
    var help: String { "Score: recall-gated precision of the submitted basket, a verdict per entity. Esc returns, b edits the basket, S resubmits." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        let head = [Column("SCORE — Esc returns, b edits the basket, S resubmits", .flex(min: 10))]
        guard let r = app.lastScore else {
            return ([Column("SCORE", .flex(min: 10))], [Row(["No ground truth ships with this snapshot, so there is no score."], role: .warn),
                                                        Row(["Submitted: " + app.basket.joined(separator: ", ")])])
        }
        var rows = [Row([String(format: "score %.2f   (recall-gated precision: 0 if any root cause is missed, else TP/(TP+FP))", r.score)], role: r.score == 1 ? .good : r.score > 0 ? .warn : .bad),
                    Row([String(format: "precision %.2f   recall %.2f   F1 %.2f   root causes found %d/%d", r.precision, r.recall, r.f1, r.matchedClasses, r.rootCauseClasses)]),
                    Row([""])]
        if let p = app.practice, !p.revealed {
            rows.append(Row(["Practice: attempt \(p.used) of \(p.allowed). Which entities were right stays hidden until the last attempt."], role: .info))
            return (head, rows)
        }
        let width = app.contentWidth - 1
        for v in r.verdicts {
            let glyph = v.verdict == .truePositive ? "✔ TP" : v.verdict == .falsePositive ? "✘ FP" : "= " + v.verdict.rawValue
            rows.append(Row(["\(glyph)  \(v.entity)"], role: v.verdict == .truePositive ? .good : .bad, entity: v.normalized))
            rows += TextWidth.wrap(v.explanation, width: width, prefix: "      ").map { Row([$0], role: .dim, entity: v.normalized) }
        }
        for m in r.missed { rows.append(Row(["✘ missed root cause \(m.rootCause): \(m.acceptedAs.joined(separator: "; "))"], role: .bad)) }
        if let p = app.practice, p.revealed, let t = app.lastTruth {
            for (line, role) in PracticeSession.reveal(t) {
                let indent = String(line.prefix { $0 == " " })
                // Continuation lines hang four cells deeper than the line they continue.
                let hang = indent + "    "
                rows += TextWidth.wrap(String(line.dropFirst(indent.count)), width: width, prefix: hang).enumerated()
                    .map { Row([$0.offset == 0 ? indent + $0.element.dropFirst(hang.count) : $0.element], role: role) }
            }
            rows.append(Row([""]))
            rows.append(Row(["Finished in \(p.clock.dropFirst(2).prefix(5)) with \(p.used) submission(s); triage history compares your sessions."], role: .info))
        }
        return (head, rows)
    }
}
