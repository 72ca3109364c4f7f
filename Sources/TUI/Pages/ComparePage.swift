import Foundation
import Snapshot

/// Before/after comparison around a pivot (`:compare [PIVOT [WINDOW]]`; none: the incident start): what changed
/// most, per entity and measure, biggest change first.
final class ComparePage: PageController {
    let argument: String
    init(_ argument: String) { self.argument = argument }

    var title: String { argument.isEmpty ? "Compare" : "Compare at \(argument)" }
    var help: String { "Compare: each entity's measures before and after the pivot, biggest change first. Enter opens the entity." }

    func table(_ app: AppState) -> PageTable {
        let words = argument.split(separator: " ").map(String.init)
        let ref = app.snapshot.windows.recording?.end ?? 0
        var pivot: Nanos? = nil, span: Int64? = nil
        if let p = words.first {
            guard let t = Timestamp.parseUser(p, reference: ref) else { return errorTable("cannot read '\(p)' as a time (:compare 09:07 10m)") }
            pivot = t
        }
        if words.count > 1 {
            guard let d = Timestamp.parseUser("+" + words[1].trimmingCharacters(in: CharacterSet(charactersIn: "+-")), reference: 0), d > 0 else {
                return errorTable("cannot read '\(words[1])' as a duration (10m, 90s)")
            }
            span = d
        }
        let r: CompareReport
        do { r = try app.snapshot.compare(pivot: pivot, window: span) } catch { return errorTable("\(error)") }
        app.message = "pivot \(AppState.t(r.pivot)) (\(r.pivotReason)); \(Timestamp.duration(r.after.duration + 1)) on each side"
        return ([Column("CHANGE", .fixed(6), right: true), Column("ENTITY", .flex(min: 16)), Column("MEASURE", .flex(min: 14)),
                 Column("BEFORE", .fixed(9), right: true), Column("AFTER", .fixed(9), right: true)],
                r.rows.map { c in
                    Row([String(format: "%.2f", c.score), c.entity, c.measure, Format.measure(c.before), Format.measure(c.after)],
                        role: c.score >= 3 ? .bad : c.score >= 1 ? .warn : .normal, entity: c.entity)
                })
    }
}
