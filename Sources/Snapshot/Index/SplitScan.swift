import Foundation

/// Columns built from a byte range of a TSV file, which can be appended to the columns of the range before it.
protocol ColumnarPart: SendableMetatype {
    init()
    /// Moves `other` (the next range of the same file) onto the end, remapping its interned strings;
    /// each column of `other` is released as soon as it is copied, to keep the peak low.
    mutating func append(_ other: inout Self)
}

/// Indexes one large TSV file on several cores: the file is cut at likely record starts (a newline followed by a
/// timestamp), the parts are scanned in parallel, and each cut is verified afterwards (the part before it must
/// have ended exactly there). A wrong guess, e.g. a cut inside a multi-line quoted cell, is rescanned sequentially
/// from where the previous part really ended, so the result is always identical to a sequential scan.
///
/// A thread whose part is done takes the unread second half of the part with the most left (work stealing: the
/// part's `PartLimit` is lowered to a record start past what its scanner has read), so the threads end together
/// however the cores were shared with the snapshot's other files.
enum SplitScan {
    static let minPartBytes = 32 << 20
    /// A part with less than this left unread is not split again: the new part's setup and merge would cost more.
    static let minStealBytes = 8 << 20

    /// `addBytes` receives bytes scanned (deltas, from any thread). `build` scans from `start` to the end its limit
    /// gives and reports absolute offsets to the progress function it is given.
    static func run<P: ColumnarPart>(
        _ file: ByteFile, headerFirstColumn: String, standard: [String], addBytes: (@Sendable (Int) -> Void)?, parts forced: Int? = nil,
        stealAtLeast: Int = minStealBytes,
        build: @escaping @Sendable (_ start: Int, _ limit: PartLimit, _ header: [String]?, _ capacity: Int, _ progress: @escaping (Int) -> Void) -> (P, TSVScanSummary)
    ) -> (P, TSVScanSummary) {
        @Sendable func progress(from start: Int) -> (Int) -> Void {
            var last = start
            return { off in if off > last { addBytes?(off - last); last = off } }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // TRIAGE_INDEX_PARTS=1 turns parallel parts off (for comparisons); otherwise one part per core for large files.
        let env = ProcessInfo.processInfo.environment["TRIAGE_INDEX_PARTS"].flatMap(Int.init)
        let parts = forced ?? env.map { min($0, max(1, file.size / (1 << 20))) } ?? min(cores, file.size / minPartBytes)
        // Arrays are sized from a sampled record length so they never double past what the file needs.
        let perRecord = averageRecordBytes(file)
        @Sendable func capacity(_ start: Int, _ stop: Int) -> Int { Int(Double(min(stop, file.size) - start) / perRecord * 1.08) + 64 }
        if parts < 2 { return build(0, PartLimit(start: 0, stop: Int.max), nil, capacity(0, Int.max), progress(from: 0)) }
        // The header, so later parts know the columns.
        let first = TSVRecordReader.fields(file, at: 0)
        let header: [String]? = first.flatMap { f in
            f.first.map { String(decoding: $0, as: UTF8.self) } == headerFirstColumn
                ? f.map { String(decoding: $0, as: UTF8.self) }.filter { !$0.isEmpty } : nil
        }
        var cuts = [0]
        for k in 1..<parts {
            if let c = recordStart(file, near: file.size * k / parts), c > cuts.last! { cuts.append(c) }
        }
        cuts.append(Int.max)
        let n = cuts.count - 1
        let initial = (0..<n).map { PartLimit(start: cuts[$0], stop: cuts[$0 + 1]) }
        let table = PartTable<P>(limits: initial)
        /// Scans `limit`'s part, then parts taken from the others, until none has enough left.
        @Sendable func work(_ first: PartLimit, capacity firstCapacity: Int, label: String) {
            var limit = first, cap = firstCapacity
            while true {
                let r = PhaseLog.time(limit === first ? label : "part taken from \(limit.start >> 20) MiB") {
                    build(limit.start, limit, limit.start == 0 ? nil : header ?? standard, cap, progress(from: limit.start))
                }
                limit.finish()
                table.store(r, for: limit)
                guard let next = table.steal(file, atLeast: stealAtLeast) else { return }
                limit = next; cap = capacity(next.start, next.end)
            }
        }
        // Dedicated threads: nested GCD concurrentPerform would run inline once the loader's workers fill the pool.
        let done = DispatchSemaphore(value: 0)
        for i in 1..<n {
            let limit = initial[i], cap = capacity(cuts[i], cuts[i + 1]), label = "part \(i) of \(n) (\((min(cuts[i + 1], file.size) - cuts[i]) >> 20) MiB)"
            let t = Thread { work(limit, capacity: cap, label: label); done.signal() }
            t.stackSize = 1 << 20
            t.start()
        }
        // The first part receives the others, so it is sized for the whole file.
        work(initial[0], capacity: capacity(0, Int.max), label: "part 0 of \(n) (\(cuts[1] >> 20) MiB)")
        PhaseLog.time("wait for the other parts") { for _ in 1..<n { done.wait() } }
        // Each part's only reference is its slot: a second one (a local kept to the end of this function) made every
        // column copy itself on the first append, 300 MB on a 10 GB snapshot.
        let order = table.scannedInFileOrder()
        var (merged, summary) = table.take(order[0])
        var end = summary.endOffset
        for limit in order.dropFirst() {
            var (part, s) = table.take(limit)
            let stop = limit.end
            if end != limit.start {
                // The cut was not a record start: redo this part from the true end of the previous one.
                if end >= min(stop, file.size) { continue }
                (part, s) = build(end, PartLimit(start: end, stop: stop), header ?? standard, 64, { _ in })
            }
            let offset = summary.records
            for var d in s.diagnostics { if let r = d.record { d.record = r + offset }; summary.diagnostics.append(d) }
            summary.records += s.records
            PhaseLog.time("merge the part from \(limit.start >> 20) MiB") { merged.append(&part) }
            end = s.endOffset
        }
        summary.endOffset = end
        summary.parts = order.count
        PhaseLog.note("\(file.path): \(order.count) parts (\(order.count - n) taken from others)")
        return (merged, summary)
    }

    /// Mean bytes per record in the first MiB (lines that start with a timestamp or a metric name count as records).
    static func averageRecordBytes(_ file: ByteFile) -> Double {
        let sample = file.bytes(at: 0, count: 1 << 20)
        guard !sample.isEmpty else { return 1000 }
        var starts = 0
        for i in 0..<(sample.count - 1) where sample[i] == 0x0A && sample[i + 1] != 0x09 && sample[i + 1] != 0x20 && sample[i + 1] != 0x0A {
            starts += 1
        }
        return Double(sample.count) / Double(max(1, starts))
    }

    /// The first offset at or after `pos` that starts a line beginning with `YYYY-MM-DD HH:MM:SS`.
    static func recordStart(_ file: ByteFile, near pos: Int) -> Int? {
        let window = file.bytes(at: pos, count: 1 << 20)
        var i = 0
        while i + 21 < window.count {
            if window[i] == 0x0A {
                let ok = window.withUnsafeBufferPointer { b in
                    Timestamp.parse(UnsafeBufferPointer(rebasing: b[(i + 1)..<(i + 20)])) != nil
                }
                if ok { return pos + i + 1 }
            }
            i += 1
        }
        return nil
    }
}

/// The parts of one split scan: every part's limit (a stolen part's too, added when it is taken) and the scanned
/// results, filled from any thread.
final class PartTable<P>: @unchecked Sendable {
    private let lock = NSLock()
    private var limits: [PartLimit]
    private var results: [ObjectIdentifier: (P, TSVScanSummary)] = [:]

    init(limits: [PartLimit]) { self.limits = limits }

    func store(_ r: (P, TSVScanSummary), for limit: PartLimit) {
        lock.lock(); results[ObjectIdentifier(limit)] = r; lock.unlock()
    }

    /// Removes and returns a part's result (so the caller holds its only reference).
    func take(_ limit: PartLimit) -> (P, TSVScanSummary) {
        lock.lock(); defer { lock.unlock() }
        return results.removeValue(forKey: ObjectIdentifier(limit))!
    }

    /// Every part, by where it starts in the file (call once all are scanned).
    func scannedInFileOrder() -> [PartLimit] {
        lock.lock(); defer { lock.unlock() }
        return limits.sorted { $0.start < $1.start }
    }

    /// Takes the unread second half of the part with the most left, when that is at least `atLeast` bytes: the new
    /// part starts at a record start past the half and ends where the old part ended, which now ends there.
    func steal(_ file: ByteFile, atLeast: Int) -> PartLimit? {
        for _ in 0..<3 {
            lock.lock()
            let candidates = limits.map { ($0, $0.unread(size: file.size)) }
            lock.unlock()
            guard let (victim, unread) = candidates.max(by: { $0.1.bytes < $1.1.bytes }), unread.bytes >= atLeast,
                  let cut = SplitScan.recordStart(file, near: unread.from + unread.bytes / 2) else { return nil }
            // nil: the victim's scanner read past the cut meanwhile, or the cut is past its end; look again.
            guard let stop = victim.cut(at: cut) else { continue }
            let taken = PartLimit(start: cut, stop: stop)
            lock.lock(); limits.append(taken); lock.unlock()
            return taken
        }
        return nil
    }
}
