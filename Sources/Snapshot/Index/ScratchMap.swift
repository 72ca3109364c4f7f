/// A map from UInt64 keys to Int32 for lookups within one small group (the spans of one trace), emptied in constant
/// time: each slot carries the generation that wrote it, and `reset` starts a new generation instead of clearing the
/// table (grouping empties it once per trace, 65,000 times on a 1 GB snapshot).
final class ScratchMap {
    private struct Slot { var key: UInt64 = 0; var value: Int32 = 0; var generation: UInt32 = 0 }
    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var generation: UInt32 = 1

    init(capacity: Int = 64) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = .allocate(capacity: n)
        slots.initialize(repeating: Slot(), count: n)
        mask = n - 1
    }

    deinit { slots.deallocate() }

    /// Empties the map, with room for `count` keys (at most half the slots in use, so probes stay short).
    func reset(room count: Int) {
        if count * 2 > mask + 1 {
            var n = mask + 1
            while n < count * 2 { n <<= 1 }
            slots.deallocate()
            slots = .allocate(capacity: n)
            slots.initialize(repeating: Slot(), count: n)
            mask = n - 1
            generation = 1
            return
        }
        generation &+= 1
        if generation == 0 {   // after 2^32 resets: the stamps could repeat, so clear them once
            slots.update(repeating: Slot(), count: mask + 1)
            generation = 1
        }
    }

    @inline(__always) func get(_ k: UInt64) -> Int32? {
        var i = U64Map.mix(k) & mask
        while slots[i].generation == generation {
            if slots[i].key == k { return slots[i].value }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Sets `k` to `v`; the map must have room (`reset(room:)` counted this key).
    @inline(__always) func set(_ k: UInt64, _ v: Int32) {
        var i = U64Map.mix(k) & mask
        while slots[i].generation == generation {
            if slots[i].key == k { slots[i].value = v; return }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: k, value: v, generation: generation)
    }
}
