#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// What the indexers derive from an attribute cell (its pod and namespace, whether it parses), computed once per
/// distinct cell: a pod's resource attributes repeat byte for byte on every one of its spans and log records, so a
/// repeat costs one hash and one comparison instead of a parse and several key searches. A hit is verified against
/// the stored bytes, so the answer is always the one `compute` gives; the memo stops growing at a byte budget.
struct CellMemo<Value> {
    private var slots = U64Map(capacity: 512)
    private var cellStart: [Int] = [], cellLength: [Int] = []
    private var store: [UInt8] = []
    private var values: [Value] = []
    private var storedBytes = 0
    private var byCell: [Value?] = []
    /// Bytes of cells kept at most (per memo, so per file part).
    static var budget: Int { 8 << 20 }

    /// The value already kept for the scanner's remembered cell `id`, or nil (then call `value(_:cell:compute:)`). The
    /// hot path asks this first: it forms no closure, whose context (retaining what `compute` captures) cost as much
    /// as the rest of the lookup. (Mutating only so that it reads the memo in place: a copy would retain its arrays.)
    @inline(__always)
    mutating func known(cell id: Int32) -> Value? {
        let i = Int(id)
        return i >= 0 && i < byCell.count ? byCell[i] : nil
    }

    /// The value kept for a cell with the bytes of `b`, or nil (then call `value(_:compute:)`, which hashes it again:
    /// misses are rare). Closure-free, as `known(cell:)`.
    @inline(__always)
    mutating func known(_ b: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let base = b.baseAddress, b.count > 0, let i = slots.get(bs_hash(base, b.count) | 1) else { return nil }
        return holds(Int(i), base, b.count) ? values[Int(i)] : nil
    }

    /// Whether kept cell `k` has the bytes `base[0 ..< n]` (a hash hit is verified, never trusted).
    @inline(__always)
    private func holds(_ k: Int, _ base: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        cellLength[k] == n && store.withUnsafeBufferPointer { memcmp($0.baseAddress! + cellStart[k], base, n) == 0 }
    }

    /// The value of a cell the scanner matched to its remembered cell `id` (`TSVRecord.repeatedCell`; -1 for none):
    /// cells with one id have the same bytes, so the value is kept by id and the cell is not even hashed.
    @inline(__always)
    mutating func value(_ b: UnsafeBufferPointer<UInt8>, cell id: Int32, compute: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        guard id >= 0 else { return value(b, compute: compute) }
        if let v = known(cell: id) { return v }
        let i = Int(id)
        let v = value(b, compute: compute)
        if i >= byCell.count { byCell += [Value?](repeating: nil, count: i + 1 - byCell.count) }
        byCell[i] = v
        return v
    }

    @inline(__always)
    mutating func value(_ b: UnsafeBufferPointer<UInt8>, compute: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        guard let base = b.baseAddress, b.count > 0 else { return compute(b) }
        let h = bs_hash(base, b.count) | 1
        if let i = slots.get(h) {
            if holds(Int(i), base, b.count) { return values[Int(i)] }
            return compute(b)   // a hash collision: correct, just not remembered
        }
        let v = compute(b)
        if storedBytes + b.count <= Self.budget {
            slots.set(h, Int32(values.count))
            cellStart.append(store.count); cellLength.append(b.count)
            store.append(contentsOf: b); values.append(v)
            storedBytes += b.count
        }
        return v
    }
}
