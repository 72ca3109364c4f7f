import Foundation

/// Span aggregates computed once from the trace index and kept in the index cache as a small section of their own, so
/// the span-wide questions (an entity's span and error counts, per-service rollups, before/after comparisons) read a
/// few hundred kilobytes instead of every span:
/// - per distinct (service, pod, namespace): spans and error spans;
/// - per service and 10-second slot of wall time: spans, errors and a latency histogram of 1/32-octave buckets, so a
///   percentile read from it is within 1.6 % of the exact one;
/// - per trace (`TraceDigest`, a section of its own read only by trace listings): first start, last end, spans, errors,
///   the root span (file offset, service, name) and which (service, pod, namespace) keys its spans carry, so trace
///   listings and their filters need no span column.
public final class SpanDigest: @unchecked Sendable {
    /// Slot width: windows aligned to it are answered exactly (counts) from the digest.
    public static let slotNanos: Int64 = 10_000_000_000
    /// Histogram buckets per octave of duration.
    static let perOctave = 32

    /// Service, pod and namespace names (its own table, so the trace section need not be read).
    let strings: StringTable
    // Per (service, pod, namespace).
    var keyService: [Int32] = [], keyPod: [Int32] = [], keyNamespace: [Int32] = []
    var keySpans: [Int64] = [], keyErrors: [Int64] = []
    // Per (service, slot), sorted by service then slot; cell c's histogram is hist[histStart[c] ..< histStart[c+1]].
    var cellService: [Int32] = [], cellSlot: [Int64] = [], cellSpans: [Int32] = [], cellErrors: [Int32] = []
    var histStart: [Int32] = [0]
    var histBucket: [UInt16] = [], histCount: [Int32] = []
    /// Per trace: built with the digest, or read from its own cache section on first use.
    var perTraceBox = LazyBox(value: TraceDigest())
    var perTrace: TraceDigest { perTraceBox.value }

    init(strings: StringTable) { self.strings = strings }

    /// The histogram bucket of a duration: 0 for ≤ 0 ns, else 1 + 32 × the octave + the next five bits after the
    /// leading one (32 equal steps per octave).
    @inline(__always)
    static func bucket(_ d: Int64) -> UInt16 {
        guard d > 0 else { return 0 }
        let lz = d.leadingZeroBitCount
        let octave = 63 - lz
        let frac = octave >= 5 ? Int((d >> (octave - 5)) & 31) : Int((d << (5 - octave)) & 31)
        return UInt16(1 + octave * perOctave + frac)
    }

    /// A representative duration of a bucket: its middle.
    static func value(ofBucket b: UInt16) -> Int64 {
        guard b > 0 else { return 0 }
        let octave = (Int(b) - 1) / perOctave, frac = (Int(b) - 1) % perOctave
        let lo = Double(Int64(1) << octave) * (1 + Double(frac) / Double(perOctave))
        let hi = Double(Int64(1) << octave) * (1 + Double(frac + 1) / Double(perOctave))
        return max(Int64(1) << octave, Int64(((lo + hi) / 2).rounded(.down)))
    }

    /// Builds the digest from the trace index: one pass over the span columns with packed integer keys, then one
    /// over the traces.
    static func build(_ t: TraceIndex) -> SpanDigest {
        let d = SpanDigest(strings: StringTable())
        var ids = [Int32](repeating: -1, count: t.strings.count)
        func local(_ id: Int32) -> UInt64 {
            let i = Int(id)
            if ids[i] < 0 { ids[i] = d.strings.intern(t.strings.strings[i]) }
            return UInt64(ids[i])
        }
        let minSlot = t.time.min().map { floorDiv($0, slotNanos) } ?? 0
        // Keys (service, pod, namespace) packed 21 bits each; histogram entries (service, slot, bucket) packed 20, 28
        // and 16 bits, errors counted under the bucket 0xFFFF. Names beyond 2^20 or slots beyond 2^28 (85 years) fold.
        var keyIDs = DenseKeys(capacity: 1024), histIDs = DenseKeys(capacity: 1 << 16)
        var histCounts: [Int32] = []
        var spanKey = [Int32](repeating: 0, count: t.count)
        @inline(__always) func count(_ e: UInt64) {
            let h = Int(histIDs.id(e))
            if h == histCounts.count { histCounts.append(1) } else { histCounts[h] += 1 }
        }
        for i in 0..<t.count {
            let s = local(t.service[i]) & 0xFFFFF
            spanKey[i] = keyIDs.id(s << 42 | (local(t.pod[i]) & 0x1FFFFF) << 21 | (local(t.namespace[i]) & 0x1FFFFF))
            let cell = s << 44 | (UInt64(clamping: floorDiv(t.time[i], slotNanos) - minSlot) & 0xFFF_FFFF) << 16
            count(cell | UInt64(bucket(t.duration[i])))
            if t.status[i] == 2 { count(cell | 0xFFFF) }
        }
        let packedKeys = keyIDs.keys
        struct Entry { var key: UInt64, count: Int32 }
        var hist = zip(histIDs.keys, histCounts).map { Entry(key: $0, count: $1) }
        hist.sort { $0.key < $1.key }
        // Keys in name-id order, with their counts.
        let order = packedKeys.indices.sorted { packedKeys[$0] < packedKeys[$1] }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, k) in order.enumerated() {
            rank[k] = Int32(r)
            let p = packedKeys[k]
            d.keyService.append(Int32(p >> 42)); d.keyPod.append(Int32((p >> 21) & 0x1FFFFF)); d.keyNamespace.append(Int32(p & 0x1FFFFF))
        }
        // Local arrays, assigned once: a class's stored arrays are checked for exclusive access on every write.
        var keySpans = [Int64](repeating: 0, count: order.count), keyErrors = keySpans
        for i in 0..<t.count {
            let k = Int(rank[Int(spanKey[i])])
            keySpans[k] += 1
            if t.status[i] == 2 { keyErrors[k] += 1 }
        }
        d.keySpans = keySpans; d.keyErrors = keyErrors
        // Cells in (service, slot) order, each with its histogram.
        var cellService: [Int32] = [], cellSlot: [Int64] = [], cellSpans: [Int32] = [], cellErrors: [Int32] = []
        var histStart: [Int32] = [0], histBucket: [UInt16] = [], histCount: [Int32] = []
        for entry in hist {
            let e = entry.key
            let cell = e >> 16, b = UInt16(e & 0xFFFF), n = entry.count
            if cellService.isEmpty || UInt64(cellService.last!) != cell >> 28 || UInt64(cellSlot.last! - minSlot) != cell & 0xFFF_FFFF {
                cellService.append(Int32(cell >> 28)); cellSlot.append(minSlot + Int64(cell & 0xFFF_FFFF))
                cellSpans.append(0); cellErrors.append(0)
                if cellService.count > 1 { histStart.append(Int32(histBucket.count)) }
            }
            if b == 0xFFFF { cellErrors[cellErrors.count - 1] += n; continue }
            cellSpans[cellSpans.count - 1] += n
            histBucket.append(b); histCount.append(n)
        }
        if !cellService.isEmpty { histStart.append(Int32(histBucket.count)) }
        d.cellService = cellService; d.cellSlot = cellSlot; d.cellSpans = cellSpans; d.cellErrors = cellErrors
        d.histStart = histStart; d.histBucket = histBucket; d.histCount = histCount
        var traceFirst: [Nanos] = [], traceEnd: [Nanos] = [], traceSpanCount: [Int32] = [], traceErrors: [Int32] = []
        var traceRootOffset: [Int64] = [], traceRootService: [Int32] = [], traceRootName: [Int32] = []
        var traceKeysStart: [Int32] = [0], traceKeyIDs: [Int32] = []
        traceFirst.reserveCapacity(t.traceCount); traceEnd.reserveCapacity(t.traceCount); traceSpanCount.reserveCapacity(t.traceCount)
        traceErrors.reserveCapacity(t.traceCount); traceRootOffset.reserveCapacity(t.traceCount)
        traceRootService.reserveCapacity(t.traceCount); traceRootName.reserveCapacity(t.traceCount); traceKeysStart.reserveCapacity(t.traceCount + 1)
        let time = t.time, duration = t.duration, status = t.status, parentKey = t.parentKey
        var seen: [Int32] = []
        for tr in 0..<t.traceCount {
            let spans = t.spans(ofTrace: tr)
            var first = Int64.max, end = Int64.min, errors: Int32 = 0
            var root = Int(spans.first!)
            seen.removeAll(keepingCapacity: true)
            for x in spans {
                let i = Int(x)
                first = min(first, time[i]); end = max(end, time[i] + duration[i])
                if status[i] == 2 { errors += 1 }
                if parentKey[i] == 0 && parentKey[root] != 0 { root = i }
                let k = rank[Int(spanKey[i])]
                if !seen.contains(k) { seen.append(k) }
            }
            traceFirst.append(first); traceEnd.append(end); traceSpanCount.append(Int32(spans.count)); traceErrors.append(errors)
            traceRootOffset.append(t.offset[root])
            traceRootService.append(Int32(local(t.service[root]))); traceRootName.append(Int32(local(t.name[root])))
            seen.sort()
            traceKeyIDs += seen; traceKeysStart.append(Int32(traceKeyIDs.count))
        }
        d.perTraceBox = LazyBox(value: TraceDigest(traceFirst: traceFirst, traceEnd: traceEnd, traceSpanCount: traceSpanCount, traceErrors: traceErrors,
                                                   traceKey: t.traceKeys, traceRootOffset: traceRootOffset, traceRootService: traceRootService,
                                                   traceRootName: traceRootName, traceKeysStart: traceKeysStart, traceKeyIDs: traceKeyIDs))
        return d
    }

    /// Which (service, pod, namespace) keys `match` accepts.
    func keys(matching match: (String, String, String) -> Bool) -> [Bool] {
        keyService.indices.map { match(strings[keyService[$0]], strings[keyPod[$0]], strings[keyNamespace[$0]]) }
    }


    /// Error spans of every service per slot, as `timeline` lays them out; slots without errors left out.
    func errorTimeline() -> [(start: Nanos, count: Int)] {
        Self.timeline(cellSlot.indices.lazy.filter { self.cellErrors[$0] > 0 }.map { (self.cellSlot[$0], Int(self.cellErrors[$0])) })
    }

    /// Counts by slot number summed per slot: (the slot's first nanosecond, count), in slot order (the digests'
    /// timelines).
    static func timeline<S: Sequence>(_ counts: S) -> [(start: Nanos, count: Int)] where S.Element == (Int64, Int) {
        var bySlot: [Int64: Int] = [:]
        for (slot, n) in counts { bySlot[slot, default: 0] += n }
        return bySlot.sorted { $0.key < $1.key }.map { ($0.key * slotNanos, $0.value) }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Spans and error spans of the keys `match` accepts (service, pod, namespace names).
    func counts(matching match: (String, String, String) -> Bool) -> (spans: Int, errors: Int) {
        var spans = 0, errors = 0
        for (i, ok) in keys(matching: match).enumerated() where ok {
            spans += Int(keySpans[i]); errors += Int(keyErrors[i])
        }
        return (spans, errors)
    }

    /// Per service: spans, errors and the p50, p95 and p99 durations, over `window` (nil: everything). Nil when the
    /// window cuts a slot that holds spans: the digest cannot answer that exactly, and the caller reads the spans.
    func rollup(window: TimeWindow?) -> [(service: String, spans: Int, errors: Int, p50: Int64, p95: Int64, p99: Int64)]? {
        var out: [(service: String, spans: Int, errors: Int, p50: Int64, p95: Int64, p99: Int64)] = []
        // One count per bucket, reset after each service through the list of buckets it touched.
        var hist = [Int](repeating: 0, count: Int(UInt16.max) + 1), touched: [UInt16] = []
        var c = 0
        while c < cellService.count {
            let s = cellService[c]
            var spans = 0, errors = 0
            touched.removeAll(keepingCapacity: true)
            while c < cellService.count && cellService[c] == s {
                let start = cellSlot[c] * Self.slotNanos, end = start + Self.slotNanos - 1
                var take = true
                if let w = window {
                    if end < w.start || start > w.end { take = false }
                    else if start < w.start || end > w.end { return nil }   // a partial slot with spans in it
                }
                if take {
                    spans += Int(cellSpans[c]); errors += Int(cellErrors[c])
                    for h in Int(histStart[c])..<Int(histStart[c + 1]) {
                        let b = Int(histBucket[h])
                        if hist[b] == 0 { touched.append(UInt16(b)) }
                        hist[b] += Int(histCount[h])
                    }
                }
                c += 1
            }
            touched.sort()
            let sorted = touched.map { (key: $0, value: hist[Int($0)]) }
            for b in touched { hist[Int(b)] = 0 }
            guard spans > 0 else { continue }
            func q(_ p: Double) -> Int64 {
                let rank = min(spans - 1, Int(Double(spans - 1) * p + 0.5))
                var seen = 0
                for (b, n) in sorted { seen += n; if seen > rank { return Self.value(ofBucket: b) } }
                return Self.value(ofBucket: sorted.last?.key ?? 0)
            }
            out.append((strings[s], spans, errors, q(0.5), q(0.95), q(0.99)))
        }
        return out
    }
}

extension SpanDigest {
    func write(_ w: inout BlobWriter) throws {
        w.strings(strings.strings)
        w.array(keyService); w.array(keyPod); w.array(keyNamespace); w.array(keySpans); w.array(keyErrors)
        w.array(cellService); w.array(cellSlot); w.array(cellSpans); w.array(cellErrors)
        w.array(histStart); w.array(histBucket); w.array(histCount)
    }

    static func read(_ r: inout BlobReader) throws -> SpanDigest {
        let d = SpanDigest(strings: StringTable(restoring: try r.strings()))
        d.keyService = try r.array(Int32.self); d.keyPod = try r.array(Int32.self); d.keyNamespace = try r.array(Int32.self)
        d.keySpans = try r.array(Int64.self); d.keyErrors = try r.array(Int64.self)
        d.cellService = try r.array(Int32.self); d.cellSlot = try r.array(Int64.self)
        d.cellSpans = try r.array(Int32.self); d.cellErrors = try r.array(Int32.self)
        d.histStart = try r.array(Int32.self); d.histBucket = try r.array(UInt16.self); d.histCount = try r.array(Int32.self)
        let n = d.keyService.count, c = d.cellService.count
        guard [d.keyPod.count, d.keyNamespace.count, d.keySpans.count, d.keyErrors.count].allSatisfy({ $0 == n }),
              [d.cellSlot.count, d.cellSpans.count, d.cellErrors.count].allSatisfy({ $0 == c }), d.histStart.count == c + 1,
              d.histBucket.count == d.histCount.count, d.histStart.last.map({ Int($0) == d.histBucket.count }) ?? false,
              (d.keyService + d.keyPod + d.keyNamespace + d.cellService).allSatisfy({ $0 >= 0 && Int($0) < d.strings.count })
        else { throw BlobReader.Corrupt() }
        return d
    }
}
