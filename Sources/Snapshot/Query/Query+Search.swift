import Foundation

/// One hit of a global search.
public struct SearchHit: Sendable, Codable {
    public enum Signal: String, Sendable, Codable { case entity, alert, event, object, log, span }
    public var signal: Signal
    public var entity: EntityID?
    public var time: Nanos?
    /// A short excerpt around the match.
    public var text: String
    /// How to open it: a log record index, a trace id, an object id.
    public var ref: String?
}

extension Snapshot {
    /// Searches entity names, alerts, events, manifests, log bodies and span names and error spans' status messages
    /// with a regex.
    /// Returns at most `limitPerSignal` hits per signal and the total per signal.
    public func search(_ query: String, ignoreCase: Bool = true, limitPerSignal: Int = 20, deadline: Date? = nil) throws
        -> (hits: [SearchHit], totals: [String: Int]) {
        // The pattern's literal is known from its text before the regex compiles: the other core starts matching the
        // saved index's log bodies at once (their bytes checked in the same pass) while this one compiles the regex,
        // reads the log index and searches the rest.
        let plan = TextPattern.plan(query, ignoreCase: ignoreCase)
        var hits: [SearchHit] = []
        var totals: [String: Int] = [:]
        let ((p, spans), fromStore) = try BothCores.run({ [self] in
            try PhaseLog.time("search: match the body store (other thread)") { try self.bodyStoreMatches(query, ignoreCase: ignoreCase, plan: plan, deadline: deadline) }
        }) { () throws -> (TextPattern, [SearchHit]) in
            let p = try TextPattern(query, ignoreCase: ignoreCase)
            /// A match; the search ends with a clear error as soon as one match runs out of its step budget.
            func matches(_ text: String) throws -> Bool {
                let m = p.matches(text)
                if p.exhausted { throw SnapshotError.badArgument(Self.budgetMessage(query)) }
                return m
            }
            // Files are prefiltered on the pattern's literal (case-folded for case-insensitive search).
            let fileNeedle: [UInt8]? = plan.literal.map(Self.quoted)
            let fold = plan.foldCase
            func add(_ h: SearchHit) {
                totals[h.signal.rawValue, default: 0] += 1
                if totals[h.signal.rawValue]! <= limitPerSignal { hits.append(h) }
            }
            _ = PhaseLog.time("search: read the log index") { logs }
            for e in graph.entities where try matches(e.description) { add(SearchHit(signal: .entity, entity: e, time: nil, text: e.description, ref: e.description)) }
            for a in alertStore.alerts {
                let text = "\(a.name) \(a.annotations["description"] ?? a.annotations["summary"] ?? "")"
                if try matches(text) { add(SearchHit(signal: .alert, entity: a.entity, time: a.activeAt ?? a.firstSeen, text: Self.excerpt(text, p), ref: a.name)) }
            }
            for e in events?.events ?? [] {
                let text = "\(e.reason): \(e.message)"
                if try matches(text) { add(SearchHit(signal: .event, entity: e.entity, time: e.lastTime, text: Self.excerpt(text, p), ref: e.name)) }
            }
            // Manifests: raw prefilter, then the regex on the decoded body (a pure literal: the literal in its bytes, as
            // a log body is matched; the text is decoded only for an excerpt that is shown).
            if let o = objects, let f = objectsFile {
                var seen = Set<Int32>()
                let literal = plan.pure ? plan.literal : nil
                let check: (Int, UnsafeRawBufferPointer) throws -> Void = { row, bytes in
                    let obj = o.object[row]
                    guard !seen.contains(obj), let fields = TSVRecordReader.split(Array(bytes), atEOF: true), o.bodyColumn < fields.count else { return }
                    let cell = fields[o.bodyColumn]
                    let matched = try literal.map { lit in cell.withUnsafeBytes { LiteralScan.contains($0, lit, foldCase: fold) } }
                        ?? matches(String(decoding: cell, as: UTF8.self))
                    guard matched else { return }
                    seen.insert(obj)
                    let shown = totals[SearchHit.Signal.object.rawValue, default: 0] < limitPerSignal
                    let text = shown ? Self.excerpt(String(decoding: cell, as: UTF8.self), p) : ""
                    add(SearchHit(signal: .object, entity: o.objects[Int(obj)].id, time: o.time[row], text: text, ref: o.objects[Int(obj)].id.description))
                }
                if let needle = fileNeedle {
                    try LiteralScan.runMapped(file: f, offsets: o.offset, needle: needle, foldCase: fold, deadline: deadline) { row, bytes, _ in try check(row, bytes) }
                } else {
                    for row in 0..<o.rows {
                        try f.bytes(at: Int(o.offset[row]), count: (row + 1 < o.rows ? Int(o.offset[row + 1]) : f.size) - Int(o.offset[row])).withUnsafeBytes { try check(row, $0) }
                    }
                }
            }
            let digest = spanSearch.flatMap { limitPerSignal <= $0.keep ? $0 : nil }
            guard let (total, spans) = try PhaseLog.time("search: spans", { try spanHits(limit: limitPerSignal, digest: digest, matches) }),
                  total > 0 else { return (p, []) }
            totals["span"] = total
            return (p, spans)
        }
        if let (logHits, total) = try searchLogs(p, limit: limitPerSignal, deadline: deadline, fromStore: fromStore) {
            hits += logHits; totals["log"] = total
        }
        hits += spans
        if p.exhausted { throw SnapshotError.badArgument(Self.budgetMessage(query)) }
        return (hits, totals)
    }

    /// The log records whose body matches: the first `limit` as hits, and how many; nil when the snapshot has no logs.
    /// `fromStore`: the matches `bodyStoreMatches` found, used when the store has a body per log record.
    private func searchLogs(_ p: TextPattern, limit: Int, deadline: Date?, fromStore: (records: [Int32], storeCount: Int)?) throws
        -> (hits: [SearchHit], total: Int)? {
        guard let l = logs else { return nil }
        let first: [Int32], total: Int
        if let found = fromStore, found.storeCount == l.count {
            // Only the first `limit` by time are shown: picked in one pass instead of sorting every match.
            (first, total) = (Self.earliest(found.records, time: l.time, limit: limit), found.records.count)
        } else {
            let m = try PhaseLog.time("search: match log bodies") { try logMatches(LogQuery(pattern: p.source, ignoreCase: p.ignoreCase), deadline: deadline) }
            (first, total) = (Array(m.prefix(limit)), m.count)
        }
        let hits = logRows(first).map { r in
            let ent = graph.podNamespace[r.pod].map { EntityID(namespace: $0, kind: "Pod", name: r.pod) } ?? graph.primaryEntity(forService: r.service)
            return SearchHit(signal: .log, entity: ent, time: r.time, text: Self.excerpt(r.body, p), ref: "log:\(r.index)")
        }
        return (hits, total)
    }

    /// The `limit` records of `records` (in record order) that come first by (time, record), in that order: what
    /// sorting them all and keeping a prefix gives, in one pass (records are mostly in time order already).
    static func earliest(_ records: [Int32], time: [Nanos], limit: Int) -> [Int32] {
        guard limit > 0 else { return [] }
        func before(_ a: Int32, _ b: Int32) -> Bool { (time[Int(a)], a) < (time[Int(b)], b) }
        var best: [Int32] = []
        best.reserveCapacity(limit + 1)
        for r in records {
            if best.count == limit, !before(r, best[limit - 1]) { continue }
            var k = best.count
            while k > 0 && before(r, best[k - 1]) { k -= 1 }
            best.insert(r, at: k)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// The records whose body in the saved index's body store matches the pattern (as `logMatches` with no other
    /// filter finds them), with the store's record count; nil when there is no store, its bytes do not check out, or
    /// the pattern has no literal to look for. Needs no log index, and a pure literal no compiled regex (`plan` says
    /// which), so it runs while those are made; any other pattern is compiled for this thread.
    private func bodyStoreMatches(_ query: String, ignoreCase: Bool, plan: TextPattern.LiteralPlan, deadline: Date?) throws
        -> (records: [Int32], storeCount: Int)? {
        guard let store = logBodies, let literal = plan.literal else { return nil }
        let regex = plan.pure ? nil : try TextPattern(query, ignoreCase: ignoreCase)
        guard let found = try Self.storeMatches(store, literal: literal, foldCase: plan.foldCase, regex: regex, keep: nil, deadline: deadline) else { return nil }
        return (found, store.count)
    }

    /// Spans whose name or error status message `matches`: how many, and the first `limit` by start as hits. From a
    /// span search digest keeping at least `limit` spans per list, else from the trace index (its tests compare the
    /// two). Nil when the snapshot has no spans.
    func spanHits(limit: Int, digest: SpanSearchDigest?, _ matches: (String) throws -> Bool) throws -> (total: Int, hits: [SearchHit])? {
        func spanHit(_ svc: String, _ name: String, _ status: UInt8, _ time: Nanos, _ trace: String) -> SearchHit {
            SearchHit(signal: .span, entity: graph.primaryEntity(forService: svc), time: time,
                      text: "\(svc) \(name)\(status == 2 ? " [error]" : "")", ref: "trace:\(trace)")
        }
        if let d = digest {
            let (total, kept) = try d.search(limit: limit, matches)
            return (total, kept.map { k in
                spanHit(d.strings[d.service[k]], d.strings[d.name[k]], d.status[k], d.time[k], fullTraceID(offset: d.offset[k], key: d.traceKey[k]))
            })
        }
        guard let t = traces else { return nil }
        // Span names and error spans' status messages are interned: each distinct text is matched once.
        var hit = [Bool](repeating: false, count: t.strings.count), any = false
        for (i, s) in t.strings.strings.enumerated() where try !s.isEmpty && matches(s) { hit[i] = true; any = true }
        var matched = [Bool](repeating: false, count: any ? t.count : 0)
        if any {
            for i in 0..<t.count where hit[Int(t.name[i])] { matched[i] = true }
            for (k, row) in t.errorRows.enumerated() where hit[Int(t.errorMessages[k])] { matched[Int(row)] = true }
        }
        // Every match counts; only the hits kept are built (a hit's trace id is read back from the file).
        let ordered = matched.indices.filter { matched[$0] }.sorted { (t.time[$0], $0) < (t.time[$1], $1) }
        return (ordered.count, ordered.prefix(limit).map { i in
            spanHit(t.strings[t.service[i]], t.strings[t.name[i]], t.status[i], t.time[i], fullTraceID(span: i))
        })
    }

    static func quoted(_ needle: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for b in needle { out.append(b); if b == 0x22 { out.append(0x22) } }
        return out
    }

    /// Up to ~160 characters around the first match, on one line.
    static func excerpt(_ text: String, _ p: TextPattern) -> String {
        // Newlines as spaces, byte for byte (Foundation's replacingOccurrences goes through UTF-16 on Linux: ~0.1 ms a
        // manifest).
        let flat = text.utf8.contains(0x0A) ? String(decoding: text.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self) : text
        guard let r = p.ranges(in: flat).first else { return String(flat.prefix(160)) }
        let start = flat.index(r.lowerBound, offsetBy: -60, limitedBy: flat.startIndex) ?? flat.startIndex
        let end = flat.index(r.upperBound, offsetBy: 100, limitedBy: flat.endIndex) ?? flat.endIndex
        return (start > flat.startIndex ? "…" : "") + flat[start..<end] + (end < flat.endIndex ? "…" : "")
    }
}
