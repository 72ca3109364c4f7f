import Foundation
import Snapshot

/// The Metrics view: series ranked by how much they moved at the incident, with a trend sparkline; Enter plots one.
final class MetricsPage: PageController {
    var title: String { ViewID.metrics.title }
    var help: String { "Metrics: series ranked by anomaly at the incident. Enter plots a series with its markers; d reads its labels." }
    var sortNames: [String] { ["anomaly", "name"] }

    func open(_ row: Row, _ app: AppState) { if let k = row.key { app.go(.series(k)) } }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        var ms = s.metricAnomalies(limit: 400)
        if app.sortIndex % 2 == 1 { ms.sort { ($0.name, $0.entity) < ($1.name, $1.entity) } }
        return ([Column("ANOMALY", .fixed(7), right: true), Column("ENTITY", .flex(min: 14)), Column("METRIC", .flex(min: 14)),
                 Column("TREND", .fixed(16)), Column("LAST", .fixed(9), right: true)],
                ms.map { m in
                    let pts = (try? s.seriesPoints(m.id))?.values ?? []
                    return Row([String(format: "%.1f", m.anomaly), m.entity.description, m.displayName,
                                Braille.sparkline(pts, width: 16), String(format: "%.3g", m.last)],
                               role: m.anomaly >= 10 ? .bad : m.anomaly >= 4 ? .warn : .normal, entity: m.entity.description, key: m.id, detail: "series:" + m.id)
                })
    }
}
