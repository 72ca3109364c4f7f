/// Compact columnar index of `otel_traces_raw.tsv`: one entry per span, bodies left on disk.
public final class TraceIndex: @unchecked Sendable {
    public enum Status: UInt8, Sendable { case unset = 0, ok = 1, error = 2 }

    // Per span (structure of arrays, in file order).
    public internal(set) var offset: [Int64] = []
    public internal(set) var time: [Nanos] = []
    public internal(set) var duration: [Int64] = []
    public internal(set) var traceKey: [UInt64] = []
    public internal(set) var spanKey: [UInt64] = []
    public internal(set) var parentKey: [UInt64] = []
    public internal(set) var service: [Int32] = []
    public internal(set) var pod: [Int32] = []
    public internal(set) var namespace: [Int32] = []
    public internal(set) var name: [Int32] = []
    public internal(set) var status: [UInt8] = []
    public internal(set) var kind: [UInt8] = []

    /// Interned service, pod, namespace and span names.
    public let strings = StringTable()

    // Per trace (CSR): trace t owns spans traceSpans[traceStart[t] ..< traceStart[t+1]], time-ordered.
    public internal(set) var traceKeys: [UInt64] = []
    public internal(set) var traceStart: [Int32] = []
    public internal(set) var traceSpans: [Int32] = []
    var traceLookup: [UInt64: Int32] = [:]

    /// Service-to-service calls derived from parent/child spans: (caller, callee) -> (calls, errors).
    public internal(set) var calls: [CallKey: CallStats] = [:]

    public struct CallKey: Hashable, Sendable { public let caller: Int32; public let callee: Int32 }
    public struct CallStats: Sendable { public var calls = 0; public var errors = 0; public var totalDuration: Int64 = 0 }

    public var count: Int { offset.count }
    public var traceCount: Int { traceKeys.count }

    static let kindNames = ["Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"]
    public static func kindName(_ k: UInt8) -> String { Int(k) < kindNames.count ? kindNames[Int(k)] : "Unspecified" }

    /// Indexes the file; returns the scan summary (header, diagnostics).
    static func build(_ file: ByteFile, displayName: String, progress: ((Int) -> Void)?) -> (TraceIndex, TSVScanSummary) {
        let idx = TraceIndex()
        var cols: [Int] = []
        var timeParseFailures = 0
        var summary = TSVScanSummary()
        let reserve = max(16, file.size / 1200)
        idx.offset.reserveCapacity(reserve); idx.time.reserveCapacity(reserve); idx.duration.reserveCapacity(reserve)
        idx.traceKey.reserveCapacity(reserve); idx.spanKey.reserveCapacity(reserve); idx.parentKey.reserveCapacity(reserve)
        idx.service.reserveCapacity(reserve); idx.pod.reserveCapacity(reserve); idx.name.reserveCapacity(reserve)
        idx.status.reserveCapacity(reserve); idx.kind.reserveCapacity(reserve); idx.namespace.reserveCapacity(reserve)
        var headerSeen = false
        var interner = Interner(idx.strings)
        func internCached(_ b: UnsafeBufferPointer<UInt8>) -> Int32 { interner.id(b) }
        summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "Timestamp", expectedHeader: Columns.traces,
                                  progress: progress) { rec in
            if !headerSeen {
                headerSeen = true
                let h = summary.header.isEmpty ? Columns.traces : summary.header
                cols = ["Timestamp", "TraceId", "SpanId", "ParentSpanId", "SpanName", "SpanKind", "ServiceName",
                        "ResourceAttributes", "Duration", "StatusCode"].map { Columns.index($0, in: h, standard: Columns.traces) }
            }
            let ts = Timestamp.parse(rec.raw(cols[0]))
            if ts == nil { timeParseFailures += 1 }
            idx.offset.append(Int64(rec.offset))
            idx.time.append(ts ?? 0)
            idx.traceKey.append(Hex.low64(rec.raw(cols[1])))
            idx.spanKey.append(Hex.low64(rec.raw(cols[2])))
            idx.parentKey.append(Hex.low64(rec.raw(cols[3])))
            idx.name.append(internCached(rec.raw(cols[4])))
            let k = rec.raw(cols[5])
            var kind: UInt8 = 0
            if let c = k.first {
                switch c {
                case 0x49: kind = 1            // Internal
                case 0x53: kind = k.count > 1 && k[1] == 0x65 ? 2 : 0  // Server / SPAN_KIND_*
                case 0x43: kind = k.count > 1 && k[1] == 0x6C ? 3 : 5  // Client / Consumer
                case 0x50: kind = 4            // Producer
                default: kind = 0
                }
            }
            idx.kind.append(kind)
            idx.service.append(internCached(rec.raw(cols[6])))
            let attrs = rec.raw(cols[7])
            if let r = PythonLiteral.quickRange("k8s.pod.name", in: attrs) {
                idx.pod.append(internCached(UnsafeBufferPointer(rebasing: attrs[r])))
            } else { idx.pod.append(0) }
            if let r = PythonLiteral.quickRange("k8s.namespace.name", in: attrs) {
                idx.namespace.append(internCached(UnsafeBufferPointer(rebasing: attrs[r])))
            } else { idx.namespace.append(0) }
            idx.duration.append(Hex.int(rec.raw(cols[8])) ?? 0)
            let st = rec.raw(cols[9])
            var status: UInt8 = 0
            if let c = st.first {
                if c == 0x45 || (st.count > 12 && st[12] == 0x45) { status = 2 }       // Error / STATUS_CODE_ERROR
                else if c == 0x4F || (st.count > 12 && st[12] == 0x4F) { status = 1 }  // Ok / STATUS_CODE_OK
            }
            idx.status.append(status)
            return true
        }
        if timeParseFailures > 0 {
            summary.diagnostics.append(Diagnostic(.warning, file: displayName, reason: "\(timeParseFailures) span(s) have an unparseable Timestamp"))
        }
        idx.buildTraces()
        return (idx, summary)
    }

    /// Groups spans by trace (counting sort) and derives the service call graph.
    func buildTraces() {
        let n = offset.count
        var traceOf = [Int32](repeating: 0, count: n)
        traceLookup.reserveCapacity(n / 8)
        for i in 0..<n {
            let k = traceKey[i]
            if let t = traceLookup[k] { traceOf[i] = t } else {
                let t = Int32(traceKeys.count)
                traceLookup[k] = t
                traceKeys.append(k)
                traceOf[i] = t
            }
        }
        let tn = traceKeys.count
        var counts = [Int32](repeating: 0, count: tn + 1)
        for t in traceOf { counts[Int(t) + 1] += 1 }
        for t in 0..<tn { counts[t + 1] += counts[t] }
        traceStart = counts
        var fill = counts
        traceSpans = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let t = Int(traceOf[i])
            traceSpans[Int(fill[t])] = Int32(i)
            fill[t] += 1
        }
        // Time-order each trace's spans (file order is usually close already) and collect calls.
        var local: [UInt64: Int32] = [:]
        for t in 0..<tn {
            let a = Int(traceStart[t]), b = Int(traceStart[t + 1])
            if b - a > 1 {
                var slice = Array(traceSpans[a..<b])
                slice.sort { time[Int($0)] < time[Int($1)] }
                traceSpans.replaceSubrange(a..<b, with: slice)
            }
            local.removeAll(keepingCapacity: true)
            for j in a..<b { let s = Int(traceSpans[j]); local[spanKey[s]] = Int32(s) }
            for j in a..<b {
                let s = Int(traceSpans[j])
                guard parentKey[s] != 0, let p = local[parentKey[s]] else { continue }
                let caller = service[Int(p)], callee = service[s]
                guard caller != callee, caller != 0, callee != 0 else { continue }
                let key = CallKey(caller: caller, callee: callee)
                var st = calls[key] ?? CallStats()
                st.calls += 1
                if status[s] == 2 { st.errors += 1 }
                st.totalDuration += duration[s]
                calls[key] = st
            }
        }
    }

    /// Index of the trace with this (low 64-bit) key.
    public func trace(forKey k: UInt64) -> Int? { traceLookup[k].map(Int.init) }

    /// Span indices of trace `t`, time-ordered.
    public func spans(ofTrace t: Int) -> ArraySlice<Int32> { traceSpans[Int(traceStart[t])..<Int(traceStart[t + 1])] }
}
