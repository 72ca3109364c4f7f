/// Records and error records of a log listing per equal slice of a time window: what an lnav-style histogram draws.
public struct LogTimeline: Sendable, Equatable {
    public var window: TimeWindow
    public var records: [Int]
    public var errors: [Int]
    /// The slice holding time `t` (clamped to the first and last).
    public func bucket(of t: Nanos) -> Int {
        guard !records.isEmpty, window.duration > 0 else { return 0 }
        let x = Double(t - window.start) / Double(window.duration) * Double(records.count)
        return max(0, min(records.count - 1, Int(x)))
    }
}

extension Snapshot {
    /// Counts `records` (log record indices, as `logMatches` returns them) and those at error level or above over
    /// `buckets` equal slices of `window` (default: the recording), from the index columns alone.
    public func logTimeline(_ records: [Int32], buckets: Int, window given: TimeWindow? = nil) -> LogTimeline? {
        guard let l = logs, buckets > 0, let w = given ?? windows.recording, w.duration > 0 else { return nil }
        var out = LogTimeline(window: w, records: [Int](repeating: 0, count: buckets), errors: [Int](repeating: 0, count: buckets))
        let error = LogIndex.Level.error.rawValue
        for r in records {
            let i = Int(r), t = l.time[i]
            guard w.contains(t) else { continue }
            let b = min(buckets - 1, Int(Double(t - w.start) / Double(w.duration) * Double(buckets)))
            out.records[b] += 1
            if l.level[i] >= error { out.errors[b] += 1 }
        }
        return out
    }

    /// The time of log record `i`.
    public func logTime(_ i: Int32) -> Nanos? {
        guard let l = logs, i >= 0, Int(i) < l.count else { return nil }
        return l.time[Int(i)]
    }

    /// The position in `records` (time-ordered, as `logMatches` returns them) of the first record at or after `t`;
    /// `records.count` when every record is earlier.
    public func firstLog(atOrAfter t: Nanos, in records: [Int32]) -> Int {
        guard let l = logs else { return 0 }
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if l.time[Int(records[mid])] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
