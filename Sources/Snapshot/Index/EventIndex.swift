/// A Kubernetes event after folding its duplicates (core/v1 and events.k8s.io/v1 copies, repeated updates).
public struct KubeEvent: Sendable, Codable, Hashable {
    /// Event object name (`<involved>.<hash>`), the deduplication key with its namespace.
    public var name: String
    public var namespace: String
    public var reason: String
    /// `Normal` or `Warning`.
    public var type: String
    public var message: String
    /// The object the event is about.
    public var entity: EntityID
    public var firstTime: Nanos
    public var lastTime: Nanos
    public var count: Int
    public var source: String
    /// How many rows of the file carried this event.
    public var rows: Int
    /// Offset of the first row in the file and its record number.
    public var offset: Int64
    public var record: Int

    public var isWarning: Bool { type == "Warning" }
}

/// Index of `k8s_events_raw.tsv`: events decoded from their watch envelopes and folded.
public final class EventIndex: @unchecked Sendable {
    public internal(set) var events: [KubeEvent] = []
    public internal(set) var rows = 0

    static func build(_ file: ByteFile, displayName: String, progress: ((Int) -> Void)?) -> (EventIndex, TSVScanSummary) {
        let idx = EventIndex()
        var byKey: [String: Int] = [:]
        var summary = TSVScanSummary()
        var bodyCol = 8, tsCol = 0
        var headerSeen = false
        var problems = RecordProblems()
        summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "Timestamp", expectedHeader: Columns.logs,
                                  progress: progress) { rec in
            if !headerSeen {
                headerSeen = true
                let h = summary.header.isEmpty ? Columns.logs : summary.header
                bodyCol = Columns.index("Body", in: h, standard: Columns.logs)
                tsCol = Columns.index("Timestamp", in: h, standard: Columns.logs)
            }
            idx.rows += 1
            let body = rec.bytes(bodyCol)
            let rowTime = Timestamp.parse(rec.raw(tsCol))
            if rowTime == nil { problems.note("have an unreadable or impossible Timestamp (the event's own times are used)", offset: rec.offset) }
            let parsed: KubeEvent? = body.withUnsafeBufferPointer { bp in
                parseEvent(JSONSkim(bp), rowTime: rowTime ?? 0, offset: Int64(rec.offset), record: rec.number)
            }
            guard let ev = parsed else {
                problems.note("skipped: Body is not an Event watch envelope", offset: rec.offset)
                return true
            }
            let key = ev.namespace + "/" + ev.name
            if let i = byKey[key] {
                var e = idx.events[i]
                e.rows += 1
                e.count = max(e.count, ev.count)
                e.firstTime = min(e.firstTime, ev.firstTime)
                if ev.lastTime >= e.lastTime { e.lastTime = ev.lastTime; if !ev.message.isEmpty { e.message = ev.message } }
                if e.source.isEmpty { e.source = ev.source }
                idx.events[i] = e
            } else {
                byKey[key] = idx.events.count
                idx.events.append(ev)
            }
            return true
        }
        summary.diagnostics += problems.diagnostics(file, displayName: displayName)
        idx.events.sort { ($0.lastTime, $0.name) < ($1.lastTime, $1.name) }
        return (idx, summary)
    }

    /// Reads both event API versions, with or without the `{object, type}` envelope.
    static func parseEvent(_ j: JSONSkim, rowTime: Nanos, offset: Int64, record: Int) -> KubeEvent? {
        let objRange = j.find(["object"])
        let o = objRange?.lowerBound ?? 0
        guard j.string(["kind"], from: o) == "Event" else { return nil }
        let name = j.string(["metadata", "name"], from: o) ?? ""
        let ns = j.string(["metadata", "namespace"], from: o) ?? ""
        let involved = j.find(["involvedObject"], from: o) ?? j.find(["regarding"], from: o)
        var entity = EntityID(namespace: ns, kind: "Unknown", name: name)
        if let inv = involved {
            let k = j.string(["kind"], from: inv.lowerBound) ?? "Unknown"
            let n = j.string(["name"], from: inv.lowerBound) ?? ""
            let ins = j.string(["namespace"], from: inv.lowerBound) ?? ""
            entity = EntityID(namespace: ins.isEmpty ? nil : ins, kind: k, name: n)
        }
        func time(_ keys: [StaticString]) -> Nanos? {
            for k in keys {
                if let s = j.string([k], from: o), let t = Timestamp.parse(s) { return t }
            }
            return nil
        }
        let last = time(["lastTimestamp", "deprecatedLastTimestamp", "eventTime"]) ?? rowTime
        let first = time(["firstTimestamp", "deprecatedFirstTimestamp", "eventTime"]) ?? last
        var count = 1
        if let r = j.find(["count"], from: o) ?? j.find(["deprecatedCount"], from: o) {
            count = Int(String(decoding: UnsafeBufferPointer(rebasing: j.b[r]), as: UTF8.self)) ?? 1
        }
        let source = j.string(["source", "component"], from: o) ?? j.string(["deprecatedSource", "component"], from: o)
            ?? j.string(["reportingController"], from: o) ?? ""
        return KubeEvent(name: name, namespace: ns, reason: j.string(["reason"], from: o) ?? "",
                         type: j.string(["type"], from: o) ?? "", message: j.string(["message"], from: o) ?? j.string(["note"], from: o) ?? "",
                         entity: entity, firstTime: first, lastTime: last, count: count, source: source, rows: 1,
                         offset: offset, record: record)
    }
}
