import Testing
@testable import Snapshot

/// The closure-free lookups the indexers ask first (`known`) answer exactly as `value` would have: the kept value
/// for a cell seen before (by the scanner's cell id, or by equal bytes), nil otherwise, never another cell's value.
@Suite struct CellMemoTests {
    private func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(s.utf8).withUnsafeBufferPointer(body)
    }

    @Test func knownByCellIDOnlyAfterItWasComputed() {
        var memo = CellMemo<Int>()
        var computed = 0
        #expect(memo.known(cell: -1) == nil)
        #expect(memo.known(cell: 3) == nil)
        let v = withBytes("{'k8s.pod.name': 'cart-1'}") { b in memo.value(b, cell: 3) { _ in computed += 1; return 42 } }
        #expect(v == 42 && computed == 1)
        #expect(memo.known(cell: 3) == 42)
        #expect(memo.known(cell: 2) == nil, "a lower id not yet computed")
        #expect(memo.known(cell: 4) == nil, "an id past the table")
        #expect(memo.known(cell: -1) == nil)
    }

    @Test func knownByBytesMatchesValueAcrossManyCells() {
        var memo = CellMemo<Int>()
        var computed: [String: Int] = [:]
        // Cells of every length around the hash's 16-byte and 32-byte steps, some differing only in their last byte.
        var cells: [String] = []
        for n in 0..<80 { cells.append(String(repeating: "a", count: n)); cells.append(String(repeating: "a", count: n) + "b") }
        for (i, c) in cells.enumerated() {
            #expect(withBytes(c) { memo.known($0) } == nil, "\(c.count)-byte cell known before it was seen")
            let v = withBytes(c) { b in memo.value(b) { _ in computed[c, default: 0] += 1; return i } }
            #expect(v == i)
        }
        // Every cell: `known` gives exactly what `value` gives without computing, and nil exactly when `value` would
        // compute (the empty cell, which is never kept, and a cell whose hash another one took first).
        var knownCount = 0
        for (i, c) in cells.enumerated() {
            let k = withBytes(c) { memo.known($0) }
            var called = false
            let v = withBytes(c) { b in memo.value(b) { _ in called = true; return i } }
            #expect(v == i, "cell of \(c.count) bytes")
            if let k { knownCount += 1; #expect(k == i && !called, "cell of \(c.count) bytes") } else { #expect(called) }
        }
        #expect(knownCount >= cells.count - 4, "the fast path answers almost every cell: \(knownCount) of \(cells.count)")
        #expect(computed.count == cells.count)
        #expect(withBytes("never seen") { memo.known($0) } == nil)
    }
}
