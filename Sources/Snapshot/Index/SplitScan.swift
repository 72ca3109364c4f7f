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
enum SplitScan {
    static let minPartBytes = 32 << 20

    /// `addBytes` receives bytes scanned (deltas, from any thread). `build` scans `start ..< stopAt` and reports
    /// absolute offsets to the progress function it is given.
    static func run<P: ColumnarPart>(
        _ file: ByteFile, headerFirstColumn: String, standard: [String], addBytes: (@Sendable (Int) -> Void)?, parts forced: Int? = nil,
        build: @escaping @Sendable (_ start: Int, _ stopAt: Int, _ header: [String]?, _ capacity: Int, _ progress: @escaping (Int) -> Void) -> (P, TSVScanSummary)
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
        let whole = Int(Double(file.size) / perRecord * 1.08) + 64
        if parts < 2 { return build(0, Int.max, nil, whole, progress(from: 0)) }
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
        let fixedCuts = cuts
        let box = ResultSlots<(P, TSVScanSummary)>(count: n)
        let lock = NSLock()
        // Dedicated threads: nested GCD concurrentPerform would run inline once the loader's workers fill the pool.
        let done = DispatchSemaphore(value: 0)
        for i in 1..<n {
            let t = Thread {
                do {   // the part's only reference is its slot once the worker signals
                    let end = fixedCuts[i + 1] == Int.max ? file.size : fixedCuts[i + 1]
                    let r = build(fixedCuts[i], fixedCuts[i + 1], header ?? standard, Int(Double(end - fixedCuts[i]) / perRecord * 1.08) + 64,
                                  progress(from: fixedCuts[i]))
                    lock.lock(); box.results[i] = r; lock.unlock()
                }
                done.signal()
            }
            t.stackSize = 1 << 20
            t.start()
        }
        // The first part receives the others, so it is sized for the whole file.
        // Its slot holds its only reference: a second one (a local kept to the end of this function) made every
        // column copy itself on the first append, 300 MB on a 10 GB snapshot.
        do {
            let r0 = PhaseLog.time("part 0 of \(n) (\(fixedCuts[1] >> 20) MiB)") { build(0, fixedCuts[1], nil, whole, progress(from: 0)) }
            lock.lock(); box.results[0] = r0; lock.unlock()
        }
        PhaseLog.time("wait for the other parts") { for _ in 1..<n { done.wait() } }
        var (merged, summary) = box.results[0]!
        box.results[0] = nil
        var end = summary.endOffset
        for i in 1..<n {
            var (part, s) = box.results[i]!
            box.results[i] = nil
            if end != cuts[i] {
                // The cut was not a record start: redo this part from the true end of the previous one.
                if end >= (cuts[i + 1] == Int.max ? file.size : cuts[i + 1]) { continue }
                (part, s) = build(end, cuts[i + 1], header ?? standard, 64, { _ in })
            }
            let offset = summary.records
            for var d in s.diagnostics { if let r = d.record { d.record = r + offset }; summary.diagnostics.append(d) }
            summary.records += s.records
            merged.append(&part)
            end = s.endOffset
        }
        summary.endOffset = end
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

/// Results written by parallel workers, one slot each (guarded by the caller's lock).
final class ResultSlots<T>: @unchecked Sendable {
    var results: [T?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
}
