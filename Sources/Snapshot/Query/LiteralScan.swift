import Foundation

/// Literal prefilter over a TSV file: finds every record containing a byte string with `memmem`,
/// reading the file in large chunks; record boundaries come from the index's offsets.
enum LiteralScan {
    /// Search over the memory-mapped file. `hit(record, bytes, hitOffsetInRecord)` is called once per record containing
    /// the needle, with the record's raw bytes (valid only during the call). With `foldCase` the needle must be lowercase
    /// ASCII and the map is searched with A-Z folded (`bs_memmem_fold`, no lowercased copy).
    static func runMapped(file: ByteFile, offsets: [Int64], needle: [UInt8], foldCase: Bool = false, deadline: Date?,
                          _ hit: (Int, UnsafeRawBufferPointer, Int) throws -> Void) throws {
        guard !offsets.isEmpty, !needle.isEmpty else { return }
        try file.withMapped { map in
            guard let base = map.baseAddress else { return }
            let n = needle.count
            var lo = 0
            var checks = 0
            var p = Int(offsets[0])
            while p + n <= map.count {
                guard let m = needle.withUnsafeBytes({ c_memmem(base + p, map.count - p, $0.baseAddress!, n, foldCase: foldCase) }) else { break }
                let abs = base.distance(to: UnsafeRawPointer(m))
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
        return needle.withUnsafeBytes { c_memmem(base, hay.count, $0.baseAddress!, needle.count, foldCase: foldCase) } != nil
    }

    /// Scans the raw file for `needle`; calls `hit(record, recordBytes)` once per record containing it.
    /// With `foldCase`, `needle` must be lowercase ASCII and each chunk is searched with A-Z folded.
    static func run(file: ByteFile, offsets: [Int64], needle: [UInt8], foldCase: Bool = false, deadline: Date?,
                    _ hit: (Int, [UInt8]) throws -> Void) throws {
        let chunk = 8 << 20
        let buf = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buf.deallocate() }
        var pos = offsets.count > 0 ? Int(offsets[0]) : 0
        let n = needle.count
        var nextRecordStart = 0  // records before this offset were already reported
        while pos < file.size {
            if let deadline, Date() > deadline { throw SnapshotError.badArgument("search timed out") }
            let got = file.read(into: buf, count: chunk, at: pos)
            if got <= 0 { break }
            var p = 0
            while p + n <= got {
                guard let m = needle.withUnsafeBytes({ c_memmem(buf + p, got - p, $0.baseAddress!, n, foldCase: foldCase) }) else { break }
                let abs = pos + buf.distance(to: m)
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
