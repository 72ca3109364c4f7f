/// Everything about one entity, for an entity page or an agent's `entity` tool.
public struct EntitySummary: Sendable, Codable {
    public var entity: EntityID
    public var seenIn: [String]
    /// Entities that denote the same workload (Service, Deployment, pods).
    public var related: [EntityID]
    public var alerts: [Alert]
    public var warningEvents: Int
    public var events: [KubeEvent]
    public var spans: Int
    public var errorSpans: Int
    public var logs: Int
    public var errorLogs: Int
    public var metricSeries: Int
    public var topAnomalies: [MetricSeriesInfo]
    public var outgoing: [EntityGraph.Edge]
    public var incoming: [EntityGraph.Edge]
    public var observations: Int
    public var versions: Int
    public var firstChange: Nanos?
}

extension Snapshot {
    /// Summary of alerts, events, spans, logs, metrics, neighbours and manifest history for `id`.
    /// Span and log counts per (service, pod, namespace) key, seeded from the saved index.
    var signalCounts: EntitySignalCounts { cache.value("signalCounts") { EntitySignalCounts(digest: spanDigest, logs: logs) } }

    public func summary(_ id: EntityID, eventLimit: Int = 20) -> EntitySummary {
        let evs = events(EventFilter(entity: id))
        let keys = telemetryKeys(id)
        // From the per-key counts (the index header's, when the snapshot came from the saved index): no section read.
        let counts = signalCounts
        let (spans, errSpans) = keys.isEmpty ? (0, 0) : counts.spans(keys)
        let (logsN, errLogs) = keys.isEmpty ? (0, 0) : counts.logs(keys)
        let series = metricSeries(entity: id)
        let nb = neighbours(id)
        let obs = observations(of: id)
        return EntitySummary(
            entity: id, seenIn: (graph.sources[id] ?? []).names, related: related(id), alerts: alerts(AlertFilter(entity: id)),
            warningEvents: evs.filter(\.isWarning).count, events: Array(evs.suffix(eventLimit)), spans: spans, errorSpans: errSpans,
            logs: logsN, errorLogs: errLogs, metricSeries: series.count,
            topAnomalies: Array(series.filter { $0.anomaly > 0 }.sorted { $0.anomaly > $1.anomaly }.prefix(5)),
            outgoing: nb.outgoing, incoming: nb.incoming, observations: obs.count,
            versions: objects.flatMap { o in o.index(of: id).map { o.objects[$0].versions } } ?? 0,
            firstChange: obs.first(where: \.changed)?.time)
    }
}
