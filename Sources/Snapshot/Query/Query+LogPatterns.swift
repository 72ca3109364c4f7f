import Foundation

/// One mined log template with its counts: in all, at error level or above, before and after the pivot, over time.
public struct LogPattern: Sendable, Codable {
    public var template: String
    public var count: Int
    public var errors: Int
    public var before: Int
    public var after: Int
    public var services: [String]
    public var firstSeen: Nanos
    public var lastSeen: Nanos
    /// Records per equal slice of the recording (`LogPatternReport.buckets` slices).
    public var histogram: [Int]
    /// The first record's body, as an example.
    public var example: String
}

/// Templates of the matching log records, most frequent first.
public struct LogPatternReport: Sendable {
    public var patterns: [LogPattern]
    public var records: Int
    public var pivot: Nanos?
    public var buckets: Int
}

extension Snapshot {
    /// Mines templates from the log records `q` matches (Drain-style, see `LogTemplateMiner`), counting each before
    /// and after `pivot` (default: the incident start) and over `buckets` slices of the recording.
    public func logPatterns(_ q: LogQuery, pivot: Nanos? = nil, buckets: Int = 24, deadline: Date? = nil) throws -> LogPatternReport {
        let matched = try logMatches(q, deadline: deadline)
        guard let l = logs, let file = logsFile else { return LogPatternReport(patterns: [], records: 0, pivot: nil, buckets: buckets) }
        let pivot = pivot ?? windows.incident?.start
        let range = windows.recording
        var miner = LogTemplateMiner()
        var stats: [LogPattern] = []
        var services: [[Int32: Bool]] = []
        let body = l.bodyColumn
        // The file is memory-mapped and only the body cell of each record is read (and unescaped when quoted).
        try file.withMapped { map in
            for (n, i32) in matched.enumerated() {
                if n & 1023 == 0, let d = deadline, Date() > d { throw SnapshotError.badArgument("log pattern mining timed out") }
                let i = Int(i32)
                let start = Int(l.offset[i])
                guard start < map.count else { continue }
                let rest = UnsafeRawBufferPointer(rebasing: map[start...])
                guard let r = TSVRecordReader.fieldRange(rest, column: body) else { continue }
                let cell = UnsafeRawBufferPointer(rebasing: rest[r.lowerBound..<min(r.upperBound, r.lowerBound + 8000)])
                var bytes = r.lowerBound > 0 && rest[r.lowerBound - 1] == 0x22 ? TSVScanner.unescape(cell.bindMemory(to: UInt8.self)) : Array(cell)
                if bytes.count > 4000 { bytes.removeLast(bytes.count - 4000) }
                let t = miner.add(bytes: bytes)
                let time = l.time[i]
                if t == stats.count {
                    let example = ByteSearch.trimmed(String(decoding: bytes, as: UTF8.self))
                    stats.append(LogPattern(template: "", count: 0, errors: 0, before: 0, after: 0, services: [], firstSeen: time, lastSeen: time,
                                            histogram: [Int](repeating: 0, count: buckets), example: example))
                    services.append([:])
                }
                stats[t].count += 1
                if l.level[i] >= LogIndex.Level.error.rawValue { stats[t].errors += 1 }
                if let p = pivot { if time < p { stats[t].before += 1 } else { stats[t].after += 1 } }
                stats[t].firstSeen = min(stats[t].firstSeen, time); stats[t].lastSeen = max(stats[t].lastSeen, time)
                if let r = range, r.duration > 0, time >= r.start, time <= r.end {
                    stats[t].histogram[min(buckets - 1, Int((time - r.start) * Int64(buckets) / (r.duration + 1)))] += 1
                }
                services[t][l.service[i]] = true
            }
        }
        for t in stats.indices {
            stats[t].template = miner.text(t)
            stats[t].services = services[t].keys.map { l.strings[$0] }.sorted()
        }
        return LogPatternReport(patterns: stats.sorted { ($0.count, $1.template) > ($1.count, $0.template) }, records: matched.count, pivot: pivot, buckets: buckets)
    }
}
