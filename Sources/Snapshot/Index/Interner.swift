#if canImport(Glibc)
import Glibc
#endif

/// A byte-keyed cache in front of a `StringTable`, so the indexing hot path makes a `String` only
/// the first time it meets a name.
struct Interner {
    let table: StringTable
    private var cache = U64Map(capacity: 256)
    private var bytes: [[UInt8]] = [[]]

    init(_ table: StringTable) {
        self.table = table
        for s in table.strings.dropFirst() { bytes.append(Array(s.utf8)) }
    }

    @inline(__always)
    mutating func id(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        if b.isEmpty { return 0 }
        let h = Hex.fnv(b) ^ UInt64(b.count)
        if let id = cache.get(h) {
            let known = bytes[Int(id)]
            if known.count == b.count && known.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }) { return id }
            return table.intern(b)   // hash collision: correct, just not cached
        }
        let id = table.intern(b)
        if Int(id) == bytes.count { bytes.append(Array(b)) }
        cache.set(h, id)
        return id
    }
}
