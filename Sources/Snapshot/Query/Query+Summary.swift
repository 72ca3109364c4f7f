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
    public func summary(_ id: EntityID, eventLimit: Int = 20) -> EntitySummary {
        let evs = events(EventFilter(entity: id))
        let keys = telemetryKeys(id)
        var spans = 0, errSpans = 0
        if let d = spanDigest, !keys.isEmpty { (spans, errSpans) = d.counts(matching: keys.matches) }
        var logsN = 0, errLogs = 0
        if let l = logs {
            let svc = Set(keys.services.compactMap { l.strings.id(of: $0) })
            let pods = Set(keys.pods.compactMap { l.strings.id(of: $0) })
            let ns = keys.namespace.flatMap { l.strings.id(of: $0) }
            for i in 0..<l.count where svc.contains(l.service[i]) || pods.contains(l.pod[i]) || (ns != nil && l.namespace[i] == ns!) {
                logsN += 1
                if l.level[i] >= LogIndex.Level.error.rawValue { errLogs += 1 }
            }
        }
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
