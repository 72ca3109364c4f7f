import Foundation
import CByteScan

/// Literal prefilter over a TSV file: finds every record containing a byte string with `memmem`,
/// reading the file in large chunks; record boundaries come from the index's offsets.
enum LiteralScan {
    /// Search over the memory-mapped file. `hit(record, bytes, hitOffsetInRecord)` is called once per record containing
    /// the needle, with the record's raw bytes (valid only during the call). With `foldCase` the needle must be lowercase
    /// ASCII; each 4 MiB window is ASCII-lowercased into a scratch buffer and searched there.
    static func runMapped(file: ByteFile, offsets: [Int64], needle: [UInt8], foldCase: Bool = false, deadline: Date?,
                          _ hit: (Int, UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard !offsets.isEmpty, !needle.isEmpty else { return }
        let window = 4 << 20
        let scratch = foldCase ? UnsafeMutableRawPointer.allocate(byteCount: window, alignment: 16) : nil
        defer { scratch?.deallocate() }
        try file.withMapped { map in
            guard let base = map.baseAddress else { return }
            let n = needle.count
            var lo = 0
            var checks = 0
            var p = Int(offsets[0])
            // Window over the map (the whole map when not folding).
            var wStart = p, wEnd = foldCase ? min(map.count, p + window) : map.count
            func fill() {
                guard let scratch else { return }
                let src = base.assumingMemoryBound(to: UInt8.self) + wStart, dst = scratch.assumingMemoryBound(to: UInt8.self)
                bs_lower_ascii(dst, src, wEnd - wStart)
            }
            fill()
            while p + n <= map.count {
                if p + n > wEnd {
                    // Next window, overlapping by n-1 bytes so no match is split.
                    wStart = p; wEnd = min(map.count, p + window); fill()
                    if p + n > wEnd { break }
                }
                let hay = scratch.map { UnsafeRawPointer($0) + (p - wStart) } ?? (base + p)
                guard let m = needle.withUnsafeBytes({ c_memmem(hay, wEnd - p, $0.baseAddress!, n) }) else {
                    if wEnd >= map.count { break }
                    p = max(p + 1, wEnd - n + 1)
                    continue
                }
                let abs = p + hay.distance(to: UnsafeRawPointer(m))
                // Records are in offset order and hits move forward: gallop from the last record found.
                var hi = offsets.count - 1
                var step = 1
                while lo + step <= hi && Int(offsets[lo + step]) <= abs { lo += step; step <<= 1 }
                hi = min(hi, lo + step)
                while lo < hi { let mid = (lo + hi + 1) / 2; if Int(offsets[mid]) <= abs { lo = mid } else { hi = mid - 1 } }
                let start = Int(offsets[lo])
                let end = lo + 1 < offsets.count ? Int(offsets[lo + 1]) : map.count
                try hit(lo, UnsafeRawBufferPointer(rebasing: map[start..<end]), abs - start)
                p = max(abs + 1, end)
                checks += 1
                if checks & 15 == 0, let deadline, Date() > deadline { throw SnapshotError.badArgument("search timed out") }
            }
        }
    }

    /// Whether `needle` (lowercase ASCII when `foldCase`) occurs in `hay`.
    static func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8], foldCase: Bool) -> Bool {
        guard hay.count >= needle.count, let base = hay.baseAddress else { return false }
        if !foldCase { return needle.withUnsafeBytes { c_memmem(base, hay.count, $0.baseAddress!, needle.count) } != nil }
        let folded = hay.map { ($0 &- 0x41) < 26 ? $0 | 0x20 : $0 }
        return folded.withUnsafeBytes { f in needle.withUnsafeBytes { c_memmem(f.baseAddress!, f.count, $0.baseAddress!, needle.count) } } != nil
    }

    /// Scans the raw file for `needle`; calls `hit(record, recordBytes)` once per record containing it.
    /// With `foldCase`, `needle` must be lowercase ASCII and each chunk is searched in an ASCII-lowercased copy.
    static func run(file: ByteFile, offsets: [Int64], needle: [UInt8], foldCase: Bool = false, deadline: Date?,
                    _ hit: (Int, [UInt8]) throws -> Void) throws {
        let chunk = 8 << 20
        let buf = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buf.deallocate() }
        let folded = foldCase ? UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16) : buf
        defer { if foldCase { folded.deallocate() } }
        var pos = offsets.count > 0 ? Int(offsets[0]) : 0
        let n = needle.count
        var nextRecordStart = 0  // records before this offset were already reported
        while pos < file.size {
            if let deadline, Date() > deadline { throw SnapshotError.badArgument("search timed out") }
            let got = file.read(into: buf, count: chunk, at: pos)
            if got <= 0 { break }
            if foldCase {
                let src = buf.assumingMemoryBound(to: UInt8.self), dst = folded.assumingMemoryBound(to: UInt8.self)
                bs_lower_ascii(dst, src, got)
            }
            var p = 0
            while p + n <= got {
                guard let m = needle.withUnsafeBytes({ c_memmem(folded + p, got - p, $0.baseAddress!, n) }) else { break }
                let abs = pos + folded.distance(to: m)
                // Record containing the hit: last record offset <= abs.
                var lo = 0, hi = offsets.count - 1
                while lo < hi { let mid = (lo + hi + 1) / 2; if Int(offsets[mid]) <= abs { lo = mid } else { hi = mid - 1 } }
                let rec = lo
                let start = Int(offsets[rec])
                let end = rec + 1 < offsets.count ? Int(offsets[rec + 1]) : file.size
                if start >= nextRecordStart {
                    let bytes: [UInt8]
                    if start >= pos && end <= pos + got {
                        bytes = Array(UnsafeRawBufferPointer(start: buf + (start - pos), count: end - start))
                    } else { bytes = file.bytes(at: start, count: end - start) }
                    try hit(rec, bytes)
                    nextRecordStart = end
                }
                // Continue after this record.
                let skipTo = max(abs + 1, end) - pos
                if skipTo >= got { p = got; break }
                p = skipTo
            }
            if pos + got >= file.size { break }
            // Overlap so a needle split across chunks is still found.
            pos += max(1, got - (n - 1))
        }
    }

}
