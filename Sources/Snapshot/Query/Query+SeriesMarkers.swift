/// A moment worth marking on a metric plot: the incident start, an alert on the series' entity becoming active, or
/// a change to its manifests.
public struct SeriesMarker: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case incidentStart = "incident start", alert, change = "manifest change" }
    public var kind: Kind
    public var time: Nanos
    public var label: String
    /// The glyph a plot marks it with.
    public var glyph: String { kind == .incidentStart ? "┊" : kind == .alert ? "!" : "Δ" }
}

extension SeriesPoints {
    /// The unit of the plotted values, from the metric name's suffix (`_seconds`, `_bytes`, …) and whether the values
    /// are a rate derived from a counter.
    public var unit: String {
        let n = name.lowercased().replacingOccurrences(of: "_total", with: "").replacingOccurrences(of: "_bucket", with: "")
            .replacingOccurrences(of: "_sum", with: "").replacingOccurrences(of: "_count", with: "")
        let base = n.hasSuffix("_seconds") ? "s" : n.hasSuffix("_milliseconds") ? "ms" : n.hasSuffix("_microseconds") ? "µs"
            : n.hasSuffix("_bytes") ? "B" : n.hasSuffix("_percent") ? "%" : n.hasSuffix("_ratio") ? "ratio" : ""
        guard derived == "rate/s" else { return base }
        return base.isEmpty ? "/s" : base + "/s"
    }
}

extension Snapshot {
    /// The incident start, when alerts on the series' entity (or the workload it belongs to) became active, and when
    /// that entity's manifests changed, by time.
    public func seriesMarkers(_ id: String) -> [SeriesMarker] {
        var out: [SeriesMarker] = []
        if let inc = windows.incident?.start {
            out.append(SeriesMarker(kind: .incidentStart, time: inc, label: windows.incidentStartReason ?? "incident start"))
        }
        // The series' entity straight from its file (listing every series to find one scores them all).
        guard let (f, _) = seriesRef(id) else { return out }
        let owner = entity(ofMetricFile: metricFiles[f])
        let entities = [owner] + related(owner)
        let set = Set(entities)
        for a in alerts(AlertFilter()) where a.entity.map(set.contains) ?? false {
            out.append(SeriesMarker(kind: .alert, time: a.activeAt ?? a.firstSeen, label: a.name))
        }
        for e in entities {
            for o in observations(of: e) where o.changed { out.append(SeriesMarker(kind: .change, time: o.time, label: e.description)) }
        }
        return out.sorted { ($0.time, $0.label) < ($1.time, $1.label) }
    }
}
