import Foundation

/// A mining job's records shared by two threads (`Snapshot.logPatterns`): the miner's thread claims chunks from the
/// front and mines them itself; another thread claims chunks from the back and only reads and tokenizes them, ahead of
/// the miner. They meet wherever their speeds put them, so neither waits long for the other whatever the share of
/// tokenizing in the work.
final class PreparedMessages: @unchecked Sendable {
    static let chunk = 512
    let map: UnsafeRawBufferPointer
    let logs: LogIndex
    let column: Int
    let records: [Int32]
    let parallel: Bool
    var tokenizer: LogTokenizer
    /// Per record from `meeting` on: its prepared message (nil when its body cannot be read). Written only by the other
    /// thread, read by the miner once that thread is done.
    private(set) var prepared: [LogTokenizer.Prepared?]
    private(set) var timedOut = false
    /// The miner owns `0 ..< front`, the other thread `back ..< records.count`; both under the lock, as is `cancelled`.
    private let lock = NSLock()
    private var front = 0, back: Int
    private var cancelFlag = false
    var cancelled: Bool {
        get { lock.lock(); defer { lock.unlock() }; return cancelFlag }
        set { lock.lock(); cancelFlag = newValue; lock.unlock() }
    }
    /// Where the two threads met: the first record the other thread prepared (once both are done).
    var meeting: Int { lock.lock(); defer { lock.unlock() }; return front }

    init(map: UnsafeRawBufferPointer, logs: LogIndex, column: Int, records: [Int32], maxTokens: Int, parallel: Bool) {
        self.map = map; self.logs = logs; self.column = column; self.records = records; self.parallel = parallel
        tokenizer = LogTokenizer(maxTokens: maxTokens)
        back = records.count
        prepared = parallel ? [LogTokenizer.Prepared?](repeating: nil, count: records.count) : []
    }

    /// The miner's next chunk, or nil when the rest is the other thread's.
    func claimFront() -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        guard front < back else { return nil }
        let r = front..<min(back, front + Self.chunk)
        front = r.upperBound
        return r
    }

    private func claimBack() -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        guard front < back, !cancelFlag else { return nil }
        let r = max(front, back - Self.chunk)..<back
        back = r.lowerBound
        return r
    }

    /// The other thread's work: chunks from the back until the miner's front is reached.
    func run(deadline: Date?) {
        while let r = claimBack() {
            if let d = deadline, Date() > d { timedOut = true; return }
            for k in r { prepared[k] = Self.body(map, logs, column, Int(records[k])).map { tokenizer.prepare($0) } }
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
