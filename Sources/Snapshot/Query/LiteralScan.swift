import Foundation

/// Literal prefilter over a TSV file: finds every record containing a byte string with `memmem`,
/// reading the file in large chunks; record boundaries come from the index's offsets.
enum LiteralScan {
    /// Scans the raw file for `needle`; calls `hit(record, recordBytes)` once per record containing it.
    /// With `foldCase`, `needle` must be lowercase ASCII and each chunk is searched in an ASCII-lowercased copy.
    static func run(file: ByteFile, offsets: [Int64], needle: [UInt8], foldCase: Bool = false, deadline: Date?,
                    _ hit: (Int, [UInt8]) -> Void) throws {
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
                for i in 0..<got { let c = src[i]; dst[i] = (c &- 0x41) < 26 ? c | 0x20 : c }
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
                    hit(rec, bytes)
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
