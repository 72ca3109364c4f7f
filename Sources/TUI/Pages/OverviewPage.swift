import Foundation
import Snapshot

/// The first screen: the recording and incident windows, what fired when (one bar per column of the screen's width),
/// what changed in the manifests, error hot spots, the most anomalous metrics and the alerts firing now.
final class OverviewPage: PageController {
    var title: String { ViewID.overview.title }
    var help: String { "Overview: the incident at a glance. Enter opens a row's item, d reads a record, e pivots to its entity." }
    var orderable: Bool { false }

    func open(_ row: Row, _ app: AppState) { openPointed(row, app) }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        var rows: [Row] = []
        let w = s.windows
        if let rec = w.recording {
            rows.append(Row(["Recording \(Timestamp.format(rec.start, fraction: 0)) → \(AppState.t(rec.end))  (\(Timestamp.duration(rec.duration)))"], role: .header))
            if let inc = w.incident { rows.append(Row(["Incident from \(AppState.t(inc.start)): \(w.incidentStartReason ?? "")"], role: .bad, time: inc.start)) }
            rows += timeline(app, rec)
        }
        rows.append(Row([""]))
        rows.append(Row(["What changed in the manifests"], role: .header))
        let changed = s.changedObjects()
        let start = s.windows.recording?.start ?? 0
        let appeared = s.objects().filter { $0.firstSeen > start + 120_000_000_000 && !Noise.isBackground($0.entity) && $0.entity.kind != "Pod" && $0.entity.kind != "ReplicaSet" }
        for c in changed.prefix(8) { rows.append(Row(["  \(AppState.t(c.firstChange)) changed  \(c.entity)"], role: .warn, entity: c.entity.description, key: c.entity.description)) }
        for o in appeared.prefix(8) { rows.append(Row(["  \(AppState.t(o.firstSeen)) appeared \(o.entity)"], role: .warn, entity: o.entity.description, key: o.entity.description)) }
        if changed.isEmpty && appeared.isEmpty { rows.append(Row(["  (no spec or data changes recorded)"], role: .dim)) }
        rows.append(Row([""]))
        rows.append(Row(["Error hot spots (traces)"], role: .header))
        for r in s.serviceRollup().filter({ $0.errors > 0 }).prefix(6) {
            rows.append(Row(["  \(r.service): \(Format.count(r.errors)) error spans (\(String(format: "%.1f", r.errorRate * 100))%), p95 \(Timestamp.duration(r.p95))"],
                            role: .bad, entity: r.entity?.description))
        }
        rows.append(Row([""]))
        rows.append(Row(["Most anomalous metrics"], role: .header))
        for m in s.metricAnomalies(limit: 6) {
            rows.append(Row(["  \(String(format: "%6.1f", m.anomaly))  \(m.entity)  \(m.displayName)"], role: .warn, entity: m.entity.description, key: m.id, detail: "series:" + m.id))
        }
        rows.append(Row([""]))
        rows.append(Row(["Alerts now (noise hidden)"], role: .header))
        for a in s.alerts(AlertFilter(hideNoise: true)).prefix(8) {
            rows.append(Row(["  \(AppState.t(a.activeAt ?? a.firstSeen)) \(a.name) on \(a.entity?.description ?? "-")\(s.wasPreexisting(a) ? "  (pre-existing)" : "")"],
                            role: s.wasPreexisting(a) ? .dim : .bad, entity: a.entity?.description, time: a.activeAt ?? a.firstSeen))
        }
        return ([Column("OVERVIEW — Enter opens, d reads, e pivots, b adds to the basket, z toggles noise", .flex(min: 10))], rows)
    }

    /// What fired when: one bar per column for each signal, over the recording.
    func timeline(_ app: AppState, _ rec: TimeWindow) -> [Row] {
        let s = app.snapshot
        let minutes = max(1, Int(rec.duration / 60_000_000_000) + 1)
        let cols = min(minutes, max(10, app.contentWidth - 18))
        func bucket(_ t: Nanos) -> Int? { t < rec.start || t > rec.end ? nil : min(cols - 1, Int((t - rec.start) * Int64(cols) / max(1, rec.duration + 1))) }
        var alerts = [Double](repeating: 0, count: cols), warns = alerts, spans = alerts, logs = alerts
        for a in s.alerts(AlertFilter(hideNoise: true)) { if let b = bucket(a.activeAt ?? a.firstSeen) { alerts[b] += 1 } }
        for e in s.events(EventFilter(type: "Warning", hideNoise: app.hideNoise)) { if let b = bucket(e.lastTime) { warns[b] += 1 } }
        // Spans and logs by 10-second slot from the digests (a slot counts in the column of its middle), so the first
        // screen of a 10 GB snapshot reads no span or log column.
        func slotBucket(_ start: Nanos) -> Int? {
            let end = start + SpanDigest.slotNanos - 1
            guard end >= rec.start, start <= rec.end else { return nil }
            return bucket(min(max(start + SpanDigest.slotNanos / 2, rec.start), rec.end))
        }
        for (t, n) in s.errorSpanSlots() { if let b = slotBucket(t) { spans[b] += Double(n) } }
        for (t, n) in s.logSlots(minLevel: .error) { if let b = slotBucket(t) { logs[b] += Double(n) } }
        func bars(_ v: [Double]) -> String {
            let m = v.max() ?? 0
            return v.map { x in x == 0 ? "·" : String(Array("▁▂▃▄▅▆▇█")[min(7, Int(x / max(m, 1) * 7.99))]) }.joined()
        }
        return [Row(["What fired when (one column ≈ \(Timestamp.duration(rec.duration / Int64(cols))))"], role: .header),
                Row(["alerts      " + bars(alerts)], role: .bad),
                Row(["warnings    " + bars(warns)], role: .warn),
                Row(["error spans " + bars(spans)], role: .bad),
                Row(["error logs  " + bars(logs)], role: .warn)]
    }
}
