/// Compact columnar index of `otel_logs_raw.tsv`: one entry per log record, bodies left on disk.
public final class LogIndex: @unchecked Sendable {
    /// Normalised severity: 0 unknown, 1 trace/debug, 2 info, 3 warning, 4 error, 5 fatal.
    public enum Level: UInt8, Sendable, CaseIterable {
        case unknown = 0, debug, info, warning, error, fatal
        public var label: String { ["-", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"][Int(rawValue)] }
        public static func parse(_ s: String) -> Level? {
            switch s.lowercased() {
            case "debug", "trace": return .debug
            case "info", "information": return .info
            case "warn", "warning": return .warning
            case "error", "err": return .error
            case "fatal", "critical": return .fatal
            default: return nil
            }
        }
    }

    public internal(set) var offset: [Int64] = []
    public internal(set) var time: [Nanos] = []
    public internal(set) var service: [Int32] = []
    public internal(set) var pod: [Int32] = []
    public internal(set) var namespace: [Int32] = []
    public internal(set) var level: [UInt8] = []
    public let strings: StringTable

    init(strings: StringTable) { self.strings = strings }
    /// Column positions of this file (from its header).
    public internal(set) var bodyColumn = 8
    public internal(set) var columns = Columns.logs

    public var count: Int { offset.count }

    static func level(text: UnsafeBufferPointer<UInt8>, number: Int64?) -> UInt8 {
        if let n = number, n > 0 {
            switch n {
            case 1...8: return 1
            case 9...12: return 2
            case 13...16: return 3
            case 17...20: return 4
            default: return 5
            }
        }
        guard let c = text.first else { return 0 }
        switch c | 0x20 {
        case 0x64, 0x74: return 1              // debug, trace
        case 0x69: return 2                    // info, information
        case 0x77: return 3                    // warn, warning
        case 0x65: return 4                    // error
        case 0x66, 0x63: return 5              // fatal, critical
        default: return 0
        }
    }

    /// Per-record columns of one byte range of the file.
    struct Part: ColumnarPart {
        var offset = [Int64](), time = [Nanos](), service = [Int32](), pod = [Int32](), namespace = [Int32](), level = [UInt8]()
        var strings = StringTable()
        var header: [String] = []
        var problems = RecordProblems()

        mutating func append(_ o: inout Part) {
            let remap = o.strings.strings.map { strings.intern($0) }
            offset += o.offset; o.offset = []
            time += o.time; o.time = []
            level += o.level; o.level = []
            service += o.service.map { remap[Int($0)] }; o.service = []
            pod += o.pod.map { remap[Int($0)] }; o.pod = []
            namespace += o.namespace.map { remap[Int($0)] }; o.namespace = []
            problems.merge(o.problems)
        }
    }

    static func build(_ file: ByteFile, displayName: String, addBytes: (@Sendable (Int) -> Void)?, parts: Int? = nil) -> (LogIndex, TSVScanSummary) {
        var (c, summary) = SplitScan.run(file, headerFirstColumn: "Timestamp", standard: Columns.logs, addBytes: addBytes, parts: parts) {
            start, limit, header, capacity, progress in
            scanPart(file, displayName: displayName, start: start, limit: limit, header: header, capacity: capacity, progress: progress)
        }
        summary.diagnostics += c.problems.diagnostics(file, displayName: displayName)
        let idx = LogIndex(strings: c.strings)
        idx.columns = c.header.isEmpty ? Columns.logs : c.header
        idx.bodyColumn = Columns.index("Body", in: idx.columns, standard: Columns.logs)
        idx.offset = c.offset; idx.time = c.time; idx.service = c.service; idx.pod = c.pod; idx.namespace = c.namespace; idx.level = c.level
        c = Part()
        return (idx, summary)
    }

    static func scanPart(_ file: ByteFile, displayName: String, start: Int, limit: PartLimit, header: [String]?, capacity: Int,
                         progress: @escaping (Int) -> Void) -> (Part, TSVScanSummary) {
        var c = Part()
        var interner = Interner(c.strings)
        let names = ["Timestamp", "SeverityText", "SeverityNumber", "ServiceName", "ResourceAttributes", "Body", "TraceId", "SpanId", "LogAttributes"]
        var cols = names.map { Columns.index($0, in: [], standard: Columns.logs) }
        let reserve = capacity
        c.offset.reserveCapacity(reserve); c.time.reserveCapacity(reserve); c.service.reserveCapacity(reserve)
        c.pod.reserveCapacity(reserve); c.level.reserveCapacity(reserve); c.namespace.reserveCapacity(reserve)
        // Keys of this part's own (the closures retain them per record: a shared one would bounce between cores).
        let podKey = AttrKey(AttrKey.podName.name), nsKey = AttrKey(AttrKey.namespace.name), svcKey = AttrKey(AttrKey.serviceName.name)
        /// What a resource attribute cell gives, computed once per distinct cell; attribute cells' well-formedness too.
        struct ResourceFacts { var service: Range<Int>?, pod: Int32, namespace: Int32, wellFormed: Bool }
        var resourceMemo = CellMemo<ResourceFacts>(), attributeMemo = CellMemo<Bool>()
        let summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "Timestamp", expectedHeader: Columns.logs,
                                      start: start, limit: limit, knownHeader: header, progress: progress,
                                      onHeader: { h in c.header = h; cols = names.map { Columns.index($0, in: h, standard: Columns.logs) } },
                                      repeating: .resourceAttributes) { rec in
            let ts = Timestamp.parse(rec.raw(cols[0]))
            if ts == nil { c.problems.note("have an unreadable or impossible Timestamp (placed at the epoch)", offset: rec.offset) }
            c.offset.append(Int64(rec.offset))
            c.time.append(ts ?? 0)
            c.level.append(Self.level(text: rec.raw(cols[1]), number: Hex.int(rec.raw(cols[2]))))
            var svc = interner.id(rec.raw(cols[3]))
            // Names are interned in the order they always were (service, pod, namespace), so the names table is unchanged.
            let attrs = rec.raw(cols[4])
            let resource: ResourceFacts
            if let known = resourceMemo.known(cell: rec.repeatedCell) { resource = known } else {
                resource = resourceMemo.value(attrs, cell: rec.repeatedCell) { a in
                    let svcRange = svcKey.range(in: a)
                    if svc == 0, let r = svcRange { svc = interner.id(UnsafeBufferPointer(rebasing: a[r])) }
                    return ResourceFacts(service: svcRange, pod: interner.id(podKey, in: a), namespace: interner.id(nsKey, in: a),
                                         wellFormed: PythonLiteralCheck.isWellFormed(a))
                }
            }
            if !resource.wellFormed { c.problems.note("have ResourceAttributes that are not a Python dict literal", offset: rec.offset) }
            let logAttrs = rec.raw(cols[8])
            if !(attributeMemo.known(logAttrs) ?? attributeMemo.value(logAttrs, compute: PythonLiteralCheck.isWellFormed)) {
                c.problems.note("have LogAttributes that are not a Python dict literal", offset: rec.offset)
            }
            let tid = rec.raw(cols[6]), sid = rec.raw(cols[7])
            if (!tid.isEmpty && !Hex.isID(tid, digits: 32)) || (!sid.isEmpty && !Hex.isID(sid, digits: 16)) {
                c.problems.note("have a TraceId or SpanId that is not 32/16 hex digits (the record may not join its trace)", offset: rec.offset)
            }
            if svc == 0, let r = resource.service { svc = interner.id(UnsafeBufferPointer(rebasing: attrs[r])) }
            c.service.append(svc)
            c.pod.append(resource.pod)
            c.namespace.append(resource.namespace)
            return true
        }
        return (c, summary)
    }
}
