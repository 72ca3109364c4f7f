/// Open-addressing hash map from non-zero UInt64 keys to Int32, for ids on the indexing hot path
/// (Swift's Dictionary hashes with SipHash, which dominated profiles there).
struct U64Map {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        keys = [UInt64](repeating: 0, count: n)
        values = [Int32](repeating: 0, count: n)
        mask = n - 1
    }

    @inline(__always) static func mix(_ k: UInt64) -> Int {
        var x = k &* 0x9E3779B97F4A7C15
        x ^= x >> 32
        return Int(truncatingIfNeeded: x)
    }

    /// Key 0 is reserved; callers map it to a sentinel themselves.
    @inline(__always) func get(_ k: UInt64) -> Int32? {
        let key = k == 0 ? 0x5bd1e995 : k
        var i = Self.mix(key) & mask
        while true {
            let s = keys[i]
            if s == key { return values[i] }
            if s == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    @inline(__always) mutating func set(_ k: UInt64, _ v: Int32) {
        let key = k == 0 ? 0x5bd1e995 : k
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.mix(key) & mask
        while true {
            let s = keys[i]
            if s == key { values[i] = v; return }
            if s == 0 { keys[i] = key; values[i] = v; count += 1; return }
            i = (i + 1) & mask
        }
    }

    mutating func removeAll() {
        if count == 0 { return }
        for i in keys.indices { keys[i] = 0 }
        count = 0
    }

    private mutating func grow() {
        let oldK = keys, oldV = values
        keys = [UInt64](repeating: 0, count: oldK.count * 2)
        values = [Int32](repeating: 0, count: oldK.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldK.indices where oldK[i] != 0 {
            var j = Self.mix(oldK[i]) & mask
            while keys[j] != 0 { j = (j + 1) & mask }
            keys[j] = oldK[i]; values[j] = oldV[i]; count += 1
        }
    }
}
