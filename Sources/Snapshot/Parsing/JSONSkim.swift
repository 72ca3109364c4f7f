/// Allocation-free walker over JSON bytes: visits the members of an object and skips values
/// without building them. Used on the hot indexing path (object kinds and names, event keys);
/// views decode whole documents with `JSONSerialization` when they need them.
public struct JSONSkim {
    public let b: UnsafeBufferPointer<UInt8>

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    @inline(__always) func ws(_ i: Int) -> Int {
        var i = i
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        return i
    }

    /// End (exclusive) of the JSON string starting at the quote at `i`.
    @inline(__always) func stringEnd(_ i: Int) -> Int? {
        var j = i + 1
        while j < b.count {
            let c = b[j]
            if c == 0x5C { j += 2; continue }
            if c == 0x22 { return j + 1 }
            j += 1
        }
        return nil
    }

    /// End (exclusive) of the value starting at `i`.
    public func skipValue(_ i0: Int) -> Int? {
        let i = ws(i0)
        guard i < b.count else { return nil }
        switch b[i] {
        case 0x22: return stringEnd(i)
        case 0x7B, 0x5B:
            var depth = 0
            var j = i
            while j < b.count {
                let c = b[j]
                if c == 0x22 { guard let e = stringEnd(j) else { return nil }; j = e; continue }
                if c == 0x7B || c == 0x5B { depth += 1 }
                else if c == 0x7D || c == 0x5D { depth -= 1; if depth == 0 { return j + 1 } }
                j += 1
            }
            return nil
        default:
            var j = i
            while j < b.count, !(b[j] == 0x2C || b[j] == 0x7D || b[j] == 0x5D || b[j] == 0x20 || b[j] == 0x0A) { j += 1 }
            return j
        }
    }

    /// Calls `visit(key, valueRange)` for each member of the object at `i`; `visit` returns false to stop.
    public func members(of i0: Int, _ visit: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool) {
        var i = ws(i0)
        guard i < b.count, b[i] == 0x7B else { return }
        i += 1
        while true {
            i = ws(i)
            guard i < b.count else { return }
            if b[i] == 0x7D { return }
            if b[i] == 0x2C { i += 1; continue }
            guard b[i] == 0x22, let ke = stringEnd(i) else { return }
            let key = UnsafeBufferPointer(rebasing: b[(i + 1)..<(ke - 1)])
            i = ws(ke)
            guard i < b.count, b[i] == 0x3A else { return }
            let vs = ws(i + 1)
            guard let ve = skipValue(vs) else { return }
            if !visit(key, vs..<ve) { return }
            i = ve
        }
    }

    /// Value range at a key path such as ["metadata", "name"].
    public func find(_ path: [StaticString], from i0: Int = 0) -> Range<Int>? {
        var start = i0
        var result: Range<Int>? = nil
        for (depth, key) in path.enumerated() {
            var found: Range<Int>? = nil
            members(of: start) { k, r in
                if JSONSkim.equal(k, key) { found = r; return false }
                return true
            }
            guard let f = found else { return nil }
            if depth == path.count - 1 { result = f } else { start = f.lowerBound }
        }
        return result
    }

    /// The string at a key path, unescaped; nil when absent or not a string.
    public func string(_ path: [StaticString], from i0: Int = 0) -> String? {
        guard let r = find(path, from: i0) else { return nil }
        return stringValue(r)
    }

    /// Decodes a JSON string value range (including its quotes).
    public func stringValue(_ r: Range<Int>) -> String? {
        guard r.count >= 2, b[r.lowerBound] == 0x22 else { return nil }
        let inner = UnsafeBufferPointer(rebasing: b[(r.lowerBound + 1)..<(r.upperBound - 1)])
        if !inner.contains(0x5C) { return String(decoding: inner, as: UTF8.self) }
        return JSONSkim.unescape(inner)
    }

    public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard a.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for i in 0..<a.count where a[i] != p[i] { return false }
        return true
    }

    static func unescape(_ s: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == 0x5C && i + 1 < s.count {
                let e = s[i + 1]
                i += 2
                switch e {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x75:
                    if i + 4 <= s.count, let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: s[i..<(i + 4)]), as: UTF8.self), radix: 16) {
                        i += 4
                        var scalarValue = v
                        if (0xD800..<0xDC00).contains(v), i + 6 <= s.count, s[i] == 0x5C, s[i + 1] == 0x75,
                           let lo = UInt32(String(decoding: UnsafeBufferPointer(rebasing: s[(i + 2)..<(i + 6)]), as: UTF8.self), radix: 16) {
                            scalarValue = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                            i += 6
                        }
                        if let u = Unicode.Scalar(scalarValue) { out.append(contentsOf: Array(String(Character(u)).utf8)) }
                    }
                default: out.append(e)
                }
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
