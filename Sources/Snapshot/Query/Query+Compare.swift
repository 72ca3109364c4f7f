import Foundation

/// One measure of one entity before and after a pivot time, and how much it changed.
public struct ChangeRow: Sendable, Codable, Equatable {
    public var entity: String
    /// `error_rate`, `latency_p50_ms`, `latency_p95_ms`, `spans_per_min`, `logs_<level>_per_min`, or `metric:<name>{labels}`.
    public var measure: String
    public var before: Double
    public var after: Double
    /// How big the change is, comparable across measures (0 = none): log2 of the ratio for rates and levels,
    /// 10 × the difference for error rates.
    public var score: Double
}

/// The windows compared and the rows, biggest change first.
public struct CompareReport: Sendable {
    public var pivot: Nanos
    public var pivotReason: String
    public var before: TimeWindow
    public var after: TimeWindow
    public var rows: [ChangeRow]
}

extension Snapshot {
    /// Compares the window before `pivot` (default: the incident start) with the window after it, `window` long
    /// (default: as much as the recording allows on both sides, at most 30 minutes), both laid on a 10-second grid
    /// (the pivot rounded down to 10 s, so no incident second falls before it; the length down to a multiple of 10 s): per service, error rate, p50 and
    /// p95 latency and span rate from traces, log volume by level; per metric series, the mean level. Rows are ranked
    /// by the size of the change; `entity` keeps those of one entity and what it runs.
    public func compare(pivot given: Nanos? = nil, window given2: Int64? = nil, entity: EntityID? = nil, metricLimit: Int = 4000) throws -> CompareReport {
        guard let rec = windows.recording else { throw SnapshotError.badArgument("the snapshot has no recording window to compare in") }
        let (pivot, reason): (Nanos, String) = given.map { ($0, "given") }
            ?? windows.incident.map { ($0.start, windows.incidentStartReason ?? "incident start") } ?? (rec.start + rec.duration / 2, "middle of the recording")
        guard rec.contains(pivot), pivot > rec.start, pivot < rec.end else {
            throw SnapshotError.badArgument("pivot \(Timestamp.format(pivot, fraction: 0)) is outside the recording \(rec.description)")
        }
        // The windows are laid on the span digest's 10-second grid, so the trace measures come from it exactly.
        let slot = SpanDigest.slotNanos
        let edge = SpanDigest.floorDiv(pivot, slot) * slot
        let span = (given2 ?? min(edge - rec.start, rec.end - edge, 30 * 60_000_000_000)) / slot * slot
        guard span > 0 else { throw SnapshotError.badArgument("the comparison window is empty (windows are whole multiples of 10 s)") }
        let before = TimeWindow(start: edge - span, end: edge - 1), after = TimeWindow(start: edge, end: edge + span - 1)
        let minutes = Double(span) / 60e9
        var rows: [ChangeRow] = []
        let keep: (String) -> Bool = { name in
            guard let entity else { return true }
            return name == entity.description || self.related(entity).contains { $0.description == name }
        }
        func ratioScore(_ a: Double, _ b: Double) -> Double { abs(log2((b + 1) / (a + 1))) }

        // Traces: per service.
        let rb = Dictionary(serviceRollup(window: before).map { ($0.service, $0) }, uniquingKeysWith: { a, _ in a })
        let ra = Dictionary(serviceRollup(window: after).map { ($0.service, $0) }, uniquingKeysWith: { a, _ in a })
        for service in Set(rb.keys).union(ra.keys) {
            let b = rb[service], a = ra[service]
            let name = (b?.entity ?? a?.entity)?.description ?? "service/\(service)"
            guard keep(name) else { continue }
            let eb = b?.errorRate ?? 0, ea = a?.errorRate ?? 0
            rows.append(ChangeRow(entity: name, measure: "error_rate", before: eb, after: ea, score: 10 * abs(ea - eb)))
            let sb = Double(b?.spans ?? 0) / minutes, sa = Double(a?.spans ?? 0) / minutes
            rows.append(ChangeRow(entity: name, measure: "spans_per_min", before: sb, after: sa, score: ratioScore(sb, sa)))
            if let b, let a {
                for (m, x, y) in [("latency_p50_ms", b.p50, a.p50), ("latency_p95_ms", b.p95, a.p95)] {
                    let (bx, ay) = (Double(x) / 1e6, Double(y) / 1e6)
                    rows.append(ChangeRow(entity: name, measure: m, before: bx, after: ay, score: ratioScore(bx, ay)))
                }
            }
        }

        // Logs: volume per service and level, from the log digest (the windows lie on its 10-second grid).
        for (service, levels) in logDigest?.counts(before: before, after: after) ?? [] {
            let name = graph.primaryEntity(forService: service)?.description ?? "service/\(service)"
            guard keep(name) else { continue }
            for (lv, cb, ca) in levels {
                let label = (LogIndex.Level(rawValue: lv)?.label ?? "-").lowercased()
                let (b, a) = (Double(cb) / minutes, Double(ca) / minutes)
                rows.append(ChangeRow(entity: name, measure: "logs_\(label == "-" ? "unleveled" : label)_per_min", before: b, after: a, score: ratioScore(b, a)))
            }
        }

        // Metrics: the mean level of each series (rates for counters) on both sides.
        for m in metricSeries().prefix(metricLimit) where keep(m.entity.description) {
            guard let pts = try? seriesPoints(m.id) else { continue }
            var sb = 0.0, nb = 0, sa = 0.0, na = 0
            for (t, v) in zip(pts.times, pts.values) where v.isFinite {
                if before.contains(t) { sb += v; nb += 1 } else if after.contains(t) { sa += v; na += 1 }
            }
            guard nb > 0, na > 0 else { continue }
            let (b, a) = (sb / Double(nb), sa / Double(na))
            let scale = max(abs(b), abs(a))
            let score = scale == 0 ? 0 : log2(1 + abs(a - b) / max(abs(b), scale * 1e-3))
            let labels = m.labels.isEmpty ? "" : "{" + m.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
            rows.append(ChangeRow(entity: m.entity.description, measure: "metric:\(m.name)\(labels)", before: b, after: a, score: score))
        }
        rows.sort { ($0.score, $1.entity, $1.measure) > ($1.score, $0.entity, $0.measure) }
        return CompareReport(pivot: pivot, pivotReason: reason, before: before, after: after, rows: rows)
    }
}
