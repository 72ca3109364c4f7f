import Foundation
import Snapshot

/// An entity's page: where it was seen, its signal counts, manifest changes, related entities, alerts, events,
/// anomalous metrics, graph edges in and out, and its latest error spans. Every row opens what it names.
final class EntityPage: PageController {
    let entity: String
    init(_ entity: String) { self.entity = entity }

    var title: String { "Entity \(entity)" }
    var help: String { "Entity: everything known about one entity. Enter opens a row's item (diff, series, alert, event, span), e pivots, b adds to the basket, :tree shows its blast radius." }
    var orderable: Bool { false }

    func open(_ row: Row, _ app: AppState) { openPointed(row, app) }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        guard let id = try? s.entity(entity) else { return ([Column("ENTITY", .flex(min: 10))], [Row(["unknown entity \(entity)"], role: .bad)]) }
        let sum = s.summary(id, eventLimit: 30)
        var rows: [Row] = []
        rows.append(Row(["\(id)\(app.basket.contains(id.description) ? "  ★ in basket" : "")  — seen in \(sum.seenIn.joined(separator: ", "))"], role: .header, entity: id.description))
        rows.append(Row(["spans \(Format.count(sum.spans)) (\(Format.count(sum.errorSpans)) errors) · logs \(Format.count(sum.logs)) (\(Format.count(sum.errorLogs)) errors) · warning events \(sum.warningEvents) · metric series \(sum.metricSeries)"]))
        if sum.observations > 0 {
            rows.append(Row(["manifest: \(sum.observations) observations, \(sum.versions) version(s)" + (sum.firstChange.map { " — changed at \(AppState.t($0)) (Enter shows the diff)" } ?? "")],
                            role: sum.versions > 1 ? .warn : .normal, entity: id.description, key: "object:" + id.description))
        }
        for r in sum.related { rows.append(Row(["related  \(r)"], entity: r.description)) }
        for a in sum.alerts {
            rows.append(Row(["alert    \(AppState.t(a.activeAt ?? a.firstSeen)) \(a.name) \(a.state)"], role: s.isNoise(a) ? .dim : .bad,
                            entity: a.entity?.description, time: a.activeAt, detail: "alert:" + a.fingerprint))
        }
        for e in sum.events.reversed() {
            rows.append(Row(["event    \(AppState.t(e.lastTime)) \(e.type) \(e.reason) ×\(e.count): \(e.message.replacingOccurrences(of: "\n", with: " "))"],
                            role: e.isWarning ? .warn : .normal, entity: e.entity.description, time: e.lastTime, detail: "event:\(e.namespace)/\(e.name)"))
        }
        for m in sum.topAnomalies {
            rows.append(Row(["metric   \(m.displayName) anomaly \(String(format: "%.1f", m.anomaly))"], role: .warn, entity: id.description, key: m.id, detail: "series:" + m.id))
        }
        for e in sum.outgoing { rows.append(Row(["→ \(e.relation.rawValue) \(e.to)" + (e.calls.map { " (\($0) calls, \(e.errors ?? 0) errors)" } ?? "")], entity: e.to.description)) }
        for e in sum.incoming { rows.append(Row(["← \(e.from) \(e.relation.rawValue)" + (e.calls.map { " (\($0) calls, \(e.errors ?? 0) errors)" } ?? "")], entity: e.from.description)) }
        for sp in s.errorSpans(entity: id, limit: 10).rows.reversed() {
            rows.append(Row(["error    \(AppState.t(sp.start)) \(sp.service) \(sp.name): \(sp.statusMessage.replacingOccurrences(of: "\n", with: " "))"],
                            role: .bad, entity: id.description, key: nil, time: sp.start, detail: "span:\(sp.traceID):\(sp.spanID)"))
        }
        return ([Column("ENTITY — Enter opens the row's item, e pivots, b adds to the basket", .flex(min: 10))], rows)
    }
}
