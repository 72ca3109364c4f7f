import Foundation

/// Every metric series' entry as `metricSeries()` lists it (anomaly scores included), kept as a cache section so a
/// `compare` or `suspects` call from the saved index does not score all series again. Doubles are stored as their
/// bits, so the list read back equals the one computed (tests compare the two).
enum SeriesListBlob {
    static func write(_ list: [MetricSeriesInfo], to w: inout BlobWriter) {
        w.strings(list.map(\.id)); w.strings(list.map { $0.entity.namespace ?? "" }); w.strings(list.map(\.entity.kind))
        w.strings(list.map(\.entity.name)); w.strings(list.map(\.file)); w.strings(list.map(\.name)); w.stringMaps(list.map(\.labels))
        w.array(list.map { Int64($0.samples) }); w.array(list.map { Int64($0.duplicatesDropped) }); w.array(list.map { $0.cumulative ? UInt8(1) : 0 })
        w.array(list.map(\.min)); w.array(list.map(\.max)); w.array(list.map(\.last)); w.array(list.map(\.anomaly))
    }

    static func read(_ r: inout BlobReader) throws -> [MetricSeriesInfo] {
        let ids = try r.strings(), namespaces = try r.strings(), kinds = try r.strings(), names = try r.strings()
        let files = try r.strings(), metricNames = try r.strings(), labels = try r.stringMaps()
        let samples = try r.array(Int64.self), dups = try r.array(Int64.self), cumulative = try r.array(UInt8.self)
        let mins = try r.array(Double.self), maxs = try r.array(Double.self), lasts = try r.array(Double.self), anomalies = try r.array(Double.self)
        let n = ids.count
        guard [namespaces.count, kinds.count, names.count, files.count, metricNames.count, labels.count, samples.count, dups.count,
               cumulative.count, mins.count, maxs.count, lasts.count, anomalies.count].allSatisfy({ $0 == n }), r.atEnd else { throw BlobReader.Corrupt() }
        return (0..<n).map { i in
            MetricSeriesInfo(id: ids[i], entity: EntityID(namespace: namespaces[i], kind: kinds[i], name: names[i]), file: files[i],
                             name: metricNames[i], labels: labels[i], samples: Int(samples[i]), duplicatesDropped: Int(dups[i]),
                             cumulative: cumulative[i] != 0, min: mins[i], max: maxs[i], last: lasts[i], anomaly: anomalies[i])
        }
    }
}
