#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// A byte-keyed cache in front of a `StringTable`, so the indexing hot path makes a `String` only
/// the first time it meets a name. Known names' bytes sit in one flat store (a lookup retains no array).
struct Interner {
    let table: StringTable
    private var cache = U64Map(capacity: 256)
    private var start: [Int] = [0], length: [Int] = [0]
    private var store: [UInt8] = []

    init(_ table: StringTable) {
        self.table = table
        for s in table.strings.dropFirst() { remember(Array(s.utf8)) }
    }

    private mutating func remember<C: Collection>(_ b: C) where C.Element == UInt8 {
        start.append(store.count); length.append(b.count)
        store.append(contentsOf: b)
    }

    @inline(__always)
    mutating func id(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        if b.isEmpty { return 0 }
        let h = bs_hash(b.baseAddress!, b.count)
        if let id = cache.get(h) {
            let i = Int(id)
            let same = length[i] == b.count && store.withUnsafeBufferPointer { memcmp($0.baseAddress! + start[i], b.baseAddress!, b.count) == 0 }
            if same { return id }
            return table.intern(b)   // hash collision: correct, just not cached
        }
        let id = table.intern(b)
        if Int(id) == start.count { remember(b) }
        cache.set(h, id)
        return id
    }

    /// The id of the value `key` has in the attribute cell `cell`; 0 when the cell has no such plain string value.
    @inline(__always)
    mutating func id(_ key: AttrKey, in cell: UnsafeBufferPointer<UInt8>) -> Int32 {
        key.range(in: cell).map { id(UnsafeBufferPointer(rebasing: cell[$0])) } ?? 0
    }
}
