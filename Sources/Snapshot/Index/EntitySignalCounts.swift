/// Span and log counts per distinct (service, pod, namespace) a record carries, kept in the index header: an entity's
/// summary adds up the keys that belong to it instead of decoding the span digest and every log row. The sums equal
/// the scans exactly (the same keys, the same predicate, `TelemetryKeys.matches`).
public struct EntitySignalCounts: Sendable, Codable, Equatable {
    /// Each key as [service, pod, namespace] and its [records, errors].
    public var spanKeys: [[String]] = [], spanCounts: [[Int]] = []
    public var logKeys: [[String]] = [], logCounts: [[Int]] = []

    init(digest: SpanDigest?, logs: LogIndex?) {
        if let d = digest {
            for i in d.keyService.indices {
                spanKeys.append([d.strings[d.keyService[i]], d.strings[d.keyPod[i]], d.strings[d.keyNamespace[i]]])
                spanCounts.append([Int(d.keySpans[i]), Int(d.keyErrors[i])])
            }
        }
        if let l = logs {
            var index: [[Int32]: Int] = [:]
            for i in 0..<l.count {
                let k = [l.service[i], l.pod[i], l.namespace[i]]
                let at = index[k] ?? { index[k] = logCounts.count; logKeys.append(k.map { l.strings[$0] }); logCounts.append([0, 0]); return logCounts.count - 1 }()
                logCounts[at][0] += 1
                if l.level[i] >= LogIndex.Level.error.rawValue { logCounts[at][1] += 1 }
            }
        }
    }

    /// Spans and error spans of the keys `keys` accepts.
    func spans(_ keys: TelemetryKeys) -> (Int, Int) { Self.sum(spanKeys, spanCounts, keys) }
    /// Log records and error records of the keys `keys` accepts.
    func logs(_ keys: TelemetryKeys) -> (Int, Int) { Self.sum(logKeys, logCounts, keys) }

    static func sum(_ k: [[String]], _ c: [[Int]], _ keys: TelemetryKeys) -> (Int, Int) {
        var n = 0, e = 0
        for i in k.indices where keys.matches(service: k[i][0], pod: k[i][1], namespace: k[i][2]) { n += c[i][0]; e += c[i][1] }
        return (n, e)
    }
}
