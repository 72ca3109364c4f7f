import Foundation

/// One trace in a listing.
public struct TraceSummary: Sendable, Codable {
    public var traceID: String
    public var start: Nanos
    public var duration: Int64
    public var spans: Int
    public var errors: Int
    public var rootService: String
    public var rootName: String
    public var services: [String]
}

/// A span of a trace tree, with its depth for indentation.
public struct SpanNode: Sendable, Codable {
    /// The trace it belongs to (32 hex digits).
    public var traceID: String
    public var spanID: String
    public var parentID: String
    public var depth: Int
    public var service: String
    public var pod: String
    public var name: String
    public var kind: String
    public var start: Nanos
    public var duration: Int64
    public var isError: Bool
    /// The OpenTelemetry status code: Unset, Ok or Error.
    public var statusCode: String
    public var statusMessage: String
    public var attributes: [String: String]
}

/// Per-service rollup of spans.
public struct ServiceRollup: Sendable, Codable {
    public var service: String
    public var entity: EntityID?
    public var spans: Int
    public var errors: Int
    public var errorRate: Double
    public var p50: Int64
    public var p95: Int64
    public var p99: Int64
}

/// Which traces to list.
public struct TraceFilter: Sendable {
    public enum Sort: String, Sendable, CaseIterable { case time, duration, errors }
    public var entity: EntityID?
    public var service: String?
    public var errorsOnly = false
    public var minDuration: Int64?
    public var window: TimeWindow?
    public var sort: Sort = .time
    public init(entity: EntityID? = nil, service: String? = nil, errorsOnly: Bool = false, minDuration: Int64? = nil,
                window: TimeWindow? = nil, sort: Sort = .time) {
        self.entity = entity; self.service = service; self.errorsOnly = errorsOnly; self.minDuration = minDuration
        self.window = window; self.sort = sort
    }
}

extension Snapshot {
    /// Number of spans and traces indexed.
    public var spanCount: Int { traces?.count ?? 0 }
    public var traceCount: Int { traces?.traceCount ?? 0 }

    /// Span predicate for an entity (its service names and pods).
    func spanMatcher(_ id: EntityID?) -> ((Int) -> Bool)? {
        guard let id, let t = traces else { return nil }
        let keys = telemetryKeys(id)
        let svc = Set(keys.services.compactMap { t.strings.id(of: $0) })
        let pods = Set(keys.pods.compactMap { t.strings.id(of: $0) })
        let ns = keys.namespace.flatMap { t.strings.id(of: $0) }
        if svc.isEmpty && pods.isEmpty && ns == nil { return { _ in false } }
        return { i in svc.contains(t.service[i]) || pods.contains(t.pod[i]) || (ns != nil && t.namespace[i] == ns!) }
    }

    /// Traces matching `filter`, sorted, with paging. Returns the page and the total number matched. Answered from the
    /// span digest's trace table: no span column is read.
    public func traces(_ filter: TraceFilter = TraceFilter(), offset: Int = 0, limit: Int = 50) -> (rows: [TraceSummary], total: Int) {
        guard let d = spanDigest else { return ([], 0) }
        if let s = filter.service, d.strings.id(of: s) == nil { return ([], 0) }
        var keyOK: [Bool]?
        if filter.entity != nil || filter.service != nil {
            let keys = filter.entity.map(telemetryKeys)
            keyOK = d.keys { svc, pod, ns in keys?.matches(service: svc, pod: pod, namespace: ns) == true || filter.service == svc }
        }
        let p = d.perTrace
        var hits: [Int] = []
        for tr in 0..<p.traceCount {
            if let ok = keyOK, !p.keys(ofTrace: tr).contains(where: { ok[Int($0)] }) { continue }
            if filter.errorsOnly && p.traceErrors[tr] == 0 { continue }
            if let md = filter.minDuration, p.traceEnd[tr] - p.traceFirst[tr] < md { continue }
            if let w = filter.window, !(p.traceEnd[tr] >= w.start && p.traceFirst[tr] <= w.end) { continue }
            hits.append(tr)
        }
        let dur = { (t: Int) in p.traceEnd[t] - p.traceFirst[t] }
        switch filter.sort {
        case .time: hits.sort { (p.traceFirst[$0], $0) < (p.traceFirst[$1], $1) }
        case .duration: hits.sort { (dur($0), $1) > (dur($1), $0) }
        case .errors: hits.sort { (p.traceErrors[$0], p.traceFirst[$1]) > (p.traceErrors[$1], p.traceFirst[$0]) }
        }
        let rows = hits.dropFirst(offset).prefix(limit).map { tr -> TraceSummary in
            let services = Set(p.keys(ofTrace: tr).map { d.strings[d.keyService[Int($0)]] }).subtracting([""])
            let id = tracesFile.flatMap { TSVRecordReader.fields($0, at: Int(p.traceRootOffset[tr])) }.flatMap { $0.count > 1 ? String(decoding: $0[1], as: UTF8.self) : nil }
            return TraceSummary(traceID: id ?? String(format: "%016llx", p.traceKey[tr]), start: p.traceFirst[tr], duration: dur(tr),
                                spans: Int(p.traceSpanCount[tr]), errors: Int(p.traceErrors[tr]), rootService: d.strings[p.traceRootService[tr]],
                                rootName: d.strings[p.traceRootName[tr]], services: services.sorted())
        }
        return (Array(rows), hits.count)
    }

    func spanFields(_ i: Int) -> [[UInt8]]? {
        guard let t = traces, let f = tracesFile else { return nil }
        return TSVRecordReader.fields(f, at: Int(t.offset[i]))
    }

    func fullTraceID(span i: Int) -> String {
        guard let t = traces else { return String(format: "%016llx", 0) }
        return fullTraceID(offset: t.offset[i], key: t.traceKeys[Int(t.traceOf[i])])
    }

    /// The trace id of the span record at `offset` as written in the file (32 hex digits); its last 16 digits (`key`)
    /// when the record cannot be read.
    func fullTraceID(offset: Int64, key: UInt64) -> String {
        if let f = tracesFile, let fields = TSVRecordReader.fields(f, at: Int(offset)), fields.count > 1 { return String(decoding: fields[1], as: UTF8.self) }
        return String(format: "%016llx", key)
    }

    /// One trace as a span tree (depth-first, children by start time). `id` is the 32-hex trace id (or its last 16 digits).
    public func trace(_ id: String) throws -> [SpanNode] {
        guard let t = traces else { throw SnapshotError.notFound("this snapshot has no traces") }
        let clean = id.trimmingCharacters(in: .whitespaces).lowercased()
        guard !clean.isEmpty, clean.count <= 32, clean.allSatisfy(\.isHexDigit) else {
            throw SnapshotError.badArgument("'\(id)' is not a trace id (1 to 32 hex digits)")
        }
        let key = clean.utf8CString.withUnsafeBufferPointer { p in
            Hex.low64(UnsafeBufferPointer(start: UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: UInt8.self), count: p.count - 1))
        }
        guard let tr = t.trace(forKey: key) else { throw SnapshotError.notFound("no trace \(id) in this snapshot") }
        let spans = t.spans(ofTrace: tr).map(Int.init)
        let inTrace = Set(spans.map { t.spanKey[$0] })
        var children: [UInt64: [Int]] = [:]
        var roots: [Int] = []
        for s in spans {
            let p = t.parentKey[s]
            if p == 0 || !inTrace.contains(p) { roots.append(s) } else { children[p, default: []].append(s) }
        }
        var out: [SpanNode] = []
        var visited = Set<Int>()
        func visit(_ s: Int, _ depth: Int) {
            guard visited.insert(s).inserted else { return }
            let f = spanFields(s) ?? []
            func field(_ k: Int) -> String { k < f.count ? String(decoding: f[k], as: UTF8.self) : "" }
            let attrs = (try? PythonLiteral.parse(k11(f))).map(\.flatStrings) ?? [:]
            out.append(SpanNode(traceID: fullTraceID(span: s), spanID: field(2), parentID: field(3), depth: depth, service: t.strings[t.service[s]],
                                pod: t.strings[t.pod[s]], name: t.strings[t.name[s]], kind: TraceIndex.kindName(t.kind[s]),
                                start: t.time[s], duration: t.duration[s], isError: t.status[s] == 2,
                                statusCode: TraceIndex.statusName(t.status[s]), statusMessage: field(14), attributes: attrs))
            for c in (children[t.spanKey[s]] ?? []).sorted(by: { t.time[$0] < t.time[$1] }) { visit(c, depth + 1) }
        }
        for r in roots.sorted(by: { t.time[$0] < t.time[$1] }) { visit(r, 0) }
        return out
    }

    private func k11(_ f: [[UInt8]]) -> [UInt8] { f.count > 11 ? f[11] : [] }

    /// Start times of error spans (optionally of one entity), from the index alone: for timelines.
    public func errorSpanTimes(entity: EntityID? = nil) -> [Nanos] {
        guard let t = traces else { return [] }
        let m = spanMatcher(entity)
        var out: [Nanos] = []
        for i in 0..<t.count where t.status[i] == 2 && (m?(i) ?? true) { out.append(t.time[i]) }
        return out
    }

    /// Error spans per 10-second slot of wall time (the slot's first nanosecond, count), slot order, from the span
    /// digest: a timeline without reading a span column (a 10 GB snapshot's span section is 600 MB).
    public func errorSpanSlots() -> [(start: Nanos, count: Int)] {
        spanDigest?.errorTimeline() ?? []
    }

    /// Error spans, newest last, optionally for one entity.
    public func errorSpans(entity: EntityID? = nil, window: TimeWindow? = nil, limit: Int = 100) -> (rows: [SpanNode], total: Int) {
        guard let t = traces else { return ([], 0) }
        let m = spanMatcher(entity)
        var hits: [Int] = []
        for i in 0..<t.count where t.status[i] == 2 {
            if let m, !m(i) { continue }
            if let w = window, !w.contains(t.time[i]) { continue }
            hits.append(i)
        }
        hits.sort { t.time[$0] < t.time[$1] }
        let rows = hits.suffix(limit).map { s -> SpanNode in
            let f = spanFields(s) ?? []
            func field(_ k: Int) -> String { k < f.count ? String(decoding: f[k], as: UTF8.self) : "" }
            return SpanNode(traceID: fullTraceID(span: s), spanID: field(2), parentID: field(3), depth: 0, service: t.strings[t.service[s]], pod: t.strings[t.pod[s]],
                            name: t.strings[t.name[s]], kind: TraceIndex.kindName(t.kind[s]), start: t.time[s], duration: t.duration[s],
                            isError: true, statusCode: "Error", statusMessage: field(14), attributes: [:])
        }
        return (Array(rows), hits.count)
    }

    /// Spans, errors and latency percentiles per service (optionally within a window), by error count. Answered
    /// from the span digest (percentiles within 1.6 %) unless the window cuts one of its 10-second slots.
    /// The query cache's key of a rollup (the whole recording's is seeded from the saved index).
    static func rollupKey(_ window: TimeWindow?) -> String { "rollup:\(window?.start ?? 0):\(window?.end ?? 0)" }

    public func serviceRollup(window: TimeWindow? = nil) -> [ServiceRollup] {
        let key = Self.rollupKey(window)
        return cache.value(key) { serviceRollupRows(window: window).sorted { ($0.errors, $1.service) > ($1.errors, $0.service) } }
    }

    /// The rollup's rows, unordered: from the digest when it can answer exactly, else from the span columns.
    private func serviceRollupRows(window: TimeWindow?) -> [ServiceRollup] {
        if let rows = spanDigest?.rollup(window: window) {
            return rows.map { r in
                ServiceRollup(service: r.service, entity: graph.primaryEntity(forService: r.service), spans: r.spans, errors: r.errors,
                              errorRate: Double(r.errors) / Double(r.spans), p50: r.p50, p95: r.p95, p99: r.p99)
            }
        }
        guard let t = traces else { return [] }
        var durations: [Int32: [Int64]] = [:]
        var errors: [Int32: Int] = [:]
        for i in 0..<t.count {
            if let w = window, !w.contains(t.time[i]) { continue }
            durations[t.service[i], default: []].append(t.duration[i])
            if t.status[i] == 2 { errors[t.service[i], default: 0] += 1 }
        }
        return durations.map { (sid, ds) -> ServiceRollup in
            let sorted = ds.sorted()
            func q(_ p: Double) -> Int64 { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))] }
            let name = t.strings[sid]
            let e = errors[sid] ?? 0
            return ServiceRollup(service: name, entity: graph.primaryEntity(forService: name), spans: ds.count, errors: e,
                                 errorRate: Double(e) / Double(ds.count), p50: q(0.5), p95: q(0.95), p99: q(0.99))
        }
    }
}
