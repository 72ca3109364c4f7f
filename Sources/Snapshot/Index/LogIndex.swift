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
    public let strings = StringTable()
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

    static func build(_ file: ByteFile, displayName: String, progress: ((Int) -> Void)?) -> (LogIndex, TSVScanSummary) {
        let idx = LogIndex()
        var interner = Interner(idx.strings)
        var cols: [Int] = []
        var summary = TSVScanSummary()
        var headerSeen = false
        var badTime = 0
        let reserve = max(16, file.size / 600)
        idx.offset.reserveCapacity(reserve); idx.time.reserveCapacity(reserve); idx.service.reserveCapacity(reserve)
        idx.pod.reserveCapacity(reserve); idx.level.reserveCapacity(reserve); idx.namespace.reserveCapacity(reserve)
        summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "Timestamp", expectedHeader: Columns.logs,
                                  progress: progress) { rec in
            if !headerSeen {
                headerSeen = true
                let h = summary.header.isEmpty ? Columns.logs : summary.header
                idx.columns = h
                cols = ["Timestamp", "SeverityText", "SeverityNumber", "ServiceName", "ResourceAttributes", "Body"]
                    .map { Columns.index($0, in: h, standard: Columns.logs) }
                idx.bodyColumn = cols[5]
            }
            let ts = Timestamp.parse(rec.raw(cols[0]))
            if ts == nil { badTime += 1 }
            idx.offset.append(Int64(rec.offset))
            idx.time.append(ts ?? 0)
            idx.level.append(level(text: rec.raw(cols[1]), number: Hex.int(rec.raw(cols[2]))))
            var svc = interner.id(rec.raw(cols[3]))
            let attrs = rec.raw(cols[4])
            if svc == 0, let r = PythonLiteral.quickRange("service.name", in: attrs) {
                svc = interner.id(UnsafeBufferPointer(rebasing: attrs[r]))
            }
            idx.service.append(svc)
            if let r = PythonLiteral.quickRange("k8s.pod.name", in: attrs) {
                idx.pod.append(interner.id(UnsafeBufferPointer(rebasing: attrs[r])))
            } else { idx.pod.append(0) }
            if let r = PythonLiteral.quickRange("k8s.namespace.name", in: attrs) {
                idx.namespace.append(interner.id(UnsafeBufferPointer(rebasing: attrs[r])))
            } else { idx.namespace.append(0) }
            return true
        }
        if badTime > 0 {
            summary.diagnostics.append(Diagnostic(.warning, file: displayName, reason: "\(badTime) log record(s) have an unparseable Timestamp"))
        }
        return (idx, summary)
    }
}
