#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Which log records to return.
public struct LogQuery: Sendable {
    public var entity: EntityID?
    public var service: String?
    /// Regex over the log body.
    public var pattern: String?
    public var ignoreCase = false
    public var minLevel: LogIndex.Level?
    public var window: TimeWindow?
    /// The pattern also matches a record's service, pod and level (the TUI's filter matches every field of a row);
    /// otherwise only its body.
    public var anyField = false
    public init(entity: EntityID? = nil, service: String? = nil, pattern: String? = nil, ignoreCase: Bool = false,
                minLevel: LogIndex.Level? = nil, window: TimeWindow? = nil, anyField: Bool = false) {
        self.entity = entity; self.service = service; self.pattern = pattern; self.ignoreCase = ignoreCase
        self.minLevel = minLevel; self.window = window; self.anyField = anyField
    }
}

/// One log record for display.
public struct LogRow: Sendable, Codable {
    public var index: Int
    public var time: Nanos
    public var level: String
    public var service: String
    public var pod: String
    public var body: String
}

extension Snapshot {
    public var logCount: Int { logs?.count ?? 0 }

    /// Why a regex query failed when some match ran out of its step budget (the answer would be incomplete).
    static func budgetMessage(_ pattern: String) -> String {
        "regex '\(pattern.prefix(80))' backtracks too much on some records (each match is limited to a step budget); simplify it"
    }

    /// Indices of matching log records, in time order. Regex search prefilters the raw file with the
    /// pattern's required literal (memmem) and runs the regex only on candidate record bodies.
    public func logMatches(_ q: LogQuery, deadline: Date? = nil) throws -> [Int32] {
        guard let l = logs, let file = logsFile else { return [] }
        let pattern = try q.pattern.map { try TextPattern($0, ignoreCase: q.ignoreCase) }
        // Cheap filters from the index columns.
        var keep: ((Int) -> Bool)? = nil
        var preds: [(Int) -> Bool] = []
        if let e = q.entity {
            let keys = telemetryKeys(e)
            let svc = Set(keys.services.compactMap { l.strings.id(of: $0) })
            let pods = Set(keys.pods.compactMap { l.strings.id(of: $0) })
            let ns = keys.namespace.flatMap { l.strings.id(of: $0) }
            preds.append { i in svc.contains(l.service[i]) || pods.contains(l.pod[i]) || (ns != nil && l.namespace[i] == ns!) }
        }
        if let s = q.service {
            guard let sid = l.strings.id(of: s) else { return [] }
            preds.append { i in l.service[i] == sid }
        }
        if let m = q.minLevel { let r = m.rawValue; preds.append { i in l.level[i] >= r } }
        if let w = q.window { preds.append { i in w.contains(l.time[i]) } }
        if !preds.isEmpty { keep = { i in preds.allSatisfy { $0(i) } } }

        var out: [Int32] = []
        if let p = pattern {
            let literal = p.requiredLiteral ?? p.foldedLiteral
            let fold = p.requiredLiteral == nil
            let pureLiteral = p.isPureLiteral
            var done = false
            if let lit = literal, let store = uncheckedBodyStore(for: l),
               let found = try Self.storeMatches(store, literal: lit, foldCase: fold, regex: pureLiteral ? nil : p, keep: keep, deadline: deadline) {
                out = found; done = true
            }
            // In the file a quote is doubled inside a quoted cell and single in an unquoted one, so a literal with a
            // quote is not searched in the file: each body's text is matched.
            if !done, let lit = literal, !lit.contains(0x22) {
                // Memory-mapped memmem; a pure literal is decided by where the hit is, without decoding the record.
                done = true
                let needle = Snapshot.quoted(lit)
                let body = l.bodyColumn
                try LiteralScan.runMapped(file: file, offsets: l.offset, needle: needle, foldCase: fold, deadline: deadline) { rec, bytes, at in
                    if let keep, !keep(rec) { return }
                    guard let r = TSVRecordReader.fieldRange(bytes, column: body) else { return }
                    if pureLiteral {
                        if r.contains(at) && at + needle.count <= r.upperBound { out.append(Int32(rec)); return }
                        if LiteralScan.contains(UnsafeRawBufferPointer(rebasing: bytes[r]), needle, foldCase: fold) { out.append(Int32(rec)) }
                        return
                    }
                    let raw = UnsafeRawBufferPointer(rebasing: bytes[r])
                    let text = r.lowerBound > 0 && bytes[r.lowerBound - 1] == 0x22
                        ? String(decoding: TSVScanner.unescape(raw.bindMemory(to: UInt8.self)), as: UTF8.self)
                        : String(decoding: raw, as: UTF8.self)
                    if p.matches(text) { out.append(Int32(rec)) }
                    if p.exhausted { throw SnapshotError.badArgument(Self.budgetMessage(p.source)) }
                }
            }
            if !done {
                // No literal (or one with a quote, without a body store): scan every record body.
                var i = 0
                _ = TSVScanner.scan(file, displayName: "otel_logs_raw.tsv", headerFirstColumn: "Timestamp", expectedHeader: l.columns) { rec in
                    defer { i += 1 }
                    if let deadline, i & 15 == 0, Date() > deadline { return false }   // often: one record's regex can be slow
                    guard i < l.count else { return false }
                    if let keep, !keep(i) { return true }
                    if p.matches(rec.string(l.bodyColumn)) { out.append(Int32(i)) }
                    return !p.exhausted
                }
                if let deadline, Date() > deadline { throw SnapshotError.badArgument("log search timed out") }
            }
        } else {
            // The column filters alone: one pass over the columns with membership tables instead of closures.
            let f = LogColumnFilter(q, l, keys: q.entity.map(telemetryKeys))
            guard !f.empty else { return [] }
            out.reserveCapacity(min(l.count, 1 << 16))
            for i in 0..<l.count where f.keeps(i) { out.append(Int32(i)) }
        }
        if let p = pattern, p.exhausted { throw SnapshotError.badArgument(Self.budgetMessage(p.source)) }
        if let p = pattern, q.anyField { out = Self.union(out, fieldMatches(p, in: l, keep: keep)) }
        if !isSorted(l.time, out) { out.sort { (l.time[Int($0)], $0) < (l.time[Int($1)], $1) } }
        return out
    }

    /// The records whose body in the saved index's body store holds `literal` (lowercase, searched with A-Z folded,
    /// when `foldCase`) and, unless the literal alone decides (`regex` nil: a pure literal), that `regex` matches, when
    /// `keep` keeps them, in record order; nil when the store's bytes do not check out (checked in the same pass as
    /// they are matched), so the caller reads the log file instead.
    static func storeMatches(_ store: LogBodyStore, literal: [UInt8], foldCase: Bool, regex: TextPattern?, keep: ((Int) -> Bool)?,
                             deadline: Date?) throws -> [Int32]? {
        var out: [Int32] = []
        let intact = try store.records(containing: literal, foldCase: foldCase, deadline: deadline) { rec, body in
            if let keep, !keep(rec) { return }
            guard let p = regex else { out.append(Int32(rec)); return }
            if p.matches(String(decoding: body, as: UTF8.self)) { out.append(Int32(rec)) }
            if p.exhausted { throw SnapshotError.badArgument(Self.budgetMessage(p.source)) }
        }
        return intact ? out : nil
    }

    /// Records whose service, pod or level the pattern matches: each distinct name is tried once, then the index's
    /// columns are compared, so no body is read.
    private func fieldMatches(_ p: TextPattern, in l: LogIndex, keep: ((Int) -> Bool)?) -> [Int32] {
        // Only the names the service and pod columns use (the string table holds every interned string).
        var used = Set<Int32>()
        for i in 0..<l.count { used.insert(l.service[i]); used.insert(l.pod[i]) }
        let names = Set(used.filter { id in let name = l.strings.strings[Int(id)]; return !name.isEmpty && p.matches(name) })
        let levels = Set(LogIndex.Level.allCases.filter { p.matches($0.label) }.map(\.rawValue))
        guard !names.isEmpty || !levels.isEmpty else { return [] }
        var out: [Int32] = []
        for i in 0..<l.count where names.contains(l.service[i]) || names.contains(l.pod[i]) || levels.contains(l.level[i]) {
            if keep?(i) ?? true { out.append(Int32(i)) }
        }
        return out
    }

    /// The union of two index lists, in index order, each index once.
    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        guard !b.isEmpty else { return a }
        guard !a.isEmpty else { return b }
        let x = a.sorted(), y = b.sorted()
        var out: [Int32] = [], i = 0, j = 0
        out.reserveCapacity(x.count + y.count)
        while i < x.count || j < y.count {
            if j == y.count || (i < x.count && x[i] < y[j]) { out.append(x[i]); i += 1 }
            else if i == x.count || y[j] < x[i] { out.append(y[j]); j += 1 }
            else { out.append(x[i]); i += 1; j += 1 }
        }
        return out
    }

    private func isSorted(_ t: [Nanos], _ idx: [Int32]) -> Bool {
        var prev = Int64.min
        for i in idx { let v = t[Int(i)]; if v < prev { return false }; prev = v }
        return true
    }

    /// Log records at `minLevel` or above per 10-second slot of wall time (the slot's first nanosecond, count), slot
    /// order, from the log digest: a timeline without reading the log columns.
    public func logSlots(minLevel: LogIndex.Level) -> [(start: Nanos, count: Int)] {
        logDigest?.timeline(minLevel: minLevel.rawValue) ?? []
    }

    /// Times of log records, from the index alone (no bodies read).
    public func logTimes<C: Collection>(_ indices: C) -> [Nanos] where C.Element == Int32 {
        guard let l = logs else { return [] }
        return indices.map { l.time[Int($0)] }
    }

    /// Display rows for record indices.
    public func logRows<C: Collection>(_ indices: C, maxBody: Int = 4000) -> [LogRow] where C.Element == Int32 {
        guard let l = logs, let file = logsFile else { return [] }
        return indices.map { i32 in
            let i = Int(i32)
            var body = ""
            if let f = TSVRecordReader.fields(file, at: Int(l.offset[i])), l.bodyColumn < f.count {
                body = String(decoding: f[l.bodyColumn], as: UTF8.self)
                while body.hasSuffix("\n") { body.removeLast() }
                if body.utf8.count > maxBody { body = String(body.prefix(maxBody)) + "…" }
            }
            return LogRow(index: i, time: l.time[i], level: LogIndex.Level(rawValue: l.level[i])?.label ?? "-",
                          service: l.strings[l.service[i]], pod: l.strings[l.pod[i]], body: body)
        }
    }

    /// A page of matching log records and the total matched.
    public func logs(_ q: LogQuery, offset: Int = 0, limit: Int = 100, deadline: Date? = nil) throws -> (rows: [LogRow], total: Int) {
        let m = try logMatches(q, deadline: deadline)
        let page = m.dropFirst(max(0, offset)).prefix(max(0, limit))
        return (logRows(page), m.count)
    }

    /// Log records per level.
    public func logLevelCounts() -> [String: Int] {
        guard let l = logs else { return [:] }
        var c = [Int](repeating: 0, count: 6)
        for v in l.level { c[Int(min(v, 5))] += 1 }
        var out: [String: Int] = [:]
        for lv in LogIndex.Level.allCases where c[Int(lv.rawValue)] > 0 { out[lv.label] = c[Int(lv.rawValue)] }
        return out
    }
}
