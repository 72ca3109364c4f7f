import Foundation

/// A mining job's records in chunks shared by two threads (`Snapshot.logPatterns`). Each thread claims the next
/// unclaimed chunk. The miner's thread takes the chunks in order: one it claimed it reads, tokenizes and mines itself;
/// one the other thread claimed it waits for (the other thread only reads and tokenizes, which is most of the work)
/// and then mines. Mining a tokenized chunk is quick, so the miner soon catches up and claims chunks again: the two
/// share the tokenizing whatever its cost, and the miner's thread never mines a long tail alone at the end.
final class PreparedMessages: @unchecked Sendable {
    static let chunkSize = 512
    /// Where the bodies are read: the mapped log file (with the index and the body column) or a body store's bytes
    /// (with its mask of missing bodies).
    enum Source {
        case file(UnsafeRawBufferPointer, LogIndex, Int)
        case store(UnsafeRawBufferPointer, LogBodyStore, missing: [Bool]?)
    }
    let source: Source
    let records: [Int32]
    let chunks: Int
    /// Touched by the other thread only.
    private var tokenizer: LogTokenizer
    /// Per record of a chunk the other thread claimed: its prepared message (nil when its body cannot be read);
    /// per such chunk, the bytes of the tokenizer ids first met in it. Written before the chunk is marked ready.
    private let slots: UnsafeMutableBufferPointer<LogTokenizer.Prepared?>
    private var newTokens: [[[UInt8]]]
    // Under `state`: the next unclaimed chunk, which claimed chunks are ready, and how the other thread stopped.
    private let state = NSCondition()
    private var next = 0
    private var ready: [Bool]
    private var cancelled = false, timedOut = false

    init(source: Source, records: [Int32], maxTokens: Int) {
        self.source = source; self.records = records
        chunks = (records.count + Self.chunkSize - 1) / Self.chunkSize
        tokenizer = LogTokenizer(maxTokens: maxTokens)
        slots = .allocate(capacity: records.count)
        slots.initialize(repeating: nil)
        newTokens = [[[UInt8]]](repeating: [], count: chunks)
        ready = [Bool](repeating: false, count: chunks)
    }

    deinit { _ = slots.deinitialize(); slots.deallocate() }

    func range(_ c: Int) -> Range<Int> { c * Self.chunkSize..<min(records.count, (c + 1) * Self.chunkSize) }

    /// The miner's turn at chunk `c` (chunks taken in order): nil when it claims the chunk itself, else, once the
    /// other thread has tokenized it, the bytes of the tokenizer ids first met in it.
    func claimOrWait(_ c: Int) throws -> [[UInt8]]? {
        state.lock(); defer { state.unlock() }
        if c >= next { next = c + 1; return nil }
        while !ready[c] && !timedOut { state.wait() }
        if !ready[c] { throw SnapshotError.badArgument("log pattern mining timed out") }
        return newTokens[c]
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
            let known = tokenizer.tokenBytes.count
            for k in range(c) { slots[k] = Self.body(source, Int(records[k])).map { tokenizer.prepare($0) } }
            let met = Array(tokenizer.tokenBytes[known...])
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
        case let .file(map, l, column):
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
}
