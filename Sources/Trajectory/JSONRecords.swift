import Foundation

/// Where the records of a trajectory lie, found by one structural pass over its bytes (strings and escapes
/// respected) so that each record is decoded on its own and the file's whole JSON tree is never built:
/// the elements of a document's step or message list, the elements of a top-level array, or the lines of a
/// JSON-lines file.
struct JSONRecords {
    enum Shape { case object, array, lines }
    /// One record: its bytes and its line (JSON lines) or list position (documents), counted from 1.
    struct Span { let start: Int; let end: Int; let line: Int; var range: Range<Int> { start..<end } }

    var shape: Shape
    /// Objects: the top-level members other than the record lists, as one small JSON object.
    var head: Data? = nil
    /// The record lists: a document's lists by key, the top-level array under "", JSON lines under "".
    var lists: [String: [Span]] = [:]
    /// The document ends inside a value (a truncated file).
    var endsInside = false
    /// Records beyond `maxRecords`, not read.
    var dropped = 0

    static let maxRecords = 1_000_000
    static let listKeys: Set<String> = ["steps", "messages", "history", "full_msg_history"]

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    static func scan(_ bytes: TrajectoryBytes) -> JSONRecords {
        var first: UInt8 = 0
        bytes.forEachChunk { _, buf in
            if let c = buf.first(where: { !isSpace($0) }) { first = c; return false }
            return true
        }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            var s = StructureScan(bytes: bytes, objectTop: first == UInt8(ascii: "{"))
            bytes.forEachChunk { o, buf in s.feed(o, buf) }
            let complete = s.ended >= 0 && !s.moreAfter
            // A truncated object with no record list is more likely JSON lines whose first record is broken.
            if complete || (s.ended < 0 && (!s.objectTop || !s.lists.isEmpty)) {
                var r = JSONRecords(shape: s.objectTop ? .object : .array, lists: s.lists, endsInside: s.ended < 0, dropped: s.dropped)
                if s.objectTop {
                    var head = Data("{".utf8)
                    for (i, m) in s.headMembers.enumerated() { if i > 0 { head.append(UInt8(ascii: ",")) }; head.append(bytes.slice(m)) }
                    head.append(UInt8(ascii: "}"))
                    r.head = head
                }
                return r
            }
        }
        return lines(bytes)
    }

    /// The non-blank lines.
    static func lines(_ bytes: TrajectoryBytes) -> JSONRecords {
        var spans: [Span] = [], dropped = 0
        var line = 1, contentStart = -1, contentEnd = -1
        func close() {
            if contentStart >= 0 {
                if spans.count < maxRecords { spans.append(Span(start: contentStart, end: contentEnd, line: line)) } else { dropped += 1 }
            }
        }
        bytes.forEachChunk { o, buf in
            for i in 0..<buf.count {
                let c = buf[i]
                if c == 0x0A {
                    close()
                    line += 1; contentStart = -1; contentEnd = -1
                } else if !isSpace(c) {
                    if contentStart < 0 { contentStart = o + i }
                    contentEnd = o + i + 1
                }
            }
            return true
        }
        close()
        return JSONRecords(shape: .lines, lists: ["": spans], dropped: dropped)
    }
}

/// The byte-level state machine behind `JSONRecords.scan`: tracks depth, strings and the top-level members.
private struct StructureScan {
    let bytes: TrajectoryBytes
    let objectTop: Bool
    var depth = 0, inString = false, escaped = false, lastNonSpace = -1
    // Top-level object members.
    var expectingKey = false, awaitingValue = false, keyStart = -1, keyEnd = -1, key = ""
    var memberStart = -1, memberIsList = false
    var headMembers: [Range<Int>] = []
    // Record lists.
    var listKey: String? = nil
    var elementStart = -1
    var lists: [String: [JSONRecords.Span]] = [:]
    var count = 0, dropped = 0
    // The end of the first top-level value, and whether anything follows it.
    var ended = -1, moreAfter = false

    init(bytes: TrajectoryBytes, objectTop: Bool) {
        self.bytes = bytes; self.objectTop = objectTop
        if !objectTop { listKey = ""; lists[""] = [] }
    }
    var listDepth: Int { objectTop ? 2 : 1 }

    mutating func feed(_ base: Int, _ buf: UnsafeRawBufferPointer) -> Bool {
        for i in 0..<buf.count {
            let c = buf[i], o = base + i
            if ended >= 0 {
                if !JSONRecords.isSpace(c) { moreAfter = true; return false }
                continue
            }
            if inString {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 {
                    inString = false
                    if keyStart >= 0 && keyEnd < 0 { keyEnd = o + 1 }
                }
                lastNonSpace = o
                continue
            }
            switch c {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            case 0x22:
                valueStart(o, opensList: false)
                if depth == 1 && objectTop && expectingKey { expectingKey = false; keyStart = o; keyEnd = -1; memberStart = o }
                inString = true
            case 0x7B, 0x5B:   // { [
                valueStart(o, opensList: c == 0x5B)
                depth += 1
                if depth == 1 && objectTop { expectingKey = true }
            case 0x7D, 0x5D:   // } ]
                if listKey != nil && depth == listDepth {
                    closeElement()
                    if objectTop { listKey = nil }
                }
                if depth == 1 && objectTop { endMember() }
                depth -= 1
                if depth <= 0 { ended = o + 1 }
            case 0x2C:         // ,
                if listKey != nil && depth == listDepth { closeElement() }
                if depth == 1 && objectTop { endMember(); expectingKey = true }
            case 0x3A:         // :
                if depth == 1 && objectTop && keyStart >= 0 && keyEnd > keyStart + 1 {
                    awaitingValue = true
                    key = String(decoding: bytes.slice((keyStart + 1)..<(keyEnd - 1)), as: UTF8.self)
                    keyStart = -1
                }
            default: valueStart(o, opensList: false)
            }
            lastNonSpace = o
        }
        return true
    }

    mutating func valueStart(_ o: Int, opensList: Bool) {
        if listKey != nil && depth == listDepth && elementStart < 0 { elementStart = o }
        if depth == 1 && objectTop && awaitingValue {
            awaitingValue = false
            if opensList && JSONRecords.listKeys.contains(key) && lists[key] == nil { listKey = key; lists[key] = []; memberIsList = true }
        }
    }

    mutating func closeElement() {
        guard elementStart >= 0, let k = listKey else { return }
        if count < JSONRecords.maxRecords {
            let n = lists[k]?.count ?? 0
            lists[k, default: []].append(JSONRecords.Span(start: elementStart, end: lastNonSpace + 1, line: n + 1))
            count += 1
        } else { dropped += 1 }
        elementStart = -1
    }

    mutating func endMember() {
        if memberStart >= 0 && !memberIsList && lastNonSpace >= memberStart { headMembers.append(memberStart..<(lastNonSpace + 1)) }
        memberStart = -1; memberIsList = false; awaitingValue = false
    }
}
