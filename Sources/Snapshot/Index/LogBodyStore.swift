import CByteScan
import Foundation

/// Every log record's body as text (a quoted cell unescaped), one after another in record order, kept as a cache
/// section of its own. A 1 GB snapshot's log file is 136 MB, but its bodies are 24 MB: the rest is resource and log
/// attributes repeated on every record. Text search and template mining read the bodies here instead of the file,
/// with no cell to find and no quote to unescape per record. Only a saved index has one; a fresh index reads the file
/// (tests hold the two answers equal).
///
/// Section layout: [body bytes][missing: record indices whose body cell cannot be read][ends: per record, where its
/// body ends][body byte count], so it is written in one pass over the log file.
public final class LogBodyStore: @unchecked Sendable {
    /// The whole section (mapped when it comes from the cache); its first `byteCount` bytes are the bodies.
    private let data: Data
    let byteCount: Int
    /// Per record, where its body ends in the bytes (record i is `end(i-1)..<end(i)`, record 0 starts at 0), read in
    /// place from the section (no copy of a column that only `range` reads).
    private let endsAt: Int
    let count: Int
    /// Records whose body cell could not be read (sorted): they are skipped, not read as empty bodies.
    let missing: [Int32]

    /// The section's first byte. `data` is never mutated and is held as long as the store, and it is a mapping or a
    /// heap buffer of at least 24 bytes (never inline), so its bytes stay where they are.
    private let base: UnsafeRawPointer

    /// The section's checksum, checked the first time the bodies are read rather than when the section is opened, so a
    /// search checks it in the same pass over the bytes as it matches them (nil: nothing to check).
    private let expected: UInt64?
    /// Run once when the check fails (the cache re-indexes the snapshot and rewrites itself).
    private let onDamaged: (() -> Void)?
    private let lock = NSLock()
    /// 0: not checked yet; 1: intact; -1: damaged (never read: the caller reads the log file instead).
    private var state: Int8

    private init(data: Data, byteCount: Int, endsAt: Int, count: Int, missing: [Int32], expected: UInt64?, onDamaged: (() -> Void)?) {
        self.data = data; self.byteCount = byteCount; self.endsAt = endsAt; self.count = count; self.missing = missing
        self.expected = expected; self.onDamaged = onDamaged; state = expected == nil ? 1 : 0
        base = data.withUnsafeBytes { $0.baseAddress! }
    }

    private var checked: Int8 { lock.lock(); defer { lock.unlock() }; return state }

    /// Whether the section's bytes are the ones saved (checked over the whole section the first time).
    var isIntact: Bool {
        let s = checked
        if s != 0 { return s > 0 }
        return settle(Checksum64.of(data))
    }

    private func settle(_ sum: UInt64) -> Bool {
        let ok = sum == expected
        lock.lock(); let first = state == 0; state = ok ? 1 : -1; lock.unlock()
        if !ok && first { onDamaged?() }
        return ok
    }

    /// Where record `i`'s body ends (`i` in 0..<count).
    @inline(__always) func end(_ i: Int) -> Int {
        Int(base.loadUnaligned(fromByteOffset: endsAt + 8 * i, as: Int64.self))
    }

    /// Record `i`'s body in `bytes` (the buffer `withBytes` hands out).
    @inline(__always) func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : end(i - 1))..<end(i) }

    /// Runs `body` with the bodies' bytes (valid only during the call).
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: base, count: byteCount))
    }

    /// A mask of the records whose body is missing, or nil when every body was read.
    func missingMask() -> [Bool]? {
        guard !missing.isEmpty else { return nil }
        var m = [Bool](repeating: false, count: count)
        for i in missing { m[Int(i)] = true }
        return m
    }

    /// Calls `hit(record, body)` once per record whose body contains `needle` (lowercase ASCII when `foldCase`, then
    /// searched with A-Z folded), in record order, and returns whether the section is intact: the hits are to be kept
    /// only when it is. An unchecked section is checked as it is searched, a chunk at a time, so each chunk is read
    /// from memory once for both (`chunk` bytes: a quarter of a core's L2 cache by default).
    func records(containing needle: [UInt8], foldCase: Bool, deadline: Date?, chunk: Int = 256 << 10,
                 _ hit: (Int, UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let s = checked
        guard s >= 0 else { return false }
        guard !needle.isEmpty, count > 0 else { return isIntact }
        var sum: Checksum64? = s == 0 ? Checksum64() : nil
        var found = [Int32](repeating: 0, count: 4096)
        var start = 0, p = 0, rec = 0
        try needle.withUnsafeBytes { nb in
            let bodies = base.assumingMemoryBound(to: UInt8.self), ends = (base + endsAt).assumingMemoryBound(to: UInt8.self)
            let n = nb.baseAddress!.assumingMemoryBound(to: UInt8.self)
            while start < byteCount {
                let limit = min(start + chunk, byteCount)
                sum?.add(UnsafeRawBufferPointer(start: base + start, count: limit - start))
                var got = 0
                repeat {
                    got = found.withUnsafeMutableBufferPointer {
                        bs_bodies_containing(bodies, byteCount, ends, count, n, nb.count, foldCase ? 1 : 0, limit, &p, &rec, $0.baseAddress, $0.count)
                    }
                    for k in 0..<got {
                        let r = range(Int(found[k]))
                        try hit(Int(found[k]), UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count))
                        // Often: each hit may run a regex (with its own step budget).
                        if k & 63 == 63, let deadline, Date() > deadline { throw SnapshotError.badArgument("search timed out") }
                    }
                } while got == found.count
                start = limit
                if let deadline, Date() > deadline { throw SnapshotError.badArgument("search timed out") }
            }
        }
        guard var sum else { return true }
        data.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[byteCount...])) }
        return settle(sum.final)
    }

    /// Writes the section for `logs`, reading each record's body cell from `file` (mapped), buffered so the stream
    /// gets large writes.
    static func write(_ logs: LogIndex, file: ByteFile, to w: inout BlobWriter) throws {
        var ends: [Int64] = [], missing: [Int32] = []
        ends.reserveCapacity(logs.count)
        var buffer: [UInt8] = [], flushed = 0
        buffer.reserveCapacity(1 << 20)
        func flush(_ w: inout BlobWriter) {
            buffer.withUnsafeBytes { w.bytes($0) }
            flushed += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
        try file.withMapped { map in
            // Pages read are dropped from the mapping as the scan moves on (the page cache keeps them), so the save
            // does not hold the whole log file in this process's resident memory.
            let page = Int(sysconf(Int32(_SC_PAGESIZE))), window = 8 << 20
            var dropped = 0
            for i in 0..<logs.count {
                if let base = map.baseAddress, Int(logs.offset[i]) <= map.count, Int(logs.offset[i]) - dropped >= 2 * window {
                    let upTo = (Int(logs.offset[i]) - window) / page * page
                    _ = madvise(UnsafeMutableRawPointer(mutating: base + dropped), upTo - dropped, Int32(MADV_DONTNEED))
                    dropped = upTo
                }
                if let cell = cell(map, logs, i) {
                    if cell.quoted { buffer += TSVScanner.unescape(cell.bytes.bindMemory(to: UInt8.self)) } else { buffer += cell.bytes }
                } else { missing.append(Int32(i)) }
                ends.append(Int64(flushed + buffer.count))
                if buffer.count >= 1 << 20 { flush(&w) }
            }
        }
        flush(&w)
        w.array(missing)
        w.array(ends)
        w.int(flushed)
    }

    /// Record `i`'s body cell in the mapped log file, and whether it is quoted; nil when it cannot be read.
    static func cell(_ map: UnsafeRawBufferPointer, _ l: LogIndex, _ i: Int) -> (bytes: UnsafeRawBufferPointer, quoted: Bool)? {
        let start = Int(l.offset[i])
        guard start < map.count else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: map[start...])
        guard let r = TSVRecordReader.fieldRange(rest, column: l.bodyColumn) else { return nil }
        return (UnsafeRawBufferPointer(rebasing: rest[r]), r.lowerBound > 0 && rest[r.lowerBound - 1] == 0x22)
    }

    /// Reads a section `write` wrote; throws when it does not hold together. (Whether it has as many records as the
    /// log index is the caller's check: `Snapshot.bodyStore(for:)`.)
    /// `checksum`: the section's, checked when the bodies are first read (nil when the caller has checked it).
    static func read(_ data: Data, checksum: UInt64? = nil, onDamaged: (() -> Void)? = nil) throws -> LogBodyStore {
        guard data.count >= 24 else { throw BlobReader.Corrupt() }
        let total = Int(data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: data.count - 8, as: Int64.self) })
        guard total >= 0, total <= data.count - 24 else { throw BlobReader.Corrupt() }
        // After the bodies: the missing records (an array: count, then values), then the ends (count, then values).
        let m = Int(data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: total, as: Int64.self) })
        guard m >= 0, m <= (data.count - 24 - total) / 4 else { throw BlobReader.Corrupt() }
        var r = BlobReader(data.subdata(in: total..<(total + 16 + 4 * m)))
        let missing = try r.array(Int32.self), records = try r.int()
        let endsAt = total + 16 + 4 * m
        guard records >= 0, endsAt + 8 * records == data.count - 8 else { throw BlobReader.Corrupt() }
        let store = LogBodyStore(data: data, byteCount: total, endsAt: endsAt, count: records, missing: missing, expected: checksum, onDamaged: onDamaged)
        var last = 0
        for i in 0..<records { let e = store.end(i); guard e >= last else { throw BlobReader.Corrupt() }; last = e }
        guard last == total else { throw BlobReader.Corrupt() }
        var previous = -1
        for m in missing.map(Int.init) {
            guard m > previous, m < records, store.range(m).isEmpty else { throw BlobReader.Corrupt() }
            previous = m
        }
        return store
    }
}
