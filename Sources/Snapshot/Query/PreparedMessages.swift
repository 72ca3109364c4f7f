import Foundation

/// A mining job's records in chunks shared by two threads (`Snapshot.logPatterns`). Each thread claims the next
/// unclaimed chunk. The miner's thread takes the chunks in order: one it claimed it reads, tokenizes and mines itself;
/// one the other thread claimed it mines once the other thread has tokenized it (reading and tokenizing is most of the
/// work). While it would wait for that, it claims a later chunk and tokenizes it ahead with a tokenizer of its own, so
/// neither thread is idle while chunks are left, and the miner's thread never mines a long tail alone at the end.
final class PreparedMessages: @unchecked Sendable {
    /// Records per chunk (512 but in tests).
    let chunkSize: Int
    /// Where the bodies are read: the mapped log file (with the index) or a body store's bytes (with its mask of
    /// missing bodies).
    enum Source {
        case file(UnsafeRawBufferPointer, LogIndex)
        case store(UnsafeRawBufferPointer, LogBodyStore, missing: [Bool]?)
    }
    let source: Source
    let records: [Int32]
    let chunks: Int
    /// Touched by the other thread only.
    private var tokenizer: LogTokenizer
    /// Touched by the miner's thread only: tokenizes the chunks it claims ahead, and the bytes of its ids first met in
    /// each of them.
    private var aheadTokenizer: LogTokenizer
    private var aheadTokens: [[[UInt8]]]
    /// Per record of a chunk the other thread claimed: its prepared message (nil when its body cannot be read);
    /// per such chunk, the bytes of the tokenizer ids first met in it. Written before the chunk is marked ready.
    private let slots: UnsafeMutableBufferPointer<LogTokenizer.Prepared?>
    private var newTokens: [[[UInt8]]]
    // Under `state`: the next unclaimed chunk, which claimed chunks are ready, and how the other thread stopped.
    private let state = NSCondition()
    private var next = 0
    private var ready: [Bool], ahead: [Bool]
    private var cancelled = false, timedOut = false
    /// For `TRIAGE_PHASES`: chunks the miner claimed to mine and to tokenize ahead, and how long it waited.
    private(set) var minerChunks = 0, aheadChunks = 0, waitedNanos: UInt64 = 0

    /// How the miner takes a chunk: it claimed it and reads it itself, or it is tokenized (by the other thread, or
    /// by the miner's thread ahead), with the bytes of that tokenizer's ids first met in it.
    enum Turn { case mine, prepared(newTokens: [[UInt8]], ahead: Bool) }

    init(source: Source, records: [Int32], maxTokens: Int, chunkSize: Int = 512) {
        self.source = source; self.records = records; self.chunkSize = chunkSize
        chunks = (records.count + chunkSize - 1) / chunkSize
        tokenizer = LogTokenizer(maxTokens: maxTokens)
        aheadTokenizer = LogTokenizer(maxTokens: maxTokens)
        aheadTokens = [[[UInt8]]](repeating: [], count: chunks)
        slots = .allocate(capacity: records.count)
        slots.initialize(repeating: nil)
        newTokens = [[[UInt8]]](repeating: [], count: chunks)
        ready = [Bool](repeating: false, count: chunks)
        ahead = ready
    }

    deinit { _ = slots.deinitialize(); slots.deallocate() }

    func range(_ c: Int) -> Range<Int> { c * chunkSize..<min(records.count, (c + 1) * chunkSize) }

    /// The miner's turn at chunk `c` (chunks taken in order).
    func claimOrWait(_ c: Int) throws -> Turn {
        state.lock(); defer { state.unlock() }
        if c >= next { next = c + 1; minerChunks += 1; return .mine }
        while !ready[c] && !ahead[c] && !timedOut {
            if next < chunks {
                // Rather than wait: tokenize the next unclaimed chunk on this thread.
                let k = next
                next += 1; ahead[k] = true; aheadChunks += 1
                state.unlock()
                aheadTokens[k] = tokenize(k, &aheadTokenizer)
                state.lock()
                continue
            }
            let t0 = DispatchTime.now().uptimeNanoseconds
            state.wait()
            waitedNanos += DispatchTime.now().uptimeNanoseconds - t0
        }
        if ahead[c] { return .prepared(newTokens: aheadTokens[c], ahead: true) }
        if !ready[c] { throw SnapshotError.badArgument("log pattern mining timed out") }
        return .prepared(newTokens: newTokens[c], ahead: false)
    }

    /// Reads and tokenizes chunk `c` into its slots with `t`; returns the bytes of the ids `t` first met in it.
    private func tokenize(_ c: Int, _ t: inout LogTokenizer) -> [[UInt8]] {
        let known = t.tokenBytes.count
        for k in range(c) { slots[k] = Self.body(source, Int(records[k])).map { t.prepare($0) } }
        return Array(t.tokenBytes[known...])
    }

    /// Record `k`'s prepared message, once its chunk is ready.
    func prepared(_ k: Int) -> LogTokenizer.Prepared? { slots[k] }

    /// Stops the other thread at its next claim.
    func cancel() { state.lock(); cancelled = true; state.unlock() }

    /// The other thread's work: claim, read and tokenize chunks until none is left.
    func run(deadline: Date?) {
        while true {
            state.lock()
            guard !cancelled, next < chunks else { state.unlock(); return }
            let c = next
            next += 1
            state.unlock()
            if let d = deadline, Date() > d { state.lock(); timedOut = true; state.broadcast(); state.unlock(); return }
            let met = tokenize(c, &tokenizer)
            state.lock(); newTokens[c] = met; ready[c] = true; state.broadcast(); state.unlock()
        }
    }

    /// Record `i`'s body as the miner reads it: unescaped when quoted, at most 4,000 bytes; nil when unreadable. (From
    /// the file, the cell is cut at 8,000 bytes before unescaping; its first 4,000 unescaped bytes are always within
    /// them, so both sources give the same bytes.)
    static func body(_ source: Source, _ i: Int) -> [UInt8]? {
        switch source {
        case let .store(bytes, store, missing):
            if let missing, missing[i] { return nil }
            let r = store.range(i)
            return Array(bytes[r.lowerBound..<min(r.upperBound, r.lowerBound + 4000)])
        case let .file(map, l):
            guard let c = LogBodyStore.cell(map, l, i) else { return nil }
            let cell = UnsafeRawBufferPointer(rebasing: c.bytes.prefix(8000))
            var bytes = c.quoted ? TSVScanner.unescape(cell.bindMemory(to: UInt8.self)) : Array(cell)
            if bytes.count > 4000 { bytes.removeLast(bytes.count - 4000) }
            return bytes
        }
    }
}
