#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// One field of a record: byte range relative to the record start, and whether it was quoted.
public struct FieldSpan: Sendable {
    public var start: Int32
    public var end: Int32
    public var quoted: Bool
    @inlinable public var length: Int { Int(end - start) }
}

/// A record seen by `TSVScanner`, valid only inside the callback (it points into the scan buffer).
public struct TSVRecord {
    /// Pointer to the first byte of the record.
    public let base: UnsafePointer<UInt8>
    /// Absolute file offset of the record's first byte.
    public let offset: Int
    /// Length in bytes, without the terminating newline.
    public let length: Int
    /// 1-based data record number (the header is record 0).
    public let number: Int
    public let fields: UnsafeBufferPointer<FieldSpan>
    /// The id of the remembered cell of the scan's repeated column in this record, or -1 (`RepeatedCells`): records
    /// with the same id hold the same bytes there.
    public var repeatedCell: Int32 = -1

    @inlinable public var count: Int { fields.count }

    /// Raw bytes of field `i` (still quote-escaped when the field was quoted).
    @inlinable public func raw(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        let f = fields[i]
        return UnsafeBufferPointer(start: base + Int(f.start), count: f.length)
    }

    /// Field `i` decoded to a String (quotes removed, `""` collapsed, invalid UTF-8 repaired).
    public func string(_ i: Int) -> String {
        guard i < fields.count else { return "" }
        let f = fields[i]
        if !f.quoted { return String(decoding: raw(i), as: UTF8.self) }
        return String(decoding: TSVScanner.unescape(raw(i)), as: UTF8.self)
    }

    /// Field `i` unescaped to bytes.
    public func bytes(_ i: Int) -> [UInt8] {
        guard i < fields.count else { return [] }
        return fields[i].quoted ? TSVScanner.unescape(raw(i)) : Array(raw(i))
    }
}

/// Outcome of scanning one file.
public struct TSVScanSummary: Sendable {
    public var header: [String] = []
    public var records = 0
    public var bytes = 0
    public var diagnostics: [Diagnostic] = []
    /// Offset of the first record not processed (the file size when the scan reached the end).
    public var endOffset = 0
    /// Parts the file was scanned in on several cores: its cuts, and the parts idle threads took from others.
    public var parts = 1
    /// Records whose last cells were taken from the scanner's remembered tail (`RepeatedTail`).
    var tailsMatched = 0
}

/// Quote-aware streaming reader for the ClickHouse TSV dialect of ITBench snapshots
/// (RFC-4180 quoting with a tab delimiter; quoted cells may hold tabs and newlines; `""` is a quote).
///
/// It reads the file in chunks and never holds more than one chunk plus the longest record.
public enum TSVScanner {
    static let tab: UInt8 = 0x09, nl: UInt8 = 0x0A, quote: UInt8 = 0x22, cr: UInt8 = 0x0D

    /// Collapses `""` to `"` in the inside of a quoted field.
    public static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = raw.baseAddress, raw.count > 0 else { return [] }
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        let n = raw.count
        // Runs between quotes are copied whole (memchr finds the next quote); a doubled quote keeps one.
        while i < n {
            guard let q = memchr(base + i, Int32(quote), n - i) else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<n]))
                break
            }
            let j = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i...j]))
            i = j + 1 < n && raw[j + 1] == quote ? j + 2 : j + 1
        }
        return out
    }

    /// Scans `file`. `expectedHeader` names the columns assumed when the file has no header row
    /// (detected by `headerFirstColumn` not being the first cell). Records whose column count differs
    /// from the header are reported and skipped. `body` returns false to stop early. With a `limit`, the scan stops at the
    /// first record at or after the end it gives at each buffer fill (which another thread may lower).
    public static func scan(
        _ file: ByteFile, displayName: String, headerFirstColumn: String, expectedHeader: [String],
        chunkSize: Int = 1 << 20,
        start: Int = 0, limit: PartLimit? = nil, knownHeader: [String]? = nil,
        progress: ((Int) -> Void)? = nil,
        onHeader: ([String]) -> Void = { _ in },
        repeating: RepeatedColumn? = nil,
        repeatingTail: String? = nil,
        _ body: (TSVRecord) -> Bool
    ) -> TSVScanSummary {
        var stopAt = Int.max   // the limit's end, read at every fill
        var summary = TSVScanSummary()
        summary.bytes = file.size
        file.adviseSequential()
        var capacity = max(chunkSize, 1 << 12)
        var buf = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 1)
        defer { buf.deallocate() }
        var fieldCap = 64
        var spans = UnsafeMutablePointer<FieldSpan>.allocate(capacity: fieldCap)
        /// Room for one more field span (every write to `spans` goes after this).
        func reserveField(_ nf: Int) {
            guard nf == fieldCap else { return }
            let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: fieldCap * 2)
            bigger.update(from: spans, count: fieldCap)
            spans.deallocate(); spans = bigger; fieldCap *= 2
        }
        defer { spans.deallocate() }

        var fileOffset = start    // file offset of buf[0]
        var filled = 0
        var eof = false
        var headerDone = start > 0
        var repeated: RepeatedCells? = nil
        var repeatedColumn = -1, repeatedKey = -1   // positions, -1 when there is none
        var repeatedHits = 0
        var lastTail: RepeatedTail? = nil
        var tailColumn = -1
        var tailTemplate: UnsafePointer<bs_tail>? = nil
        func columnsKnown(_ h: [String]) {
            repeated = repeating.flatMap { RepeatedCells($0, header: h, standard: expectedHeader) }
            repeatedColumn = repeated?.column ?? -1; repeatedKey = repeated?.keyColumn ?? -1
            // The tail is taken whole, so it must come after the repeated column (whose cell is matched on its own).
            lastTail = repeatingTail.flatMap { RepeatedTail(from: $0, header: h, standard: expectedHeader) }
            if let t = lastTail, t.column <= repeatedColumn { lastTail = nil }
            tailColumn = lastTail?.column ?? -1
            tailTemplate = lastTail.map { UnsafePointer($0.template) }
        }
        if start > 0 { summary.header = knownHeader ?? expectedHeader; onHeader(summary.header); columnsKnown(summary.header) }
        var columns = (start > 0 ? (knownHeader ?? expectedHeader) : expectedHeader).count
        var recordNo = 0
        var stop = false
        var badColumnReports = 0
        var nonUTF8 = 0
        var firstNonUTF8: Int? = nil
        var withNUL = 0
        var firstNUL: (record: Int, line: Int)? = nil
        var withStray = 0
        var firstStray: (record: Int, line: Int)? = nil
        var limitOffset: Int? = nil
        summary.endOffset = file.size

        // Binary sniff: many NUL bytes in the first 64 KiB (or one in the header line) mean this is not a text file. A
        // few NUL bytes inside records are reported per record below, and the rest of the file still loads.
        let sniff = start > 0 ? [] : file.bytes(at: 0, count: 65536)
        let nulCount = sniff.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        let headerEnd = sniff.firstIndex(of: 0x0A) ?? sniff.count
        if nulCount > 8 || nulCount * 100 > sniff.count || sniff[..<headerEnd].contains(0) {
            summary.diagnostics.append(Diagnostic(.error, file: displayName, line: 1, reason: "binary data (NUL bytes): not a TSV file; skipped"))
            return summary
        }
        if file.size == 0 {
            summary.diagnostics.append(Diagnostic(.warning, file: displayName, reason: "empty file"))
            return summary
        }

        while !stop {
            // Fill the buffer.
            while filled < capacity && !eof {
                let n = file.read(into: buf + filled, count: capacity - filled, at: fileOffset + filled)
                if n <= 0 { eof = true } else { filled += n }
            }
            if let limit { stopAt = limit.fill(reaching: fileOffset + filled) }
            var pos = 0
            var madeProgress = false
            while pos < filled && !stop {
                // Parse one record starting at pos.
                let recStart = pos
                if fileOffset + recStart >= stopAt { limitOffset = fileOffset + recStart; stop = true; break }
                var nf = 0
                var i = pos
                var complete = false
                var unterminated = false
                var stray = false
                // The repeated column's cell: matched to a remembered one (its id), or its key for learning it.
                var cellID: Int32 = -1, cellKey: UInt64 = 0
                // Bit 0: a byte >= 0x80, bit 1: a NUL, in the record's cells but a matched repeated one (a cell the
                // kernel splits is checked in the same pass; the others as they are read).
                var textFlags: UInt32 = 0
                var tookTail = false
                fieldLoop: while true {
                    // The plain cells up to the next quoted one (or the repeated column) in one call, and the
                    // remembered tail at once when it is there.
                    if i < filled && buf[i] != quote && nf != repeatedColumn && filled - recStart < Int(Int32.max) {
                        var at = i, n = nf
                        let ended = spans.withMemoryRebound(to: bs_cell.self, capacity: fieldCap) {
                            bs_split_cells(buf, filled, recStart, &at, $0, &n, fieldCap, repeatedColumn >= 0 ? repeatedColumn : Int.max,
                                           &textFlags, tailTemplate)
                        }
                        i = at; nf = n
                        if ended != 0 { complete = true; tookTail = ended == 2; break }
                    }
                    reserveField(nf)
                    if i < filled && buf[i] == quote {
                        // Quoted field.
                        let fstart = i + 1
                        var j = fstart
                        while true {
                            guard j < filled, let q = memchr(buf + j, Int32(quote), filled - j) else {
                                if eof { unterminated = true }
                                break fieldLoop
                            }
                            j = buf.distance(to: q.assumingMemoryBound(to: UInt8.self))
                            if j + 1 < filled && buf[j + 1] == quote { j += 2; continue }
                            if j + 1 >= filled && !eof { break fieldLoop }  // need more data to decide
                            break
                        }
                        spans[nf] = FieldSpan(start: Int32(fstart - recStart), end: Int32(j - recStart), quoted: true)
                        nf += 1
                        textFlags |= UInt32(bs_text_flags(buf + fstart, j - fstart))
                        i = j + 1
                        // Stray bytes after the closing quote (an unbalanced quote inside the cell): skipped up to the
                        // delimiter, and reported.
                        let strayStart = i
                        while i < filled && buf[i] != tab && buf[i] != nl { if buf[i] != cr { stray = true }; i += 1 }
                        if i > strayStart { textFlags |= UInt32(bs_text_flags(buf + strayStart, i - strayStart)) }
                    } else {
                        let fstart = i
                        var took = false
                        if nf == repeatedColumn {
                            let kf = spans[repeatedKey]
                            cellKey = RepeatedCells.key(buf + recStart + Int(kf.start), kf.length)
                            if let m = repeated?.match(buf + fstart, available: filled - fstart, key: cellKey) {
                                i = fstart + m.length; cellID = m.id; took = true
                            }
                        }
                        if !took { i = nextDelimiter(buf, from: i, to: filled) }
                        var fend = i
                        if !took && (i < filled || eof) {
                            if fend > fstart && buf[fend - 1] == cr && (i >= filled || buf[i] == nl) { fend -= 1 }
                        }
                        spans[nf] = FieldSpan(start: Int32(fstart - recStart), end: Int32(fend - recStart), quoted: false)
                        nf += 1
                        if !took { textFlags |= UInt32(bs_text_flags(buf + fstart, fend - fstart)) }
                    }
                    if i >= filled {
                        if eof { complete = true }
                        break
                    }
                    if buf[i] == nl { complete = true; break }
                    i += 1 // tab
                    if i >= filled && eof { // trailing tab at EOF: one empty last field
                        reserveField(nf)  // the fuzzer found this write one past the end at exactly 64, 128, … fields
                        spans[nf] = FieldSpan(start: Int32(i - recStart), end: Int32(i - recStart), quoted: false)
                        nf += 1
                        complete = true
                        break
                    }
                }
                if unterminated {
                    // An unbalanced quote with no partner before the end: report the record and read on from the
                    // next line, so one bad byte costs one record, not the rest of the file.
                    let line = file.lineNumber(at: fileOffset + recStart)
                    summary.diagnostics.append(Diagnostic(.error, file: displayName, record: recordNo + 1, line: line,
                        reason: "unterminated quoted cell: the record is truncated or has an unbalanced quote; skipped"))
                    recordNo += 1
                    pos = Self.nextLine(buf, from: recStart, to: filled) ?? filled
                    madeProgress = true
                    continue
                }
                if !complete { break }   // need more data
                madeProgress = true
                let recLen = i - recStart
                let nextPos = min(i + 1, filled)
                // Skip blank lines.
                if recLen == 0 || (recLen == 1 && buf[recStart] == cr) { pos = nextPos; continue }
                if !headerDone {
                    headerDone = true
                    let first = String(decoding: UnsafeBufferPointer(start: buf + recStart + Int(spans[0].start), count: spans[0].length), as: UTF8.self)
                    if first == headerFirstColumn {
                        var h = [String]()
                        for k in 0..<nf {
                            h.append(String(decoding: UnsafeBufferPointer(start: buf + recStart + Int(spans[k].start), count: spans[k].length), as: UTF8.self))
                        }
                        // A trailing empty header cell comes from a trailing tab.
                        if h.last == "" { h.removeLast() }
                        summary.header = h
                        onHeader(h)
                        columnsKnown(h)
                        columns = h.count
                        pos = nextPos
                        continue
                    } else {
                        summary.header = expectedHeader
                        onHeader(expectedHeader)
                        columnsKnown(expectedHeader)
                        summary.diagnostics.append(Diagnostic(.info, file: displayName, line: 1,
                            reason: "no header row; assumed the standard \(expectedHeader.count) columns"))
                    }
                }
                recordNo += 1
                // A trailing tab after the last column yields one extra empty field: allowed.
                var count = nf
                if count == columns + 1 && spans[count - 1].length == 0 { count = columns }
                if count != columns {
                    badColumnReports += 1
                    if badColumnReports <= 20 {
                        let line = file.lineNumber(at: fileOffset + recStart)
                        summary.diagnostics.append(Diagnostic(.error, file: displayName, record: recordNo, line: line,
                            reason: "wrong column count: \(count) instead of \(columns); record skipped"))
                    }
                    // Read on from the next line: a quote that opened a cell by mistake pairs with one in a later
                    // record, and skipping the whole span would drop the good records it swallowed.
                    pos = Self.nextLine(buf, from: recStart, to: i) ?? nextPos
                    continue
                }
                // A matched repeated cell was checked (ASCII, no NUL) when it was learnt: textFlags leaves its bytes out.
                let matchedRepeated = cellID >= 0
                if repeatedColumn >= 0, repeatedColumn < count, cellID < 0, cellKey != 0, !spans[repeatedColumn].quoted {
                    let f = spans[repeatedColumn]
                    if let id = repeated?.learn(buf + recStart + Int(f.start), f.length, key: cellKey) { cellID = id }
                }
                if tookTail { summary.tailsMatched += 1 } else if tailColumn >= 0 && tailColumn < count {
                    lastTail!.learn(buf + recStart, fields: UnsafeBufferPointer(start: spans + tailColumn, count: nf - tailColumn), end: recLen)
                }
                // UTF-8 check: fast ASCII test (textFlags), full validation only when high bytes occur.
                if textFlags & 1 != 0 && !validUTF8(buf + recStart, recLen) {
                    nonUTF8 += 1
                    if firstNonUTF8 == nil { firstNonUTF8 = recordNo }
                }
                if stray {
                    withStray += 1
                    if firstStray == nil { firstStray = (recordNo, file.lineNumber(at: fileOffset + recStart)) }
                }
                if textFlags & 2 != 0 {
                    withNUL += 1
                    if firstNUL == nil { firstNUL = (recordNo, file.lineNumber(at: fileOffset + recStart)) }
                }
                summary.records += 1
                if matchedRepeated && repeatedColumn < count && spans[repeatedColumn].length > 0 { repeatedHits += 1 }
                let rec = TSVRecord(base: UnsafePointer(buf + recStart), offset: fileOffset + recStart, length: recLen,
                                    number: recordNo, fields: UnsafeBufferPointer(start: spans, count: count), repeatedCell: cellID)
                if !body(rec) { stop = true }
                pos = nextPos
            }
            if stop || (eof && pos >= filled) { break }
            if eof && !madeProgress && pos < filled {
                // Cannot happen (EOF completes every record), but never loop forever.
                break
            }
            // Move the incomplete tail to the front and read more.
            let tail = filled - pos
            if pos == 0 && tail == capacity {
                // One record is larger than the buffer: grow it.
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 1)
                bigger.update(from: buf, count: filled)
                buf.deallocate(); buf = bigger; capacity *= 2
            } else if tail > 0 {
                memmove(buf, buf + pos, tail)
            }
            fileOffset += pos
            filled = tail
            progress?(fileOffset)
        }
        if repeatedColumn >= 0 { PhaseLog.note("\(displayName) from \(start): \(repeatedHits) of \(summary.records) repeated cells matched") }
        if tailColumn >= 0 { PhaseLog.note("\(displayName) from \(start): \(summary.tailsMatched) of \(summary.records) record tails matched") }
        if badColumnReports > 20 {
            summary.diagnostics.append(Diagnostic(.error, file: displayName,
                reason: "\(badColumnReports) records in all had the wrong column count and were skipped"))
        }
        if let first = firstNUL {
            summary.diagnostics.append(Diagnostic(.warning, file: displayName, record: first.record, line: first.line,
                reason: "\(withNUL) record(s) contain NUL bytes (first: record \(first.record)); kept as they are"))
        }
        if let first = firstStray {
            summary.diagnostics.append(Diagnostic(.warning, file: displayName, record: first.record, line: first.line,
                reason: "\(withStray) record(s) have text after a quoted cell's closing quote (an unbalanced quote; first: record \(first.record)); that text is dropped"))
        }
        if let first = firstNonUTF8 {
            summary.diagnostics.append(Diagnostic(.warning, file: displayName, record: first,
                reason: "\(nonUTF8) record(s) are not valid UTF-8 (first: record \(first)); invalid bytes shown as U+FFFD"))
        }
        if let limitOffset { summary.endOffset = limitOffset } else { progress?(file.size) }
        return summary
    }

    /// The index just after the first newline in `p[from..<to]`, if there is one.
    static func nextLine(_ p: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard to > from, let hit = memchr(p + from, Int32(nl), to - from) else { return nil }
        return p.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// Index of the first tab or newline in `p[from..<to]` (or `to`), sixteen bytes at a time.
    @inline(__always)
    static func nextDelimiter(_ p: UnsafeMutablePointer<UInt8>, from: Int, to: Int) -> Int {
        guard to > from else { return to }
        return from + bs_find_delim(p + from, to - from)
    }

    static func validUTF8(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Bool {
        var it = UnsafeBufferPointer(start: p, count: n).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
