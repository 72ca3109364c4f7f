import Foundation

/// Whether a cell reads as a Python literal (what `PythonLiteral.parse` accepts), checked without building anything,
/// so the indexers can report every unreadable attribute cell at the cost of one pass over it (strings are skipped
/// with memchr). Nesting is bounded as in `PythonLiteral`.
public enum PythonLiteralCheck {
    public static func isWellFormed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count > 0 else { return true }
        guard let base = b.baseAddress else { return true }
        // Most cells have no backslash at all: then a string ends at the next quote of its kind, one memchr.
        var c = Cursor(p: base, n: b.count, escapes: memchr(base, 0x5C, b.count) != nil)
        c.skipWS()
        if c.i >= c.n { return true }
        guard c.value(depth: 0) else { return false }
        c.skipWS()
        return c.i == c.n
    }

    struct Cursor {
        let p: UnsafePointer<UInt8>
        let n: Int
        let escapes: Bool
        var i = 0

        mutating func skipWS() { while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x09 || p[i] == 0x0D { i += 1 } }

        mutating func value(depth: Int) -> Bool {
            skipWS()
            guard i < n else { return false }
            switch p[i] {
            case 0x7B: return container(close: 0x7D, pairs: true, depth: depth + 1)
            case 0x5B: return container(close: 0x5D, pairs: false, depth: depth + 1)
            case 0x28: return container(close: 0x29, pairs: false, depth: depth + 1)
            case 0x27, 0x22: return string()
            default:
                // A bytes or unicode prefix before a quote (b'..', u'..', r'..') is read as a string.
                if (p[i] == 0x62 || p[i] == 0x75 || p[i] == 0x72) && i + 1 < n && (p[i + 1] == 0x27 || p[i + 1] == 0x22) {
                    i += 1
                    return string()
                }
                return atom()
            }
        }

        mutating func container(close: UInt8, pairs: Bool, depth: Int) -> Bool {
            guard depth <= PythonLiteral.maxDepth else { return false }
            i += 1
            skipWS()
            if i < n && p[i] == close { i += 1; return true }
            while true {
                guard value(depth: depth) else { return false }
                if pairs {
                    skipWS()
                    guard i < n, p[i] == 0x3A else { return false }
                    i += 1
                    guard value(depth: depth) else { return false }
                }
                skipWS()
                guard i < n else { return false }
                if p[i] == 0x2C {
                    i += 1
                    skipWS()
                    if i < n && p[i] == close { i += 1; return true }
                    continue
                }
                if p[i] == close { i += 1; return true }
                return false
            }
        }

        /// A quoted string: the next unescaped quote of the same kind.
        mutating func string() -> Bool {
            let q = p[i]
            i += 1
            while i < n {
                guard let qp = memchr(p + i, Int32(q), n - i) else { return false }
                let qi = p.distance(to: qp.assumingMemoryBound(to: UInt8.self))
                if escapes, let bp = memchr(p + i, 0x5C, qi - i) {
                    i = p.distance(to: bp.assumingMemoryBound(to: UInt8.self)) + 2   // an escape: skip it, look again
                    continue
                }
                i = qi + 1
                return true
            }
            return false
        }

        /// True, False, None, inf, nan, or a number.
        mutating func atom() -> Bool {
            let start = i
            while i < n, !(p[i] == 0x2C || p[i] == 0x7D || p[i] == 0x5D || p[i] == 0x29 || p[i] == 0x3A || p[i] == 0x20) { i += 1 }
            let s = UnsafeBufferPointer(start: p + start, count: i - start)
            if s.isEmpty { return false }
            for word in ["True", "False", "None", "inf", "nan", "-inf"] where s.elementsEqual(word.utf8) { return true }
            var digits = 0
            for ch in s {
                if ch >= 0x30 && ch <= 0x39 { digits += 1; continue }
                if ch == 0x2B || ch == 0x2D || ch == 0x2E || ch == 0x65 || ch == 0x45 || ch == 0x5F { continue }
                return false
            }
            return digits > 0
        }
    }
}
