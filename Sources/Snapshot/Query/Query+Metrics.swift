import Foundation

/// A metric series in a listing.
public struct MetricSeriesInfo: Sendable, Codable {
    /// Stable id `m<file>.<series>` for `seriesPoints`.
    public var id: String
    public var entity: EntityID
    public var file: String
    public var name: String
    /// The labels that tell this series apart from others of the same name in its file.
    public var labels: [String: String]
    public var samples: Int
    public var duplicatesDropped: Int
    /// Whether values are cumulative (rates are derived for display and scoring).
    public var cumulative: Bool
    public var min: Double
    public var max: Double
    public var last: Double
    /// Anomaly score of the displayed values (rate for counters): robust z-score of the incident window against the baseline.
    public var anomaly: Double
}

/// Points of one series, raw or as a per-second rate.
extension MetricSeriesInfo {
    /// The name with the labels that tell the series apart (`calls_total{span_kind=SERVER,status_code=ERROR}`), so two
    /// series of one metric never read the same.
    public var displayName: String {
        labels.isEmpty ? name : name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
    }
}

public struct SeriesPoints: Sendable, Codable {
    public var id: String
    public var name: String
    public var labels: [String: String]
    public var derived: String
    public var times: [Nanos]
    public var values: [Double]
}

extension Snapshot {
    public var metricSeriesCount: Int { metricFiles.reduce(0) { $0 + $1.series.count } }
    public var metricSampleCount: Int { metricFiles.reduce(0) { $0 + $1.series.reduce(0) { $0 + $1.times.count } } }

    /// The entity a metrics file describes.
    func entity(ofMetricFile m: MetricFileIndex) -> EntityID {
        switch m.target {
        case .pod: return EntityID(namespace: m.namespace.isEmpty ? graph.podNamespace[m.targetName] : m.namespace, kind: "Pod", name: m.targetName)
        case .service: return graph.primaryEntity(forService: m.targetName) ?? EntityID(namespace: m.namespace, kind: "OtelService", name: m.targetName)
        }
    }

    func metricFileIndices(for id: EntityID?) -> [Int] {
        guard let id else { return Array(metricFiles.indices) }
        let keys = telemetryKeys(id)
        return metricFiles.indices.filter { i in
            let m = metricFiles[i]
            if let ns = keys.namespace { return m.namespace == ns }
            return m.target == .pod ? keys.pods.contains(m.targetName) : keys.services.contains(m.targetName)
        }
    }

    static let volatileLabels: Set<String> = ["instance", "pod", "prometheus", "prometheus_replica", "endpoint", "job", "service",
                                               "exported_instance", "container", "namespace", "exported_namespace", "exported_job", "id", "uid", "image"]

    func distinguishingLabels(_ m: MetricFileIndex) -> [[String: String]] {
        var byName: [String: [Int]] = [:]
        for (i, s) in m.series.enumerated() { byName[s.name, default: []].append(i) }
        var out = [[String: String]](repeating: [:], count: m.series.count)
        for (_, idxs) in byName {
            var keys = Set<String>()
            for i in idxs { keys.formUnion(m.series[i].labels.keys) }
            let varying = keys.filter { k in Set(idxs.map { m.series[$0].labels[k] ?? "" }).count > 1 }
            for i in idxs {
                var l: [String: String] = [:]
                for k in varying { if let v = m.series[i].labels[k] { l[k] = v } }
                // Keep a container name when it is informative.
                if let c = m.series[i].labels["container"], !varying.contains("container"), m.target == .pod { l["container"] = c }
                out[i] = l
            }
        }
        return out
    }

    /// Series for an entity (all when nil), optionally filtered by metric-name substring, sorted by name.
    public func metricSeries(entity: EntityID? = nil, name: String? = nil) -> [MetricSeriesInfo] {
        // Every series (compare's and the anomaly ranking's list, both in one suspects call) is computed once.
        if entity == nil && name == nil { return cache.value(Self.allSeriesKey) { listSeries(entity: nil, name: nil) } }
        return listSeries(entity: entity, name: name)
    }

    /// The query cache's key for every series (a saved index seeds it from its `serieslist` section).
    static let allSeriesKey = "series:*"

    private func listSeries(entity: EntityID?, name: String?) -> [MetricSeriesInfo] {
        let incident = windows.incident
        var out: [MetricSeriesInfo] = []
        for fi in metricFileIndices(for: entity) {
            let m = metricFiles[fi]
            let labels = distinguishingLabels(m)
            let ent = self.entity(ofMetricFile: m)
            for (si, s) in m.series.enumerated() {
                if let n = name, s.name.range(of: n, options: .caseInsensitive) == nil { continue }
                out.append(Self.info(s, id: "m\(fi).\(si)", entity: ent, file: m.path, labels: labels[si], incident: incident))
            }
        }
        return out.sorted { ($0.entity, $0.name, $0.id) < ($1.entity, $1.name, $1.id) }
    }

    /// One series' entry as `metricSeries` lists it, without scoring every other series.
    public func seriesInfo(_ id: String) -> MetricSeriesInfo? {
        guard let (fi, si) = seriesRef(id) else { return nil }
        let m = metricFiles[fi]
        return Self.info(m.series[si], id: id, entity: entity(ofMetricFile: m), file: m.path, labels: distinguishingLabels(m)[si], incident: windows.incident)
    }

    static func info(_ s: MetricSeries, id: String, entity: EntityID, file: String, labels: [String: String], incident: TimeWindow?) -> MetricSeriesInfo {
        let (t, v) = display(s)
        return MetricSeriesInfo(id: id, entity: entity, file: file, name: s.name, labels: labels,
                                samples: s.times.count, duplicatesDropped: s.duplicates, cumulative: s.isCumulative,
                                min: v.min() ?? 0, max: v.max() ?? 0, last: v.last ?? 0,
                                anomaly: anomalyScore(times: t, values: v, incident: incident))
    }

    /// Values as shown: per-second rate for cumulative series (counter resets handled), raw otherwise.
    static func display(_ s: MetricSeries) -> ([Nanos], [Double]) {
        guard s.isCumulative else { return (s.times, s.values) }
        return rate(times: s.times, values: s.values)
    }

    /// Per-second rate between consecutive samples; a decrease is a counter reset.
    public static func rate(times: [Nanos], values: [Double]) -> ([Nanos], [Double]) {
        guard times.count > 1 else { return ([], []) }
        var t: [Nanos] = [], v: [Double] = []
        for i in 1..<times.count {
            let dt = Double(times[i] - times[i - 1]) / 1e9
            guard dt > 0 else { continue }
            let dv = values[i] >= values[i - 1] ? values[i] - values[i - 1] : values[i]
            t.append(times[i]); v.append(dv / dt)
        }
        return (t, v)
    }

    /// Anomaly score of a series against its own baseline (what precedes the incident, or the first 30% of samples):
    /// mean |x − median| over the incident window, divided by the baseline's spread max(1.4826·MAD, standard deviation,
    /// 5% of |median|, 2% of the series' largest |value|). Sustained shifts score high; sparse blips do not. Capped at 1000.
    public static func anomalyScore(times: [Nanos], values: [Double], incident: TimeWindow?) -> Double {
        let finite = values.indices.filter { values[$0].isFinite }
        guard finite.count >= 6 else { return 0 }
        var base = finite.filter { incident == nil || times[$0] < incident!.start }
        var test = finite.filter { incident != nil && times[$0] >= incident!.start }
        if base.count < 4 || test.isEmpty {
            let cut = Swift.max(3, finite.count * 3 / 10)
            base = Array(finite.prefix(cut)); test = Array(finite.dropFirst(cut))
        }
        guard !test.isEmpty else { return 0 }
        func median(_ a: [Double]) -> Double { let s = a.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        let bv = base.map { values[$0] }
        let med = median(bv)
        let mad = median(bv.map { abs($0 - med) })
        let mean = bv.reduce(0, +) / Double(bv.count)
        let std = (bv.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(bv.count)).squareRoot()
        let peak = finite.map { abs(values[$0]) }.max() ?? 0
        let scale = Swift.max(1.4826 * mad, std, 0.05 * abs(med), 0.02 * peak, 1e-9)
        let devs = test.map { abs(values[$0] - med) }
        let dev = devs.reduce(0, +) / Double(devs.count)
        return Swift.min(1000, (dev / scale * 100).rounded() / 100)
    }

    func seriesRef(_ id: String) -> (Int, Int)? {
        guard id.hasPrefix("m") else { return nil }
        let parts = id.dropFirst().split(separator: ".")
        guard parts.count == 2, let f = Int(parts[0]), let s = Int(parts[1]), f >= 0, f < metricFiles.count,
              s >= 0, s < metricFiles[f].series.count else { return nil }
        return (f, s)
    }

    /// Points of series `id` (from `metricSeries`): rate for counters unless `raw`.
    public func seriesPoints(_ id: String, raw: Bool = false) throws -> SeriesPoints {
        guard let (f, s) = seriesRef(id) else { throw SnapshotError.notFound("no metric series '\(id)' (ids look like m3.12; list them with metrics)") }
        let series = metricFiles[f].series[s]
        let (t, v) = raw ? (series.times, series.values) : Self.display(series)
        return SeriesPoints(id: id, name: series.name, labels: series.labels, derived: (!raw && series.isCumulative) ? "rate/s" : "raw",
                            times: t, values: v)
    }

    /// `histogram_quantile` over `<metric>_bucket` series of an entity: per timestamp, the q-quantile of the bucket
    /// rates (linear interpolation inside the bucket, as Prometheus does). Series are grouped by their labels minus `le`.
    public func histogramQuantile(_ q: Double, metric: String, entity: EntityID) -> [SeriesPoints] {
        let base = metric.hasSuffix("_bucket") ? String(metric.dropLast(7)) : metric
        var out: [SeriesPoints] = []
        for fi in metricFileIndices(for: entity) {
            let m = metricFiles[fi]
            let labels = distinguishingLabels(m)
            var groups: [[String: String]: [(le: Double, rate: ([Nanos], [Double]))]] = [:]
            for (si, s) in m.series.enumerated() where s.name == base + "_bucket" {
                guard let les = s.labels["le"], let le = les == "+Inf" ? Double.infinity : Double(les) else { continue }
                var key = labels[si]; key.removeValue(forKey: "le")
                groups[key, default: []].append((le, Self.rate(times: s.times, values: s.values)))
            }
            for (key, buckets) in groups.sorted(by: { $0.key.description < $1.key.description }) {
                let sorted = buckets.sorted { $0.le < $1.le }
                guard let ref = sorted.last?.rate.0 else { continue }
                var times: [Nanos] = [], values: [Double] = []
                for (k, t) in ref.enumerated() {
                    var cum: [(Double, Double)] = []
                    for b in sorted {
                        let idx = b.rate.0.firstIndex(of: t) ?? (k < b.rate.1.count ? k : -1)
                        cum.append((b.le, idx >= 0 ? b.rate.1[idx] : 0))
                    }
                    guard let total = cum.last?.1, total > 0 else { continue }
                    let rank = q * total
                    var prevLe = 0.0, prevC = 0.0
                    var value = cum.last!.0
                    for (le, c) in cum {
                        if c >= rank {
                            value = le.isInfinite ? prevLe : prevLe + (le - prevLe) * (c > prevC ? (rank - prevC) / (c - prevC) : 1)
                            break
                        }
                        prevLe = le; prevC = c
                    }
                    times.append(t); values.append(value)
                }
                out.append(SeriesPoints(id: "m\(fi).q\(q)", name: "histogram_quantile(\(q), \(base))", labels: key,
                                        derived: "quantile", times: times, values: values))
            }
        }
        return out
    }

    /// Series ranked by anomaly score (highest first).
    public func metricAnomalies(entity: EntityID? = nil, limit: Int = 20) -> [MetricSeriesInfo] {
        let all = cache.value("anomalies:\(entity?.description ?? "*")") { metricSeries(entity: entity).filter { $0.anomaly > 0 } }
        return Array(all.sorted { ($0.anomaly, $1.id) > ($1.anomaly, $0.id) }.prefix(limit))
    }
}
