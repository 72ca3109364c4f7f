import Foundation

/// Where one part of a split scan ends, which an idle thread may move down to take the rest of the part for itself
/// (work stealing). The scanner reads the end at every buffer fill and records how far its buffer reaches, so an end
/// is never moved below a record the scanner may already have indexed.
public final class PartLimit: @unchecked Sendable {
    /// The part's first byte.
    let start: Int
    private let lock = NSLock()
    private var stop: Int
    private var reached: Int
    private var finished = false

    /// A part from `start` up to the first record at or after `stop` (`Int.max`: the end of the file).
    public init(start: Int, stop: Int) {
        self.start = start
        self.stop = stop
        reached = start
    }

    /// The end in force now.
    var end: Int { lock.lock(); defer { lock.unlock() }; return stop }

    /// Called by the scanner when its buffer holds the file up to `bufferEnd`; returns the end to honour until the
    /// next fill.
    func fill(reaching bufferEnd: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        reached = max(reached, bufferEnd)
        return stop
    }

    /// The scan is over: the end no longer moves.
    func finish() { lock.lock(); finished = true; lock.unlock() }

    /// Bytes not yet in the scanner's buffer (0 once finished), and the first of them; `size` is the file's size.
    func unread(size: Int) -> (bytes: Int, from: Int) {
        lock.lock(); defer { lock.unlock() }
        return finished ? (0, reached) : (max(0, min(stop, size) - reached), reached)
    }

    /// Moves the end down to `cut` unless the scanner's buffer already reached it or the scan is over; returns the end
    /// it had (where the part taken from `cut` must stop), or nil.
    func cut(at cut: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !finished, cut >= reached, cut < stop else { return nil }
        let old = stop
        stop = cut
        return old
    }
}
