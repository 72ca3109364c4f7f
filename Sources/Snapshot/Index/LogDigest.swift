/// Log record counts per (service, level, 10-second slot), computed once from the log index and kept in the index
/// cache as a small section of its own, so volume questions over slot-aligned windows (`compare`'s log rates) read a
/// few kilobytes instead of every record's columns.
final class LogDigest: @unchecked Sendable {
    /// Service names, in the order of the log index's string ids (so rows come out in the order a scan gives).
    private(set) var services: [String] = []
    /// Rows sorted by service, then slot, then level.
    private(set) var rowService: [Int32] = [], rowSlot: [Int64] = [], rowLevel: [UInt8] = [], rowCount: [Int32] = []

    /// Counts every record by its service, level (unknown levels as 0) and slot.
    static func build(_ l: LogIndex) -> LogDigest {
        let d = LogDigest()
        let nl = UInt64(LogIndex.Level.allCases.count)
        var ids = DenseKeys(capacity: 4096)
        var counts: [Int32] = []
        let minSlot = l.time.min().map { SpanDigest.floorDiv($0, SpanDigest.slotNanos) } ?? 0
        // Key: service (24 bits), slot from the first (32 bits), level (8 bits); slots beyond 2^32 (1,361 years) fold.
        for i in 0..<l.count {
            let level = UInt64(l.level[i]) < nl ? UInt64(l.level[i]) : 0
            let slot = UInt64(clamping: SpanDigest.floorDiv(l.time[i], SpanDigest.slotNanos) - minSlot) & 0xFFFF_FFFF
            let k = Int(ids.id(UInt64(UInt32(bitPattern: l.service[i]) & 0xFF_FFFF) << 40 | slot << 8 | level))
            if k == counts.count { counts.append(1) } else { counts[k] += 1 }
        }
        let order = ids.keys.indices.sorted { ids.keys[$0] < ids.keys[$1] }
        var local: [Int32: Int32] = [:]
        for k in order {
            let key = ids.keys[k]
            let sid = Int32(key >> 40)
            let s: Int32
            if let x = local[sid] { s = x } else { s = Int32(d.services.count); local[sid] = s; d.services.append(l.strings[sid]) }
            d.rowService.append(s); d.rowSlot.append(minSlot + Int64((key >> 8) & 0xFFFF_FFFF)); d.rowLevel.append(UInt8(key & 0xFF))
            d.rowCount.append(counts[k])
        }
        return d
    }

    /// Records of every service at `minLevel` or above per slot, as `SpanDigest.timeline` lays them out.
    func timeline(minLevel: UInt8) -> [(start: Nanos, count: Int)] {
        SpanDigest.timeline(rowSlot.indices.lazy.filter { self.rowLevel[$0] >= minLevel }.map { (self.rowSlot[$0], Int(self.rowCount[$0])) })
    }

    /// Per service name (in log-string order) and level: records in `before` and in `after`. Both windows must be
    /// aligned to slots (start on a slot's first nanosecond, end on one's last), as `compare` lays them.
    func counts(before: TimeWindow, after: TimeWindow) -> [(service: String, levels: [(level: UInt8, before: Int, after: Int)])] {
        let slot = SpanDigest.slotNanos
        func side(_ s: Int64) -> Int {
            let t = s * slot
            return before.contains(t) ? 0 : after.contains(t) ? 1 : -1
        }
        let nl = LogIndex.Level.allCases.count
        var out: [(service: String, levels: [(level: UInt8, before: Int, after: Int)])] = []
        var r = 0
        while r < rowService.count {
            let s = rowService[r]
            var c = [Int](repeating: 0, count: nl * 2)
            while r < rowService.count && rowService[r] == s {
                let x = side(rowSlot[r])
                if x >= 0 { c[Int(rowLevel[r]) * 2 + x] += Int(rowCount[r]) }
                r += 1
            }
            var levels: [(level: UInt8, before: Int, after: Int)] = []
            for lv in 0..<nl {
                let b = c[lv * 2], a = c[lv * 2 + 1]
                if b + a > 0 { levels.append((UInt8(lv), b, a)) }
            }
            if !levels.isEmpty { out.append((services[Int(s)], levels)) }
        }
        return out
    }
}

extension LogDigest {
    func write(_ w: inout BlobWriter) throws {
        w.strings(services)
        w.array(rowService); w.array(rowSlot); w.array(rowLevel); w.array(rowCount)
    }

    static func read(_ r: inout BlobReader) throws -> LogDigest {
        let d = LogDigest()
        d.services = try r.strings()
        d.rowService = try r.array(Int32.self); d.rowSlot = try r.array(Int64.self); d.rowLevel = try r.array(UInt8.self); d.rowCount = try r.array(Int32.self)
        let n = d.rowService.count
        guard [d.rowSlot.count, d.rowLevel.count, d.rowCount.count].allSatisfy({ $0 == n }),
              d.rowService.allSatisfy({ $0 >= 0 && Int($0) < d.services.count }),
              d.rowLevel.allSatisfy({ Int($0) < LogIndex.Level.allCases.count }) else { throw BlobReader.Corrupt() }
        return d
    }
}
