#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// Dense ids for byte strings (log template tokens), looked up without allocating: an open-addressing table of
/// 64-bit hashes verified against the bytes, which sit in one flat store.
struct TokenTable {
    private var slots: [Int32]          // id + 1; 0 is empty
    private var hashes: [UInt64] = []   // by id
    private var start: [Int] = [], length: [Int] = []
    private var store: [UInt8] = []
    private var mask: Int

    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: 0, count: n)
        mask = n - 1
    }

    var count: Int { hashes.count }

    /// The id of `b`, and whether it is new (then it is added with the next id).
    mutating func id(_ b: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        let h = b.baseAddress.map { bs_hash($0, b.count) } ?? 0
        var i = U64Map.mix(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let k = Int(s) - 1
            if hashes[k] == h && length[k] == b.count
                && (b.count == 0 || store.withUnsafeBufferPointer { memcmp($0.baseAddress! + start[k], b.baseAddress!, b.count) == 0 }) {
                return (s - 1, false)
            }
            i = (i + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(h); start.append(store.count); length.append(b.count)
        store.append(contentsOf: b)
        slots[i] = id + 1
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (k, h) in hashes.enumerated() {
            var i = U64Map.mix(h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(k) + 1
        }
    }
}
