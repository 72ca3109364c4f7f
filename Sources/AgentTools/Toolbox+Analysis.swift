import Foundation
import Snapshot

/// Analysis beyond listing records: counts per group, log templates, and before/after comparison.
extension Toolbox {
    /// Alerts or events counted per `group_by` value.
    static func grouped(_ groups: Result<[GroupCount], Error>, field: String, events: Bool, _ a: ToolArgs) throws -> (String, [String: Any]) {
        let all: [GroupCount]
        do { all = try groups.get() } catch { throw ToolError("bad_argument", "\(error)") }
        let (limit, offset) = page(a)
        let rows = Array(all.dropFirst(offset).prefix(limit))
        var table = [[field.uppercased(), events ? "EVENTS" : "ALERTS"] + (events ? ["OCCURRED", "WARNING"] : ["FIRING"]) + ["ENTITIES", "FIRST", "LAST"]]
        for g in rows {
            table.append([g.key, Format.count(g.count)] + (events ? [Format.count(g.occurrences), Format.count(g.warnings)] : [Format.count(g.warnings)])
                         + [Format.count(g.entities), Render.time(g.first), Render.time(g.last)])
        }
        var out = Format.table(table, rightAligned: events ? [1, 2, 3, 4] : [1, 2, 3])
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: all.count) { out += "\n" + n }
        return (out, ["group_by": field, "rows": rows.map { g -> [String: Any] in
            var d: [String: Any] = ["key": g.key, "count": g.count, "entities": g.entities, "first_time": g.first, "last_time": g.last]
            if events { d["occurrences"] = g.occurrences; d["warnings"] = g.warnings } else { d["firing"] = g.warnings }
            return d
        }, "total": all.count, "limit": limit, "offset": offset])
    }

    /// Log templates of the matching records.
    static func logPatterns(_ q: LogQuery, _ a: ToolArgs, _ s: Snapshot, _ ctx: ToolContext) throws -> (String, [String: Any]) {
        let (limit, offset) = page(a)
        let report: LogPatternReport
        do { report = try s.logPatterns(q, deadline: ctx.deadline) } catch let e as SnapshotError { throw Toolbox.queryError(e) }
        let rows = Array(report.patterns.dropFirst(offset).prefix(limit))
        var table = [["COUNT", "ERRORS", "BEFORE", "AFTER", "OVER TIME", "SERVICES", "TEMPLATE"]]
        for p in rows {
            table.append([Format.count(p.count), p.errors > 0 ? Format.count(p.errors) : "", Format.count(p.before), Format.count(p.after),
                          Format.bars(p.histogram), p.services.joined(separator: ","), String(p.template.prefix(200))])
        }
        var out = "\(Format.count(report.records)) records, \(Format.count(report.patterns.count)) templates"
            + (report.pivot.map { "; before/after \(Render.time($0)) (incident start)" } ?? "") + "\n" + Format.table(table, rightAligned: [0, 1, 2, 3])
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: report.patterns.count) { out += "\n" + n }
        var json = rowsJSON(rows, total: report.patterns.count, limit: limit, offset: offset)
        json["records"] = report.records
        if let p = report.pivot { json["pivot"] = p }
        return (out, json)
    }

    static func compare(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        let (limit, offset) = page(a)
        let ref = s.windows.recording?.end ?? 0
        var pivot: Nanos? = nil
        if let p = a.string("pivot") {
            guard let t = Timestamp.parseUser(p, reference: ref) else { throw ToolError("bad_argument", "pivot: '\(p.prefix(40))' is not a time (use '17:40' or '-10m')") }
            pivot = t
        }
        var span: Int64? = nil
        if let w = a.string("window") {
            let text = w.hasPrefix("+") || w.hasPrefix("-") ? String(w.dropFirst()) : w
            guard let d = Timestamp.parseUser("+" + text, reference: 0), d > 0 else {
                throw ToolError("bad_argument", "window: '\(w.prefix(40))' is not a duration (use '10m', '90s' or '1h')")
            }
            span = d
        }
        let report: CompareReport
        do { report = try s.compare(pivot: pivot, window: span, entity: try entityArg(a, s)) } catch let e as SnapshotError { throw ToolError("bad_argument", "\(e)") }
        let rows = Array(report.rows.dropFirst(offset).prefix(limit))
        var table = [["CHANGE", "ENTITY", "MEASURE", "BEFORE", "AFTER"]]
        for r in rows { table.append([String(format: "%.2f", r.score), r.entity, r.measure, Format.measure(r.before), Format.measure(r.after)]) }
        var out = "before \(report.before.description)\nafter  \(report.after.description)\npivot  \(Render.time(report.pivot)) (\(report.pivotReason))\n"
            + Format.table(table, rightAligned: [0, 3, 4])
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: report.rows.count) { out += "\n" + n }
        var json = rowsJSON(rows, total: report.rows.count, limit: limit, offset: offset)
        json["pivot"] = report.pivot
        json["pivot_reason"] = report.pivotReason
        json["before"] = ["start": report.before.start, "end": report.before.end]
        json["after"] = ["start": report.after.start, "end": report.after.end]
        return (out, json)
    }

    static func suspects(_ a: ToolArgs, _ s: Snapshot) -> (String, [String: Any]) {
        let limit = page(a, default: 10).limit
        let rows = s.suspects(limit: limit)
        var table = [["RANK", "SCORE", "SUSPECT", "EVIDENCE"]]
        for r in rows { table.append(["\(r.rank)", String(format: "%.2f", r.score), r.entity, r.evidence.joined(separator: " | ")]) }
        let out = (rows.isEmpty ? "no suspects: nothing changed, appeared or went bad in this recording" : Format.table(table, rightAligned: [0, 1]))
            + "\nA deterministic baseline: verify each suspect; submit root causes only, not symptoms or fault-injection machinery."
        return (out, ["rows": rows.map { Render.plain($0) }, "total": rows.count, "limit": limit])
    }

}
