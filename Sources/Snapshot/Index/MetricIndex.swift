/// One metric series of a metrics file: name, labels and deduplicated, time-ordered samples.
public struct MetricSeries: Sendable {
    public let name: String
    /// All labels from the `tags` cell (plus `le` and `status_code` columns when present).
    public let labels: [String: String]
    public internal(set) var times: [Nanos]
    public internal(set) var values: [Double]
    /// Rows dropped as exact duplicates.
    public internal(set) var duplicates: Int

    /// Prometheus counters and histogram parts are cumulative.
    public var isCumulative: Bool {
        name.hasSuffix("_total") || name.hasSuffix("_bucket") || name.hasSuffix("_count") || name.hasSuffix("_sum")
    }
}

/// Index of one `metrics/pod_*_raw.tsv` or `metrics/service_*_raw.tsv` file.
public final class MetricFileIndex: @unchecked Sendable {
    public enum Target: String, Sendable, Codable { case pod, service }
    public let path: String
    public let target: Target
    /// Pod or service name from the file name.
    public let targetName: String
    public internal(set) var namespace = ""
    public internal(set) var series: [MetricSeries] = []
    public internal(set) var rows = 0

    init(path: String, target: Target, targetName: String) {
        self.path = path; self.target = target; self.targetName = targetName
    }

    /// `pod_cart-755465879b-rh5r4_raw.tsv` → (.pod, "cart-755465879b-rh5r4").
    public static func parseName(_ file: String) -> (Target, String)? {
        var base = file
        if base.hasSuffix(".excerpt") { base.removeLast(8) }
        guard base.hasSuffix(".tsv") else { return nil }
        base.removeLast(4)
        if base.hasSuffix("_raw") { base.removeLast(4) }
        if base.hasPrefix("pod_") { return (.pod, String(base.dropFirst(4))) }
        if base.hasPrefix("service_") { return (.service, String(base.dropFirst(8))) }
        return nil
    }

    static func build(_ file: ByteFile, displayName: String, target: Target, targetName: String,
                      progress: ((Int) -> Void)?) -> (MetricFileIndex, TSVScanSummary) {
        let idx = MetricFileIndex(path: displayName, target: target, targetName: targetName)
        let standard = target == .pod ? Columns.podMetrics : Columns.serviceMetrics
        var summary = TSVScanSummary()
        var headerSeen = false
        var c = (name: 0, ts: 1, value: 2, ns: 4, le: -1, tags: 6, status: -1)
        var lookup: [UInt64: Int] = [:]
        var problems = RecordProblems()
        summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "metric_name", expectedHeader: standard,
                                  progress: progress) { rec in
            if !headerSeen {
                headerSeen = true
                let h = summary.header.isEmpty ? standard : summary.header
                c = (Columns.index("metric_name", in: h, standard: standard), Columns.index("timestamp", in: h, standard: standard),
                     Columns.index("value", in: h, standard: standard), Columns.index("namespace", in: h, standard: standard),
                     h.firstIndex(of: "bucket_le") ?? -1, Columns.index("tags", in: h, standard: standard),
                     h.firstIndex(of: "status_code") ?? -1)
            }
            idx.rows += 1
            let nameB = rec.raw(c.name)
            let tagsB = c.tags >= 0 ? rec.raw(c.tags) : UnsafeBufferPointer(start: nil, count: 0)
            var key = Hex.hash(nameB)
            key = Hex.hash(tagsB, seed: key)
            if c.le >= 0 { key = Hex.hash(rec.raw(c.le), seed: key ^ 0x9e37) }
            guard let t = Timestamp.parse(rec.raw(c.ts)) else {
                problems.note("have an unreadable or impossible timestamp; skipped", offset: rec.offset); return true
            }
            let vs = String(decoding: rec.raw(c.value), as: UTF8.self)
            // Prometheus spells infinities +Inf/-Inf; a number too large for a double (1e999) is out of range, not infinite.
            guard let v = vs == "+Inf" || vs == "Inf" ? Double.infinity : vs == "-Inf" ? -Double.infinity : Double(vs).flatMap({ $0.isInfinite ? nil : $0 }) else {
                problems.note("have a value that is not a number or out of range; skipped", offset: rec.offset); return true
            }
            let si: Int
            if let s = lookup[key] { si = s } else {
                var labels = [String: String]()
                if c.tags >= 0, !rec.raw(c.tags).isEmpty {
                    if let parsed = try? PythonLiteral.parse(rec.bytes(c.tags)) { labels = parsed.flatStrings }
                    else { problems.note("have an unreadable tags cell (not a Python dict); the series has no labels", offset: rec.offset) }
                }
                if c.le >= 0, !rec.raw(c.le).isEmpty { labels["le"] = rec.string(c.le) }
                if c.status >= 0, !rec.raw(c.status).isEmpty { labels["status_code"] = rec.string(c.status) }
                if idx.namespace.isEmpty, c.ns >= 0 { idx.namespace = rec.string(c.ns) }
                si = idx.series.count
                lookup[key] = si
                idx.series.append(MetricSeries(name: rec.string(c.name), labels: labels, times: [], values: [], duplicates: 0))
            }
            idx.series[si].times.append(t)
            idx.series[si].values.append(v)
            return true
        }
        summary.diagnostics += problems.diagnostics(file, displayName: displayName)
        // Time-order and drop exact duplicate samples.
        for i in idx.series.indices {
            var s = idx.series[i]
            let order = s.times.indices.sorted { s.times[$0] < s.times[$1] }
            var t2 = [Nanos](), v2 = [Double]()
            t2.reserveCapacity(order.count); v2.reserveCapacity(order.count)
            var dups = 0
            for o in order {
                if let lt = t2.last, lt == s.times[o], v2.last == s.values[o] { dups += 1; continue }
                t2.append(s.times[o]); v2.append(s.values[o])
            }
            s.times = t2; s.values = v2; s.duplicates = dups
            idx.series[i] = s
        }
        return (idx, summary)
    }
}
