import Foundation
import Snapshot

/// Grouped alerts and events (`:by FIELD`), log templates (`:patterns`) and the before/after comparison
/// (`:compare`): the query layer's analysis functions as pages.
extension AppState {
    func groupCommand(_ arg: String) {
        guard page == .view(.alerts) || page == .view(.events) else { message = ":by works on the Alerts and Events views"; return }
        let allowed = page == .view(.alerts) ? GroupField.forAlerts : GroupField.forEvents
        if arg.isEmpty { groupBy[page] = nil; invalidate(); message = "listing every row again"; return }
        guard let f = GroupField(rawValue: arg.lowercased()), allowed.contains(f) else {
            message = ":by takes one of \(allowed.map(\.rawValue).joined(separator: ", ")) here"; return
        }
        groupBy[page] = f
        cursors[page] = ListCursor()
        invalidate()
        message = "counted per \(f.rawValue); Enter lists a group, :by lists every row"
    }

    func groupRows(_ f: GroupField, events: Bool) -> (cols: [Column], rows: [Row]) {
        let s = snapshot
        let groups: [GroupCount]
        do {
            groups = events ? try s.groupEvents(EventFilter(window: timeWindow, hideNoise: hideNoise), by: f)
                : try s.groupAlerts(AlertFilter(window: timeWindow, hideNoise: hideNoise), by: f)
        } catch { return ([Column("ERROR", .flex(min: 10))], [Row(["\(error)"], role: .bad)]) }
        let entityKeyed = f == .entity
        return ([Column(f.rawValue.uppercased(), .flex(min: 16)), Column(events ? "EVENTS" : "ALERTS", .fixed(7), right: true),
                 Column(events ? "WARN" : "FIRING", .fixed(6), right: true), Column("ENTITIES", .fixed(8), right: true),
                 Column("FIRST", .fixed(8)), Column("LAST", .fixed(8))],
                groups.map { g in
                    Row([g.key, Format.count(g.count), Format.count(g.warnings), Format.count(g.entities), Self.t(g.first), Self.t(g.last)],
                        role: g.warnings > 0 ? .warn : .normal, entity: entityKeyed && g.key != "-" ? g.key : nil, key: g.key, time: g.first)
                })
    }

    /// Enter on a group: its members, by filtering the list with the group's key.
    func openGroup(_ r: Row) {
        guard let key = r.key else { return }
        groupBy[page] = nil
        filters[page] = key == "-" ? nil : key
        cursors[page] = ListCursor()
        invalidate()
        message = "rows of \(key) (Esc in the filter clears it)"
    }

    func patternRows() -> (cols: [Column], rows: [Row]) {
        let scope = scopes[.view(.logs)]
        let q = LogQuery(entity: scope?.entity, pattern: filters[.view(.logs)], minLevel: scope?.minLevel, window: timeWindow)
        let report: LogPatternReport
        do { report = try snapshot.logPatterns(q) } catch { return ([Column("ERROR", .flex(min: 10))], [Row(["\(error)"], role: .bad)]) }
        let head = "\(Format.count(report.records)) records, \(report.patterns.count) templates" + (report.pivot.map { ", before/after \(Self.t($0))" } ?? "")
        message = head
        return ([Column("COUNT", .fixed(6), right: true), Column("ERR", .fixed(5), right: true), Column("BEFORE", .fixed(6), right: true),
                 Column("AFTER", .fixed(6), right: true), Column("OVER TIME", .fixed(report.buckets)), Column("TEMPLATE", .flex(min: 20))],
                report.patterns.map { p in
                    Row([Format.count(p.count), p.errors > 0 ? Format.count(p.errors) : "", Format.count(p.before), Format.count(p.after),
                         Format.bars(p.histogram), p.template],
                        role: p.errors > 0 ? .bad : p.before == 0 && p.after > 0 ? .warn : .normal,
                        entity: p.services.count == 1 ? snapshot.graph.primaryEntity(forService: p.services[0])?.description : nil,
                        key: p.template, time: p.firstSeen)
                })
    }

    /// Enter on a template: the Logs view filtered by its longest literal part.
    func openPattern(_ r: Row) {
        guard let t = r.key else { return }
        let literal = t.components(separatedBy: LogTemplateMiner.wildcard).map { $0.trimmingCharacters(in: .whitespaces) }.max { $0.count < $1.count } ?? ""
        go(.view(.logs))
        filters[.view(.logs)] = literal.isEmpty ? nil : NSRegularExpression.escapedPattern(for: literal)
        cursors[.view(.logs)] = ListCursor()
        invalidate()
        message = literal.isEmpty ? "the template has no literal part to filter by" : "records like: \(literal)"
    }

    func compareRows(_ arg: String) -> (cols: [Column], rows: [Row]) {
        let words = arg.split(separator: " ").map(String.init)
        let ref = snapshot.windows.recording?.end ?? 0
        var pivot: Nanos? = nil, span: Int64? = nil
        if let p = words.first {
            guard let t = Timestamp.parseUser(p, reference: ref) else { return errorRows("cannot read '\(p)' as a time (:compare 09:07 10m)") }
            pivot = t
        }
        if words.count > 1 {
            guard let d = Timestamp.parseUser("+" + words[1].trimmingCharacters(in: CharacterSet(charactersIn: "+-")), reference: 0), d > 0 else {
                return errorRows("cannot read '\(words[1])' as a duration (10m, 90s)")
            }
            span = d
        }
        let r: CompareReport
        do { r = try snapshot.compare(pivot: pivot, window: span) } catch { return errorRows("\(error)") }
        message = "pivot \(Self.t(r.pivot)) (\(r.pivotReason)); \(Timestamp.duration(r.after.duration + 1)) on each side"
        return ([Column("CHANGE", .fixed(6), right: true), Column("ENTITY", .flex(min: 16)), Column("MEASURE", .flex(min: 14)),
                 Column("BEFORE", .fixed(9), right: true), Column("AFTER", .fixed(9), right: true)],
                r.rows.map { c in
                    Row([String(format: "%.2f", c.score), c.entity, c.measure, Format.measure(c.before), Format.measure(c.after)],
                        role: c.score >= 3 ? .bad : c.score >= 1 ? .warn : .normal, entity: c.entity)
                })
    }

    /// The deterministic baseline ranking, with its evidence; Enter opens the suspect, b adds it to the basket.
    func suspectRows() -> (cols: [Column], rows: [Row]) {
        guard practice == nil else { return errorRows("suspects are hidden in practice sessions") }
        message = "a baseline, not an answer: verify each suspect before adding it"
        return ([Column("#", .fixed(2), right: true), Column("SCORE", .fixed(5), right: true), Column("SUSPECT", .flex(min: 24)), Column("EVIDENCE", .flex(min: 20))],
                snapshot.suspects(limit: 10).map { s in
                    Row(["\(s.rank)", String(format: "%.1f", s.score), s.entity, s.evidence.joined(separator: " | ")],
                        role: s.rank == 1 ? .warn : .normal, entity: s.entity, key: s.entity)
                })
    }

    func errorRows(_ text: String) -> (cols: [Column], rows: [Row]) { ([Column("ERROR", .flex(min: 10))], [Row([text], role: .bad)]) }
}
