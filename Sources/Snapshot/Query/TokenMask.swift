/// Masks the variable parts of one whitespace token for `LogTemplateMiner`, on raw bytes: `key=<*>` for a variable
/// value, `<*>` for a variable token with its surrounding punctuation kept (`(<*>)`, `<*>,`), a path segment by segment
/// (`/api/v1/product/<*>`). Writes into a caller's buffer of at least `capacity(for:)` bytes: no array is grown or
/// checked for uniqueness per byte (masking was a quarter of mining a large log file).
enum TokenMask {
    static let wildcard: [UInt8] = Array("<*>".utf8)

    /// Output bytes enough for a token of `n` bytes (each byte masked alone becomes three).
    @inline(__always) static func capacity(for n: Int) -> Int { 3 * n + 3 }

    /// Appends token `t[lo ..< hi]` masked at `out + count`, advancing `count`.
    static func mask(_ t: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int, into out: UnsafeMutablePointer<UInt8>, _ count: inout Int) {
        @inline(__always) func copy(_ a: Int, _ b: Int) {
            if b > a { (out + count).update(from: t + a, count: b - a); count += b - a }
        }
        @inline(__always) func star() { out[count] = 0x3C; out[count + 1] = 0x2A; out[count + 2] = 0x3E; count += 3 }
        var eq = lo, slash = false
        while eq < hi, t[eq] != 0x3D { if t[eq] == 0x2F { slash = true }; eq += 1 }
        if eq < hi, eq != lo {
            if isVariable(t, eq + 1, hi) { copy(lo, eq + 1); star() } else { copy(lo, hi) }
            return
        }
        if !slash { var k = eq; while k < hi, !slash { slash = t[k] == 0x2F; k += 1 } }
        if slash, !hasHTTPPrefix(t, lo, hi) {
            var start = lo
            for k in lo..<hi where t[k] == 0x2F {
                if k > start { mask(t, start, k, into: out, &count) }
                out[count] = 0x2F; count += 1
                start = k + 1
            }
            if start < hi { mask(t, start, hi, into: out, &count) }
            return
        }
        var a = lo, b = hi
        while a < b, isPunct(t[a]) { a += 1 }
        while b > a, isPunct(t[b - 1]) { b -= 1 }
        guard a < b, isVariable(t, a, b) else { copy(lo, hi); return }
        copy(lo, a); star(); copy(b, hi)
    }

    @inline(__always) static func isPunct(_ b: UInt8) -> Bool {
        switch b {
        case 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D, 0x2C, 0x3B, 0x3A, 0x22, 0x27: return true   // ( ) [ ] { } , ; : " '
        default: return false
        }
    }

    /// `HTTP/…` or `http/…` (a protocol version, not a path).
    @inline(__always) static func hasHTTPPrefix(_ t: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard hi - lo >= 5, t[lo + 4] == 0x2F else { return false }
        let upper = t[lo] == 0x48 && t[lo + 1] == 0x54 && t[lo + 2] == 0x54 && t[lo + 3] == 0x50
        return upper || (t[lo] == 0x68 && t[lo + 1] == 0x74 && t[lo + 2] == 0x74 && t[lo + 3] == 0x70)
    }

    /// Numbers (with units), hex and ids, addresses, hashes: anything with a digit that is not a short word with
    /// one (`v1`, `http2`, `HTTP/1.1` stay), or a long hex string of letters a-f only.
    static func isVariable(_ t: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var digits = 0, hex = 0, letters = 0
        for k in lo..<hi {
            let u = t[k]
            if u &- 48 < 10 { digits += 1; hex += 1 }
            else if (u | 0x20) &- 97 < 6 { hex += 1; letters += 1 }
            else if (u | 0x20) &- 97 < 26 { letters += 1 }
        }
        let n = hi - lo
        if digits == 0 { return n >= 16 && hex == n }
        if letters == 0 { return true }
        if n <= 5 && digits == 1 { return false }
        if hasHTTPPrefix(t, lo, hi) { return false }
        return true
    }
}
