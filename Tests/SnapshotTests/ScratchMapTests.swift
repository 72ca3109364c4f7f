import Testing
@testable import Snapshot

/// The per-trace map that empties in constant time answers as a dictionary emptied the same way: after every reset
/// nothing of the previous group is left, including keys 0 and colliding keys, across growth.
@Suite struct ScratchMapTests {
    @Test func answersAsADictionaryAcrossResets() {
        var rng = SystemRandomNumberGenerator()
        let map = ScratchMap(capacity: 4)
        var previous: [UInt64] = []
        for round in 0..<2_000 {
            // Mostly small groups, now and then a large one (the table grows), keys from a small range so they collide.
            let size = round % 97 == 0 ? Int.random(in: 100...600, using: &rng) : Int.random(in: 0...20, using: &rng)
            map.reset(room: size)
            for k in previous { #expect(map.get(k) == nil, "round \(round): key \(k) outlived its reset") }
            var want: [UInt64: Int32] = [:]
            var keys: [UInt64] = []
            for _ in 0..<size {
                let k = round % 3 == 0 ? UInt64.random(in: 0...40, using: &rng) : UInt64.random(in: 0...UInt64.max, using: &rng)
                let v = Int32.random(in: 0...Int32.max, using: &rng)
                map.set(k, v); want[k] = v; keys.append(k)
            }
            for (k, v) in want { #expect(map.get(k) == v) }
            for _ in 0..<10 {
                let k = UInt64.random(in: 41...1_000, using: &rng)
                #expect(map.get(k) == want[k])
            }
            previous = keys
        }
    }
}

/// Dense ids in first-seen order, whatever runs of repeated keys come (the last key is remembered), key 0 included.
@Suite struct DenseKeysTests {
    @Test func idsInFirstSeenOrderAcrossRunsAndGrowth() {
        var rng = SystemRandomNumberGenerator()
        var keys = DenseKeys(capacity: 4)
        var want: [UInt64: Int32] = [:], order: [UInt64] = []
        for step in 0..<20_000 {
            // Runs of one key (a trace's spans), keys revisited later, and 0 now and then.
            let k: UInt64 = step % 1_000 == 0 ? 0 : (step % 7 == 0 && !order.isEmpty ? order.randomElement(using: &rng)! : UInt64(step / 3) &* 0x9E37_79B9)
            let expected = want[k] ?? Int32(order.count)
            if want[k] == nil { want[k] = expected; order.append(k) }
            #expect(keys.id(k) == expected)
        }
        #expect(keys.keys == order && keys.count == order.count)
    }
}
