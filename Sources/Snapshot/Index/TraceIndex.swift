import Foundation
/// Compact columnar index of `otel_traces_raw.tsv`: one entry per span, bodies left on disk.
public final class TraceIndex: @unchecked Sendable {
    public enum Status: UInt8, Sendable { case unset = 0, ok = 1, error = 2 }

    // Per span (structure of arrays, in file order).
    public internal(set) var offset: [Int64] = []
    public internal(set) var time: [Nanos] = []
    public internal(set) var duration: [Int64] = []
    /// The span's trace: an index into `traceKeys` (4 bytes a span instead of the 8 of its key).
    public internal(set) var traceOf: [Int32] = []
    public internal(set) var spanKey: [UInt64] = []
    public internal(set) var parentKey: [UInt64] = []
    public internal(set) var service: [Int32] = []
    public internal(set) var pod: [Int32] = []
    public internal(set) var namespace: [Int32] = []
    public internal(set) var name: [Int32] = []
    public internal(set) var status: [UInt8] = []
    public internal(set) var kind: [UInt8] = []
    /// For client/producer spans: the peer named in the span attributes (`net.peer.name`, `server.address`,
    /// `peer.service`), so calls into uninstrumented services (databases, caches, brokers) still make edges.
    public internal(set) var peer: [Int32] = []

    /// Error spans (rows, ascending) and the interned text of their StatusMessage, so searching status messages
    /// matches each distinct message once instead of reading the trace file.
    public internal(set) var errorRows: [Int32] = []
    public internal(set) var errorMessages: [Int32] = []

    /// Interned service, pod, namespace and span names, peers and error spans' status messages.
    public let strings: StringTable

    init(strings: StringTable) { self.strings = strings }

    // Per trace (CSR): trace t owns spans traceSpans[traceStart[t] ..< traceStart[t+1]], time-ordered.
    public internal(set) var traceKeys: [UInt64] = []
    public internal(set) var traceStart: [Int32] = []
    public internal(set) var traceSpans: [Int32] = []
    private let lookupLock = NSLock()
    private var lookupStore: U64Map? = nil
    /// Trace key → trace, built on first use: kept out of indexing's peak memory (25 MB at 10 GB) and out of
    /// loading a saved index for calls that never look a trace up by id.
    var traceLookup: U64Map {
        lookupLock.lock(); defer { lookupLock.unlock() }
        if let m = lookupStore { return m }
        var m = U64Map(capacity: traceKeys.count)
        for (i, k) in traceKeys.enumerated() { m.set(k, Int32(i)) }
        lookupStore = m
        return m
    }

    /// Service-to-service calls derived from parent/child spans: (caller, callee) -> (calls, errors).
    public internal(set) var calls: [CallKey: CallStats] = [:]

    public struct CallKey: Hashable, Sendable { public let caller: Int32; public let callee: Int32 }
    public struct CallStats: Sendable { public var calls = 0; public var errors = 0; public var totalDuration: Int64 = 0 }

    public var count: Int { offset.count }
    public var traceCount: Int { traceKeys.count }

    static let kindNames = ["Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"]
    public static func kindName(_ k: UInt8) -> String { Int(k) < kindNames.count ? kindNames[Int(k)] : "Unspecified" }
    /// The OpenTelemetry status code a span carries: Unset, Ok or Error.
    public static func statusName(_ s: UInt8) -> String { s == 2 ? "Error" : s == 1 ? "Ok" : "Unset" }

    /// Per-span columns of one byte range of the file.
    struct Part: ColumnarPart {
        var offset = [Int64](), time = [Nanos](), duration = [Int64](), spanKey = [UInt64](), parentKey = [UInt64]()
        /// Spans grouped by trace as they are read: each span's trace, the traces' keys in order of first appearance.
        var traceOf = [Int32](), traces = DenseKeys()
        var service = [Int32](), pod = [Int32](), namespace = [Int32](), name = [Int32](), status = [UInt8](), kind = [UInt8]()
        var peer = [Int32]()
        var errorRow = [Int32](), errorMessage = [Int32]()
        var strings = StringTable()
        var problems = RecordProblems()

        /// Appends the next part. Each column of `o` is freed once copied, and the traces are merged last, so the
        /// resident memory grows by one column (and the trace map's growth) at most, never by a part.
        mutating func append(_ o: inout Part) {
            let remap = o.strings.strings.map { strings.intern($0) }
            let base = Int32(offset.count)
            errorRow.append(contentsOf: o.errorRow.lazy.map { $0 + base }); o.errorRow = []
            errorMessage.append(contentsOf: o.errorMessage.lazy.map { remap[Int($0)] }); o.errorMessage = []
            // The plain columns are copied on the other core (idle: the parts are scanned) while this one remaps the
            // interned ones and the traces. Both sides' columns move into the box, so no copy is shared.
            let plain = PlainColumns(&self, &o)
            let ((), ()) = BothCores.both({ plain.append() }, while: { appendInterned(&o, remap: remap) })
            plain.moveBack(&self)
        }

        /// The columns of `o` that hold interned strings or traces, remapped onto this part's.
        private mutating func appendInterned(_ o: inout Part, remap: [Int32]) {
            service.append(contentsOf: o.service.lazy.map { remap[Int($0)] }); o.service = []
            pod.append(contentsOf: o.pod.lazy.map { remap[Int($0)] }); o.pod = []
            namespace.append(contentsOf: o.namespace.lazy.map { remap[Int($0)] }); o.namespace = []
            name.append(contentsOf: o.name.lazy.map { remap[Int($0)] }); o.name = []
            peer.append(contentsOf: o.peer.lazy.map { remap[Int($0)] }); o.peer = []
            problems.merge(o.problems)
            // The other part's traces: the ones met here keep their id, new ones follow in order of first appearance.
            let traceRemap = o.traces.keys.map { traces.id($0) }
            o.traces = DenseKeys()
            traceOf.append(contentsOf: o.traceOf.lazy.map { traceRemap[Int($0)] }); o.traceOf = []
        }

        /// Both parts' plain (not remapped) columns, moved out of them for `append` on another thread.
        final class PlainColumns: @unchecked Sendable {
            var offset: [Int64], time: [Nanos], duration: [Int64], spanKey: [UInt64], parentKey: [UInt64], status: [UInt8], kind: [UInt8]
            var next: (offset: [Int64], time: [Nanos], duration: [Int64], spanKey: [UInt64], parentKey: [UInt64], status: [UInt8], kind: [UInt8])

            init(_ p: inout Part, _ o: inout Part) {
                offset = p.offset; time = p.time; duration = p.duration; spanKey = p.spanKey; parentKey = p.parentKey
                status = p.status; kind = p.kind
                next = (o.offset, o.time, o.duration, o.spanKey, o.parentKey, o.status, o.kind)
                p.offset = []; p.time = []; p.duration = []; p.spanKey = []; p.parentKey = []; p.status = []; p.kind = []
                o.offset = []; o.time = []; o.duration = []; o.spanKey = []; o.parentKey = []; o.status = []; o.kind = []
            }

            /// Appends the next part's columns, freeing each once copied.
            func append() {
                offset += next.offset; next.offset = []
                time += next.time; next.time = []
                duration += next.duration; next.duration = []
                spanKey += next.spanKey; next.spanKey = []
                parentKey += next.parentKey; next.parentKey = []
                status += next.status; next.status = []
                kind += next.kind; next.kind = []
            }

            func moveBack(_ p: inout Part) {
                p.offset = offset; p.time = time; p.duration = duration; p.spanKey = spanKey; p.parentKey = parentKey
                p.status = status; p.kind = kind
                offset = []; time = []; duration = []; spanKey = []; parentKey = []; status = []; kind = []
            }
        }
    }

    /// Indexes the file (in parallel parts when large); returns the scan summary (header, diagnostics).
    static func build(_ file: ByteFile, displayName: String, addBytes: (@Sendable (Int) -> Void)?, parts: Int? = nil,
                      stealAtLeast: Int = SplitScan.minStealBytes) -> (TraceIndex, TSVScanSummary) {
        var (c, summary) = PhaseLog.time("traces: scan and merge parts") { SplitScan.run(file, headerFirstColumn: "Timestamp", standard: Columns.traces, addBytes: addBytes, parts: parts, stealAtLeast: stealAtLeast) {
            start, limit, header, capacity, progress in
            scanPart(file, displayName: displayName, start: start, limit: limit, header: header, capacity: capacity, progress: progress)
        } }
        summary.diagnostics += c.problems.diagnostics(file, displayName: displayName)
        let idx = TraceIndex(strings: c.strings)
        idx.offset = c.offset; idx.time = c.time; idx.duration = c.duration; idx.spanKey = c.spanKey
        idx.parentKey = c.parentKey; idx.service = c.service; idx.pod = c.pod; idx.namespace = c.namespace; idx.name = c.name
        idx.status = c.status; idx.kind = c.kind; idx.peer = c.peer
        idx.errorRows = c.errorRow; idx.errorMessages = c.errorMessage
        idx.traceOf = c.traceOf; idx.traceKeys = c.traces.keys
        c = Part()
        PhaseLog.time("traces: group by trace, calls") { idx.buildTraces() }
        return (idx, summary)
    }

    static func scanPart(_ file: ByteFile, displayName: String, start: Int, limit: PartLimit, header: [String]?, capacity: Int,
                         progress: @escaping (Int) -> Void) -> (Part, TSVScanSummary) {
        var c = Part()
        let reserve = capacity
        c.offset.reserveCapacity(reserve); c.time.reserveCapacity(reserve); c.duration.reserveCapacity(reserve)
        // The trace map grows as traces come: they are fewer than spans by a factor the file does not tell.
        c.traceOf.reserveCapacity(reserve); c.traces = DenseKeys(capacity: max(1024, reserve / 64))
        c.spanKey.reserveCapacity(reserve); c.parentKey.reserveCapacity(reserve)
        c.service.reserveCapacity(reserve); c.pod.reserveCapacity(reserve); c.name.reserveCapacity(reserve)
        c.status.reserveCapacity(reserve); c.kind.reserveCapacity(reserve); c.namespace.reserveCapacity(reserve)
        c.peer.reserveCapacity(reserve)
        let names = ["Timestamp", "TraceId", "SpanId", "ParentSpanId", "SpanName", "SpanKind", "ServiceName",
                     "ResourceAttributes", "Duration", "StatusCode", "SpanAttributes", "StatusMessage"]
        var cols = names.map { Columns.index($0, in: [], standard: Columns.traces) }
        var interner = Interner(c.strings)
        // Keys of this part's own (the closures retain them per record: a shared one would bounce between cores).
        let podKey = AttrKey(AttrKey.podName.name), nsKey = AttrKey(AttrKey.namespace.name)
        let peerKeys = [AttrKey("peer.service"), AttrKey("net.peer.name"), AttrKey("server.address")]
        /// What a resource or span attribute cell gives, computed once per distinct cell.
        struct ResourceFacts { var pod: Int32, namespace: Int32, wellFormed: Bool }
        struct SpanFacts { var peer: Range<Int>?, wellFormed: Bool }
        var resourceMemo = CellMemo<ResourceFacts>(), spanMemo = CellMemo<SpanFacts>()
        let summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "Timestamp", expectedHeader: Columns.traces,
                                      start: start, limit: limit, knownHeader: header, progress: progress,
                                      onHeader: { h in
            cols = names.map { Columns.index($0, in: h, standard: Columns.traces) }
        }, repeating: .resourceAttributes, repeatingTail: "Events.Timestamp") { rec in
            let ts = Timestamp.parse(rec.raw(cols[0]))
            if ts == nil { c.problems.note("have an unreadable or impossible Timestamp (placed at the epoch)", offset: rec.offset) }
            let trace = Hex.id(rec.raw(cols[1]), digits: 32), span = Hex.id(rec.raw(cols[2]), digits: 16)
            let parentCell = rec.raw(cols[3])
            let parent = Hex.id(parentCell, digits: 16)
            if !trace.valid || !span.valid || !(parentCell.isEmpty || parent.valid) {
                c.problems.note("have a TraceId, SpanId or ParentSpanId that is not 32/16 hex digits (the span may not join its trace)", offset: rec.offset)
            }
            c.offset.append(Int64(rec.offset))
            c.time.append(ts ?? 0)
            c.traceOf.append(c.traces.id(trace.key))
            c.spanKey.append(span.key)
            c.parentKey.append(parent.key)
            c.name.append(interner.id(rec.raw(cols[4])))
            let k = rec.raw(cols[5])
            var kd: UInt8 = 0
            if let ch = k.first {
                switch ch {
                case 0x49: kd = 1            // Internal
                case 0x53: kd = k.count > 1 && k[1] == 0x65 ? 2 : 0  // Server / SPAN_KIND_*
                case 0x43: kd = k.count > 1 && k[1] == 0x6C ? 3 : 5  // Client / Consumer
                case 0x50: kd = 4            // Producer
                default: kd = 0
                }
            }
            c.kind.append(kd)
            c.service.append(interner.id(rec.raw(cols[6])))
            let resource: ResourceFacts
            if let known = resourceMemo.known(cell: rec.repeatedCell) { resource = known } else {
                resource = resourceMemo.value(rec.raw(cols[7]), cell: rec.repeatedCell) { attrs in
                    ResourceFacts(pod: interner.id(podKey, in: attrs), namespace: interner.id(nsKey, in: attrs),
                                  wellFormed: PythonLiteralCheck.isWellFormed(attrs))
                }
            }
            let spanCell = rec.raw(cols[10])
            let spanAttrs: SpanFacts
            if let known = spanMemo.known(spanCell) { spanAttrs = known } else {
                spanAttrs = spanMemo.value(spanCell) { sa in
                    var peer: Range<Int>? = nil
                    for key in peerKeys { if let r = key.range(in: sa) { peer = r; break } }
                    return SpanFacts(peer: peer, wellFormed: PythonLiteralCheck.isWellFormed(sa))
                }
            }
            if !resource.wellFormed { c.problems.note("have ResourceAttributes that are not a Python dict literal", offset: rec.offset) }
            if !spanAttrs.wellFormed { c.problems.note("have SpanAttributes that are not a Python dict literal", offset: rec.offset) }
            c.pod.append(resource.pod)
            c.namespace.append(resource.namespace)
            let d = Hex.int(rec.raw(cols[8]))
            if d == nil || d! < 0 { c.problems.note("have an unreadable, negative or out-of-range Duration (counted as 0)", offset: rec.offset) }
            c.duration.append(max(0, d ?? 0))
            let st = rec.raw(cols[9])
            var stc: UInt8 = 0
            if let ch = st.first {
                if ch == 0x45 || (st.count > 12 && st[12] == 0x45) { stc = 2 }       // Error / STATUS_CODE_ERROR
                else if ch == 0x4F || (st.count > 12 && st[12] == 0x4F) { stc = 1 }  // Ok / STATUS_CODE_OK
            }
            c.status.append(stc)
            if stc == 2 {
                c.errorRow.append(Int32(c.offset.count - 1))
                c.errorMessage.append(rec.bytes(cols[11]).withUnsafeBufferPointer { interner.id($0) })
            }
            // The peer is interned for client and producer spans only, as the names table has always been built.
            if (kd == 3 || kd == 4), let r = spanAttrs.peer {
                c.peer.append(interner.id(UnsafeBufferPointer(rebasing: spanCell[r])))
            } else {
                c.peer.append(0)
            }
            return true
        }
        return (c, summary)
    }

    /// Lays out the spans of each trace (CSR, time-ordered) and the calls between services, from `traceOf`. The
    /// traces are grouped in two halves of about as many spans, on both cores, and the halves' calls are summed (from
    /// `parallelFrom` spans; tests lower it).
    func buildTraces(parallelFrom: Int = 100_000) {
        let n = offset.count
        let traceOf = self.traceOf
        let tn = traceKeys.count
        var counts = [Int32](repeating: 0, count: tn + 1)
        for t in traceOf { counts[Int(t) + 1] += 1 }
        for t in 0..<tn { counts[t + 1] += counts[t] }
        var fill = counts
        var spansCSR = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let t = Int(traceOf[i])
            spansCSR[Int(fill[t])] = Int32(i)
            fill[t] += 1
        }
        // The first trace whose spans start in the second half of the spans.
        var middle = tn
        if n >= max(parallelFrom, 1) {
            var lo = 0, hi = tn
            while lo < hi { let m = (lo + hi) / 2; if Int(counts[m]) < n / 2 { lo = m + 1 } else { hi = m } }
            middle = lo
        }
        let counted = counts, half = middle
        let all = spansCSR.withUnsafeMutableBufferPointer { csr -> [CallKey: CallStats] in
            let shared = SharedSpans(csr)
            guard half < tn else { return groupCalls(traces: 0..<tn, counts: counted, spans: shared) }
            // Two disjoint ranges of traces: each thread sorts the spans of its own traces only.
            let (first, second) = BothCores.both({ self.groupCalls(traces: half..<tn, counts: counted, spans: shared) },
                                                 while: { self.groupCalls(traces: 0..<half, counts: counted, spans: shared) })
            var all = first
            for (key, stats) in second {
                all[key, default: CallStats()].calls += stats.calls
                all[key]!.errors += stats.errors
                all[key]!.totalDuration += stats.totalDuration
            }
            return all
        }
        traceStart = counts
        traceSpans = spansCSR
        calls = all
    }

    /// The CSR span list, shared by the two grouping threads, which write disjoint ranges of it.
    struct SharedSpans: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Int32>
        init(_ b: UnsafeMutableBufferPointer<Int32>) { buffer = b }
    }

    /// Time-orders the spans of `traces` in `spans` and counts the calls between services they make.
    private func groupCalls(traces: Range<Int>, counts: [Int32], spans shared: SharedSpans) -> [CallKey: CallStats] {
        let spansCSR = shared.buffer
        let local = ScratchMap(capacity: 64), hasChild = ScratchMap(capacity: 64)
        var callSlots = U64Map(capacity: 256)
        var callKeys: [CallKey] = [], callStats: [CallStats] = []
        let time = self.time, spanKey = self.spanKey, parentKey = self.parentKey, service = self.service
        let status = self.status, duration = self.duration, peer = self.peer
        for t in traces {
            let a = Int(counts[t]), b = Int(counts[t + 1])
            if b - a > 1 {
                var sorted = true
                for j in (a + 1)..<b where time[Int(spansCSR[j])] < time[Int(spansCSR[j - 1])] { sorted = false; break }
                if !sorted {
                    var group = UnsafeMutableBufferPointer(rebasing: spansCSR[a..<b])   // sorted in place
                    group.sort { time[Int($0)] < time[Int($1)] }
                }
            }
            local.reset(room: b - a)
            hasChild.reset(room: b - a)
            for j in a..<b {
                let s = Int(spansCSR[j])
                local.set(spanKey[s], Int32(s))
                if parentKey[s] != 0 { hasChild.set(parentKey[s], 1) }
            }
            for j in a..<b {
                let s = Int(spansCSR[j])
                var callerSpan: Int
                var calleeName: Int32
                if s < peer.count, peer[s] != 0, hasChild.get(spanKey[s]) == nil {
                    // A client call that no instrumented service answered: the edge goes to the named peer.
                    callerSpan = s; calleeName = peer[s]
                } else {
                    guard parentKey[s] != 0, let p = local.get(parentKey[s]) else { continue }
                    callerSpan = Int(p); calleeName = service[s]
                }
                let caller = service[callerSpan], callee = calleeName
                guard caller != callee, caller != 0, callee != 0 else { continue }
                let packed = UInt64(UInt32(bitPattern: caller)) << 32 | UInt64(UInt32(bitPattern: callee))
                let slot: Int
                if let x = callSlots.get(packed) { slot = Int(x) } else {
                    slot = callKeys.count
                    callSlots.set(packed, Int32(slot))
                    callKeys.append(CallKey(caller: caller, callee: callee)); callStats.append(CallStats())
                }
                callStats[slot].calls += 1
                if status[s] == 2 { callStats[slot].errors += 1 }
                callStats[slot].totalDuration += duration[s]
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(callKeys, callStats))
    }

    /// Index of the trace with this (low 64-bit) key.
    public func trace(forKey k: UInt64) -> Int? { traceLookup.get(k).map(Int.init) }

    /// Span indices of trace `t`, time-ordered.
    public func spans(ofTrace t: Int) -> ArraySlice<Int32> { traceSpans[Int(traceStart[t])..<Int(traceStart[t + 1])] }
}
