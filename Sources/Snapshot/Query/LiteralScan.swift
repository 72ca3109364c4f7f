import Foundation

/// Literal prefilter over a TSV file: finds every record containing a byte string with `memmem` in the mapped file;
/// record boundaries come from the index's offsets.
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
}
