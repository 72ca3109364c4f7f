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
        try logPatterns(q, pivot: pivot, buckets: buckets, deadline: deadline, sharing: MiningShare())
    }

    /// How a mining job is shared between two threads (tests make small jobs parallel, in small chunks), and what
    /// each thread did.
    struct MiningShare {
        var parallelFrom = 20_000, chunkSize = 512
        /// Called with the chunks, those the miner's thread read itself and those it tokenized ahead.
        var report: ((_ chunks: Int, _ read: Int, _ ahead: Int) -> Void)? = nil
    }

    func logPatterns(_ q: LogQuery, pivot: Nanos?, buckets: Int, deadline: Date?, sharing: MiningShare) throws -> LogPatternReport {
        let matched = try PhaseLog.time("patterns: select records") { try logMatches(q, deadline: deadline) }
        guard let l = logs, let file = logsFile else { return LogPatternReport(patterns: [], records: 0, pivot: nil, buckets: buckets) }
        let pivot = pivot ?? windows.incident?.start
        let range = windows.recording
        var miner = LogTemplateMiner()
        var stats: [LogPattern] = []
        var services: [[Int32: Bool]] = [], lastService: [Int32] = []
        // Bodies come from the saved index's body store, else from the memory-mapped file, where only the body cell
        // of each record is read (and unescaped when quoted).
        func mine(_ source: PreparedMessages.Source) throws {
            func tally(_ i: Int, _ t: Int, _ bytes: [UInt8]) {
                let time = l.time[i]
                if t == stats.count {
                    let example = ByteSearch.trimmed(String(decoding: bytes, as: UTF8.self))
                    stats.append(LogPattern(template: "", count: 0, errors: 0, before: 0, after: 0, services: [], firstSeen: time, lastSeen: time,
                                            histogram: [Int](repeating: 0, count: buckets), example: example))
                    services.append([:]); lastService.append(-1)
                }
                stats[t].count += 1
                if l.level[i] >= LogIndex.Level.error.rawValue { stats[t].errors += 1 }
                if let p = pivot { if time < p { stats[t].before += 1 } else { stats[t].after += 1 } }
                stats[t].firstSeen = min(stats[t].firstSeen, time); stats[t].lastSeen = max(stats[t].lastSeen, time)
                if let r = range, r.duration > 0, time >= r.start, time <= r.end {
                    stats[t].histogram[min(buckets - 1, Int((time - r.start) * Int64(buckets) / (r.duration + 1)))] += 1
                }
                // Most templates come from one service: the set is touched only when the service changes.
                if lastService[t] != l.service[i] { lastService[t] = l.service[i]; services[t][l.service[i]] = true }
            }
            // A large job is shared with another thread a chunk at a time: each thread claims the next chunk; this one
            // mines every chunk in order, reading and tokenizing those it claimed itself and taking the other's
            // tokenized messages (tokenizing is most of the work) exactly as it would have taken them itself; rather
            // than wait for the other's, it tokenizes a later chunk ahead (`PreparedMessages`).
            let jobs = PreparedMessages(source: source, records: matched, maxTokens: miner.maxTokens, chunkSize: sharing.chunkSize)
            let done = DispatchSemaphore(value: 0)
            let parallel = matched.count >= sharing.parallelFrom
            if parallel {
                let t = Thread { PhaseLog.time("patterns: tokenize chunks (other thread)") { jobs.run(deadline: deadline) }; done.signal() }
                t.stackSize = 1 << 20
                t.start()
            }
            defer { if parallel { jobs.cancel(); done.wait() } }
            // Per tokenizer (the other thread's, and the miner thread's own for chunks it tokenized ahead): its ids
            // mapped to the miner's, and the bytes of its ids so far.
            var remap: [[Int32]] = [[], []], tokenBytes: [[[UInt8]]] = [[], []]
            try PhaseLog.time("patterns: mine every chunk in order") {
                for c in 0..<jobs.chunks {
                    if let d = deadline, Date() > d { throw SnapshotError.badArgument("log pattern mining timed out") }
                    let r = jobs.range(c)
                    switch try jobs.claimOrWait(c) {
                    case .mine:
                        for i32 in matched[r] {
                            guard let bytes = PreparedMessages.body(source, Int(i32)) else { continue }
                            tally(Int(i32), miner.add(bytes: bytes), bytes)
                        }
                    case let .prepared(met, ahead):
                        let t = ahead ? 1 : 0
                        tokenBytes[t] += met
                        for k in r {
                            guard let p = jobs.prepared(k) else { continue }
                            tally(Int(matched[k]), miner.add(prepared: p, tokenBytes: tokenBytes[t], remap: &remap[t]), p.key.bytes)
                        }
                    }
                }
            }
            PhaseLog.note(String(format: "patterns: of %d chunks the miner's thread read %d and tokenized %d ahead; it waited %.1f ms",
                                 jobs.chunks, jobs.minerChunks, jobs.aheadChunks, Double(jobs.waitedNanos) / 1e6))
            sharing.report?(jobs.chunks, jobs.minerChunks, jobs.aheadChunks)
        }
        if let store = bodyStore(for: l) { try store.withBytes { try mine(.store($0, store, missing: store.missingMask())) } }
        else { try file.withMapped { try mine(.file($0, l)) } }
        for t in stats.indices {
            stats[t].template = miner.text(t)
            stats[t].services = services[t].keys.map { l.strings[$0] }.sorted()
        }
        return LogPatternReport(patterns: stats.sorted { ($0.count, $1.template) > ($1.count, $0.template) }, records: matched.count, pivot: pivot, buckets: buckets)
    }
}
