#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// Random access to one TSV record by its file offset (as stored in the indexes).
public enum TSVRecordReader {
    /// Decoded fields of the record starting at `offset`; nil when the offset is past the end or
    /// the record is unterminated.
    public static func fields(_ file: ByteFile, at offset: Int, maxBytes: Int = 64 << 20) -> [[UInt8]]? {
        guard offset >= 0, offset < file.size else { return nil }
        var window = 16 << 10
        while true {
            let bytes = file.bytes(at: offset, count: window)
            let atEOF = offset + bytes.count >= file.size
            if let f = split(bytes, atEOF: atEOF) { return f }
            if atEOF || window >= maxBytes { return nil }
            window *= 4
        }
    }

    /// Byte range (quotes excluded, still escaped) of column `column` in the record held in `b`; quote-aware.
    public static func fieldRange(_ b: UnsafeRawBufferPointer, column: Int) -> Range<Int>? {
        var i = 0, col = 0
        let n = b.count
        guard let raw = b.baseAddress else { return column == 0 ? 0..<0 : nil }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        while i <= n {
            let quoted = i < n && b[i] == 0x22
            var start = i, end = i
            /// The first tab or newline at or after `k` (or `n`), sixteen bytes at a time.
            func delimiter(from k: Int) -> Int { k >= n ? n : k + bs_find_delim(base + k, n - k) }
            if quoted {
                start = i + 1
                var j = start
                while j < n {
                    // The next quote, by memchr: a doubled one is part of the cell.
                    guard let q = memchr(base + j, 0x22, n - j) else { j = n; break }
                    j = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
                    if j + 1 < n && b[j + 1] == 0x22 { j += 2; continue }
                    break
                }
                end = j
                i = delimiter(from: j + 1)
            } else {
                i = delimiter(from: i)
                end = i
            }
            if col == column { return start..<end }
            if i >= n || b[i] == 0x0A { return nil }
            i += 1
            col += 1
        }
        return nil
    }

    /// Splits the first record of `b`; nil when `b` ends inside it (and it is not at EOF). A quoted cell's `""` is one
    /// quote, text after its closing quote joins the cell, and a CR before the newline is dropped. Runs of plain bytes
    /// are found with `memchr` / `bs_find_delim` and copied at once (a manifest's cell is tens of kilobytes).
    static func split(_ b: [UInt8], atEOF: Bool) -> [[UInt8]]? {
        b.withUnsafeBufferPointer { p -> [[UInt8]]? in
            let n = p.count
            guard let base = p.baseAddress else { return atEOF ? [[]] : nil }
            var fields = [[UInt8]]()
            var cur = [UInt8]()
            var i = 0
            var atStart = true
            while i < n {
                if atStart && p[i] == 0x22 {
                    // Quoted cell: up to each quote at once; a doubled quote is one quote of the text.
                    var j = i + 1
                    var closed = false
                    while j < n {
                        let q = memchr(base + j, 0x22, n - j).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                        cur.append(contentsOf: UnsafeBufferPointer(rebasing: p[j..<q]))
                        j = q
                        guard j < n else { break }
                        if j + 1 < n && p[j + 1] == 0x22 { cur.append(0x22); j += 2; continue }
                        if j + 1 >= n && !atEOF { return nil }
                        closed = true; j += 1; break
                    }
                    if !closed { return nil }
                    i = j
                    atStart = false
                    continue
                }
                atStart = false
                // Up to the next tab or newline at once.
                let k = i + bs_find_delim(base + i, n - i)
                cur.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<k]))
                i = k
                guard i < n else { break }
                if p[i] == 0x09 { fields.append(cur); cur = []; atStart = true; i += 1; continue }
                if cur.last == 0x0D { cur.removeLast() }
                fields.append(cur)
                return fields
            }
            guard atEOF else { return nil }
            fields.append(cur)
            return fields
        }
    }
}
