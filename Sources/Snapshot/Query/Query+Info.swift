/// Counts, window, namespaces and entity kinds of a snapshot (`triage info`).
public struct SnapshotInfo: Sendable, Codable {
    public struct Counts: Sendable, Codable {
        public var alerts: Int
        public var alert_files: Int
        public var events: Int
        public var event_rows: Int
        public var objects: Int
        public var object_rows: Int
        public var spans: Int
        public var traces: Int
        public var metric_series: Int
        public var metric_samples: Int
        public var log_records: Int
    }
    public struct Window: Sendable, Codable {
        public var start: String?
        public var end: String?
        public var incident_start: String?
        public var incident_start_reason: String?
    }
    public var name: String
    public var path: String
    public var bytes: Int
    public var load_seconds: Double
    public var files: [Snapshot.FileStats]
    public var counts: Counts
    public var window: Window
    public var namespaces: [String]
    /// Entity counts per kind.
    public var entities: [String: Int]
    public var diagnostics: [Diagnostic]
}

extension Snapshot {
    /// The record counts of every signal (seeded from the saved index, so a summary decodes no section).
    public var recordCounts: SnapshotInfo.Counts {
        cache.value("recordCounts") {
            SnapshotInfo.Counts(
                alerts: alertStore.alerts.count, alert_files: alertStore.files.count, events: events?.events.count ?? 0,
                event_rows: eventRows, objects: objects?.objects.count ?? 0, object_rows: objectRows, spans: spanCount, traces: traceCount,
                metric_series: metricSeriesCount, metric_samples: metricSampleCount, log_records: logCount)
        }
    }

    public func info() -> SnapshotInfo {
        let w = windows
        var kinds: [String: Int] = [:]
        var namespaces = Set<String>()
        for e in graph.entities {
            kinds[e.kind, default: 0] += 1
            if let ns = e.namespace { namespaces.insert(ns) }
        }
        let counts = recordCounts
        return SnapshotInfo(
            name: name, path: root, bytes: files.reduce(0) { $0 + $1.bytes }, load_seconds: loadSeconds, files: files, counts: counts,
            window: SnapshotInfo.Window(start: w.recording.map { Timestamp.iso($0.start) }, end: w.recording.map { Timestamp.iso($0.end) },
                                        incident_start: w.incident.map { Timestamp.iso($0.start) }, incident_start_reason: w.incidentStartReason),
            namespaces: namespaces.sorted(), entities: kinds, diagnostics: diagnostics)
    }
}
