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
        let column = l.bodyColumn
        // The file is memory-mapped and only the body cell of each record is read (and unescaped when quoted).
        try file.withMapped { map in
            func tally(_ i: Int, _ t: Int, _ bytes: [UInt8]) {
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
            // A large job's last three fifths are read and tokenized on the other core while the first two fifths are
            // mined (mining also groups, so it gets the smaller share); the miner then takes those messages in order,
            // exactly as it would have taken them itself.
            let split = matched.count >= 20_000 ? matched.count * 2 / 5 : matched.count
            let ahead = PreparedMessages(map: map, logs: l, column: column, records: Array(matched[split...]), maxTokens: miner.maxTokens)
            let done = DispatchSemaphore(value: 0)
            if !ahead.records.isEmpty {
                let t = Thread { ahead.run(deadline: deadline); done.signal() }
                t.stackSize = 1 << 20
                t.start()
            }
            defer { if !ahead.records.isEmpty { ahead.cancelled = true; done.wait() } }
            for (n, i32) in matched[..<split].enumerated() {
                if n & 1023 == 0, let d = deadline, Date() > d { throw SnapshotError.badArgument("log pattern mining timed out") }
                guard let bytes = PreparedMessages.body(map, l, column, Int(i32)) else { continue }
                tally(Int(i32), miner.add(bytes: bytes), bytes)
            }
            guard !ahead.records.isEmpty else { return }
            done.wait()
            ahead.records = []   // joined: the deferred wait is not needed
            if ahead.timedOut { throw SnapshotError.badArgument("log pattern mining timed out") }
            var remap: [Int32] = []
            for (k, p) in ahead.prepared.enumerated() {
                guard let p else { continue }
                tally(Int(matched[split + k]), miner.add(prepared: p, from: ahead.tokenizer, remap: &remap), p.key.bytes)
            }
        }
        for t in stats.indices {
            stats[t].template = miner.text(t)
            stats[t].services = services[t].keys.map { l.strings[$0] }.sorted()
        }
        return LogPatternReport(patterns: stats.sorted { ($0.count, $1.template) > ($1.count, $0.template) }, records: matched.count, pivot: pivot, buckets: buckets)
    }
}

/// The second half of a mining job, read and tokenized on another thread (`Snapshot.logPatterns`).
final class PreparedMessages: @unchecked Sendable {
    let map: UnsafeRawBufferPointer
    let logs: LogIndex
    let column: Int
    var records: [Int32]
    var tokenizer: LogTokenizer
    /// Per record: its prepared message, nil when its body cannot be read.
    var prepared: [LogTokenizer.Prepared?] = []
    var timedOut = false
    /// Set by the miner's thread when it stops early, read by the tokenizing one: under a lock.
    private let cancelLock = NSLock()
    private var cancelFlag = false
    var cancelled: Bool {
        get { cancelLock.lock(); defer { cancelLock.unlock() }; return cancelFlag }
        set { cancelLock.lock(); cancelFlag = newValue; cancelLock.unlock() }
    }

    init(map: UnsafeRawBufferPointer, logs: LogIndex, column: Int, records: [Int32], maxTokens: Int) {
        self.map = map; self.logs = logs; self.column = column; self.records = records
        tokenizer = LogTokenizer(maxTokens: maxTokens)
    }

    func run(deadline: Date?) {
        prepared.reserveCapacity(records.count)
        for (n, i) in records.enumerated() {
            if n & 1023 == 0 {
                if cancelled { return }
                if let d = deadline, Date() > d { timedOut = true; return }
            }
            prepared.append(Self.body(map, logs, column, Int(i)).map { tokenizer.prepare($0) })
        }
    }

    /// Record `i`'s body as the miner reads it: unescaped when quoted, at most 4,000 bytes; nil when unreadable.
    static func body(_ map: UnsafeRawBufferPointer, _ l: LogIndex, _ column: Int, _ i: Int) -> [UInt8]? {
        let start = Int(l.offset[i])
        guard start < map.count else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: map[start...])
        guard let r = TSVRecordReader.fieldRange(rest, column: column) else { return nil }
        let cell = UnsafeRawBufferPointer(rebasing: rest[r.lowerBound..<min(r.upperBound, r.lowerBound + 8000)])
        var bytes = r.lowerBound > 0 && rest[r.lowerBound - 1] == 0x22 ? TSVScanner.unescape(cell.bindMemory(to: UInt8.self)) : Array(cell)
        if bytes.count > 4000 { bytes.removeLast(bytes.count - 4000) }
        return bytes
    }
}
