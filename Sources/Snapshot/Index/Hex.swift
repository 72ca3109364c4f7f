import CByteScan

/// Hex and hashing helpers for ids on the indexing path.
enum Hex {
    /// The last (up to) 16 hex digits as a UInt64; 0 for empty or non-hex input.
    @inline(__always)
    static func low64(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        let start = max(0, b.count - 16)
        for i in start..<b.count {
            let c = b[i]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x61...0x66: d = c - 0x61 + 10
            case 0x41...0x46: d = c - 0x41 + 10
            default: return 0
            }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    /// `low64(b)` and `isID(b, digits:)` in one branch-free pass over the bytes.
    @inline(__always)
    static func id(_ b: UnsafeBufferPointer<UInt8>, digits: Int) -> (key: UInt64, valid: Bool) {
        guard let base = b.baseAddress, !b.isEmpty else { return (0, digits == 0) }
        var key: UInt64 = 0
        let valid = bs_hex_id(base, b.count, digits, &key) != 0
        return (key, valid)
    }

    /// Whether `b` is exactly `digits` hex digits (an OpenTelemetry trace or span id).
    @inline(__always)
    static func isID(_ b: UnsafeBufferPointer<UInt8>, digits: Int) -> Bool {
        guard b.count == digits else { return false }
        for c in b {
            switch c { case 0x30...0x39, 0x61...0x66, 0x41...0x46: continue; default: return false }
        }
        return true
    }

    /// A 64-bit hash of bytes, eight at a time (`bs_hash`), chained after `seed` (the hash of what came before, or 0):
    /// for keys over long cells, where FNV's multiply per byte is the cost.
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        let h = b.baseAddress.map { bs_hash($0, b.count) } ?? 0x6A09E667F3BCC909
        let s = seed &* 0x9E3779B97F4A7C15
        return h ^ s ^ (s >> 29)
    }

    /// FNV-1a 64 over bytes.
    @inline(__always)
    static func fnv(_ b: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0xcbf29ce484222325) -> UInt64 {
        var h = seed
        for c in b { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h
    }

    @inline(__always)
    static func int(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !b.isEmpty else { return nil }
        var v: Int64 = 0
        var neg = false
        var i = 0
        if b[0] == 0x2D { neg = true; i = 1 }
        guard i < b.count else { return nil }
        while i < b.count {
            let c = b[i]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            // Out of Int64's range is not a number here: nil (reported by the caller), never a wrapped value.
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(c - 0x30))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return neg ? -v : v
    }
}
