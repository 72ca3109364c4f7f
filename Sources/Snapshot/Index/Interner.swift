/// A byte-keyed cache in front of a `StringTable`, so the indexing hot path makes a `String` only
/// the first time it meets a name.
struct Interner {
    let table: StringTable
    private var cache: [UInt64: Int32] = [:]

    init(_ table: StringTable) { self.table = table }

    @inline(__always)
    mutating func id(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        if b.isEmpty { return 0 }
        let h = Hex.fnv(b) ^ UInt64(b.count)
        if let id = cache[h], table[id].utf8.elementsEqual(b) { return id }
        let id = table.intern(b)
        cache[h] = id
        return id
    }
}
