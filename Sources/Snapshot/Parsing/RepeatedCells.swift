#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// A column whose cells repeat byte for byte, with the column that predicts them: a pod's resource attributes
/// (hundreds of bytes) repeat on every span and log record of that pod, keyed by the record's service name.
public struct RepeatedColumn: Sendable {
    public let column: String
    public let keyedBy: String
    public init(_ column: String, keyedBy: String) { self.column = column; self.keyedBy = keyedBy }

    public static let resourceAttributes = RepeatedColumn("ResourceAttributes", keyedBy: "ServiceName")
}

/// The scanner's memory of a repeated column: the last few distinct cells seen with each key value. At the start of
/// that column's field the scanner compares the bytes there with them; a cell that matches and is followed by a tab
/// or newline is the field, exactly as a search for its delimiter would have found it (a remembered cell holds no
/// tab or newline, ends in no carriage return, and is checked ASCII without NUL once, when it is learnt), so its
/// bytes are neither searched nor checked again. Each remembered cell has an id, which the record carries, so an
/// indexer can keep what it derives from a cell by id instead of hashing the cell.
struct RepeatedCells {
    static let perKey = 4, minLength = 48, maxCells = 4096, maxBytes = 8 << 20
    let column: Int, keyColumn: Int
    private var slots = U64Map(capacity: 64)
    /// `perKey` cell ids per key (most recent first, -1 unused), and the cells' bytes in one flat store.
    private var lists: [Int32] = []
    private var cellStart: [Int] = [], cellLength: [Int] = []
    private var store: [UInt8] = []

    /// Nil when the header lacks either column or the key does not come first.
    init?(_ spec: RepeatedColumn, header: [String], standard: [String]) {
        column = Columns.index(spec.column, in: header, standard: standard)
        keyColumn = Columns.index(spec.keyedBy, in: header, standard: standard)
        guard column >= 0, keyColumn >= 0, keyColumn < column else { return nil }
    }

    @inline(__always)
    static func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 { bs_hash(p, n) | 1 }

    /// The remembered cell at `p` (with `available` bytes readable there), as its length and id.
    @inline(__always)
    func match(_ p: UnsafePointer<UInt8>, available: Int, key: UInt64) -> (length: Int, id: Int32)? {
        guard let s = slots.get(key) else { return nil }
        return store.withUnsafeBufferPointer { st -> (length: Int, id: Int32)? in
            for k in 0..<Self.perKey {
                let id = lists[Int(s) * Self.perKey + k]
                if id < 0 { return nil }
                let n = cellLength[Int(id)]
                guard n < available, p[n] == 0x09 || p[n] == 0x0A else { continue }
                if memcmp(st.baseAddress! + cellStart[Int(id)], p, n) == 0 { return (n, id) }
            }
            return nil
        }
    }

    /// Remembers the cell `p[0 ..< n]` under `key` (most recent first); its id, or nil when it is not kept (short,
    /// not plain ASCII, holding a NUL, ending in a carriage return, or the memory is full).
    mutating func learn(_ p: UnsafePointer<UInt8>, _ n: Int, key: UInt64) -> Int32? {
        guard n >= Self.minLength, cellStart.count < Self.maxCells, store.count + n <= Self.maxBytes, p[n - 1] != 0x0D,
              bs_text_flags(p, n) == 0 else { return nil }   // ASCII, no NUL
        let id = Int32(cellStart.count)
        cellStart.append(store.count); cellLength.append(n)
        store.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        let s: Int
        if let x = slots.get(key) { s = Int(x) } else {
            s = lists.count / Self.perKey
            slots.set(key, Int32(s))
            lists += [Int32](repeating: -1, count: Self.perKey)
        }
        let base = s * Self.perKey
        for k in stride(from: Self.perKey - 1, to: 0, by: -1) { lists[base + k] = lists[base + k - 1] }
        lists[base] = id
        return id
    }
}
