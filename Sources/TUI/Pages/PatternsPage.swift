import Foundation
import Snapshot

/// Log templates of the Logs view's records (`:patterns`): counts before and after the incident start, errors, and
/// a histogram over time; Enter lists a template's records in the Logs view.
final class PatternsPage: PageController {
    var title: String { "Log patterns" }
    var help: String { "Log patterns: the Logs view's records grouped into templates, new ones after the incident in yellow. Enter lists a template's records." }

    func table(_ app: AppState) -> PageTable {
        let scope = app.views[.view(.logs)]?.scope
        let f = app.views[.view(.logs)]?.filter
        let q = LogQuery(entity: scope?.entity, pattern: f, ignoreCase: LogsPage.ignoreCase(f, scope), minLevel: scope?.minLevel, window: app.timeWindow,
                         anyField: !(scope?.agentPattern ?? false))
        let report: LogPatternReport
        do { report = try app.snapshot.logPatterns(q) } catch { return errorTable("\(error)") }
        app.message = "\(Format.count(report.records)) records, \(report.patterns.count) templates" + (report.pivot.map { ", before/after \(AppState.t($0))" } ?? "")
        return ([Column("COUNT", .fixed(6), right: true), Column("ERR", .fixed(5), right: true), Column("BEFORE", .fixed(6), right: true),
                 Column("AFTER", .fixed(6), right: true), Column("OVER TIME", .fixed(report.buckets)), Column("TEMPLATE", .flex(min: 20))],
                report.patterns.map { p in
                    Row([Format.count(p.count), p.errors > 0 ? Format.count(p.errors) : "", Format.count(p.before), Format.count(p.after),
                         Format.bars(p.histogram), p.template],
                        role: p.errors > 0 ? .bad : p.before == 0 && p.after > 0 ? .warn : .normal,
                        entity: p.services.count == 1 ? app.snapshot.graph.primaryEntity(forService: p.services[0])?.description : nil,
                        key: p.template, time: p.firstSeen)
                })
    }

    /// Enter on a template: the Logs view filtered by its longest literal part.
    func open(_ row: Row, _ app: AppState) {
        guard let t = row.key else { return }
        let literal = t.components(separatedBy: LogTemplateMiner.wildcard).map { $0.trimmingCharacters(in: .whitespaces) }.max { $0.count < $1.count } ?? ""
        app.go(.view(.logs))
        app.views[.view(.logs), default: PageViewState()].filter = literal.isEmpty ? nil : NSRegularExpression.escapedPattern(for: literal)
        app.resetCursor()
        app.invalidate()
        app.message = literal.isEmpty ? "the template has no literal part to filter by" : "records like: \(literal)"
    }
}
