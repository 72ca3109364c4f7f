/// A time interval in nanoseconds since the epoch.
public struct TimeWindow: Sendable, Codable, Hashable, CustomStringConvertible {
    public var start: Nanos
    public var end: Nanos
    public init(start: Nanos, end: Nanos) { self.start = start; self.end = end }
    public func contains(_ t: Nanos) -> Bool { t >= start && t <= end }
    public var duration: Int64 { end - start }
    public var description: String { "\(Timestamp.format(start, fraction: 0)) → \(Timestamp.format(end, fraction: 0)) (\(Timestamp.duration(duration)))" }
}

/// Recording and incident windows of a snapshot.
public struct SnapshotWindows: Sendable, Codable {
    /// From the first to the last record of any signal (replayed old events excluded).
    public var recording: TimeWindow?
    /// From the first sign of trouble (first manifest change, warning event or new non-noise alert) to the end.
    public var incident: TimeWindow?
    /// What marked the incident start.
    public var incidentStartReason: String?
}

extension Snapshot {
    /// Recording window and incident window, derived from alerts, events, object changes and telemetry.
    public var windows: SnapshotWindows {
        cache.value("windows") { computeWindows() }
    }

    func computeWindows() -> SnapshotWindows {
        var lo = Int64.max, hi = Int64.min
        func see(_ t: Nanos) { if t > 0 { lo = min(lo, t); hi = max(hi, t) } }
        if let t = traces { for x in t.time { see(x) } }
        if let l = logs { for x in l.time { see(x) } }
        if let o = objects { for x in o.time { see(x) } }
        for f in alertStore.files { if let t = f.time { see(t) } }
        for m in metricFiles { for s in m.series { if let f = s.times.first { see(f) }; if let l = s.times.last { see(l) } } }
        if lo == Int64.max, let ev = events?.events {
            for e in ev { see(e.lastTime) }
        }
        guard lo != Int64.max else { return SnapshotWindows() }
        let recording = TimeWindow(start: lo, end: hi)
        var candidates: [(Nanos, String)] = []
        // First manifest change after the first observation, and objects that appear during the recording.
        if let o = objects {
            let firstRound = o.time.min() ?? lo
            for obj in o.objects {
                if let f = obj.observations.first, o.time[Int(f)] > firstRound + 60_000_000_000 {
                    candidates.append((o.time[Int(f)], "\(obj.id) appeared"))
                }
            }
            for obj in o.objects where obj.versions > 1 {
                var prev: UInt64? = nil
                for r in obj.observations {
                    let h = o.contentHash[Int(r)]
                    if let p = prev, p != h { candidates.append((o.time[Int(r)], "\(obj.id) changed")); break }
                    prev = h
                }
            }
        }
        for e in events?.events ?? [] where e.isWarning && e.lastTime >= lo && !Noise.isBackground(e.entity) && !Noise.benignWarnings.contains(e.reason) {
            candidates.append((max(e.firstTime, lo), "\(e.reason) event on \(e.entity)"))
        }
        let firstFile = alertStore.files.compactMap(\.time).min() ?? lo
        for a in alertStore.alerts where !Noise.alwaysFiring.contains(a.name) && a.firstSeen > firstFile {
            candidates.append((a.activeAt.map { max($0, lo) } ?? a.firstSeen, "\(a.name) alert on \(a.entity?.description ?? "?")"))
        }
        guard let first = candidates.min(by: { $0.0 < $1.0 }) else {
            return SnapshotWindows(recording: recording, incident: nil, incidentStartReason: nil)
        }
        return SnapshotWindows(recording: recording, incident: TimeWindow(start: first.0, end: hi), incidentStartReason: first.1)
    }
}
