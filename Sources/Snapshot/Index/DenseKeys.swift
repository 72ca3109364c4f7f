/// Dense ids (0, 1, 2, … in first-seen order) for UInt64 keys, every value including 0: an open-addressing table of
/// ids into `keys`. For grouping and counting on the indexing path, where Dictionary's SipHash dominated profiles.
struct DenseKeys {
    /// The distinct keys, by id.
    private(set) var keys: [UInt64] = []
    private var slots: [Int32]   // id + 1; 0 is empty
    private var mask: Int
    /// The key asked for last and its id (-1: none yet): a trace's spans mostly come one after another in a file.
    private var lastKey: UInt64 = 0, lastID: Int32 = -1

    init(capacity: Int = 16) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: 0, count: n)
        mask = n - 1
        keys.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// The id of `k`, a new one (`count` before the call) when it was not seen yet.
    @inline(__always)
    mutating func id(_ k: UInt64) -> Int32 {
        if k == lastKey && lastID >= 0 { return lastID }
        let id = lookUp(k)
        lastKey = k; lastID = id
        return id
    }

    @inline(__always)
    private mutating func lookUp(_ k: UInt64) -> Int32 {
        var i = U64Map.mix(k) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if keys[Int(s) - 1] == k { return s - 1 }
            i = (i + 1) & mask
        }
        let id = Int32(keys.count)
        keys.append(k)
        slots[i] = id + 1
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (n, k) in keys.enumerated() {
            var i = U64Map.mix(k) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(n) + 1
        }
    }
}
