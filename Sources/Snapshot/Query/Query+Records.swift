import Foundation

/// One record read whole: its fields in order (attribute dicts expanded one key per line), and the record as stored.
public struct RecordDetail: Sendable {
    public var title: String
    /// Where it lies: `otel_logs_raw.tsv record 1,234`, `alerts/…`.
    public var source: String
    public var fields: [(name: String, value: String)]
    /// The record as the file holds it (TSV cells by column name, or the alert's JSON).
    public var raw: String
}

extension Snapshot {
    /// A log record: time, level, service, pod, the whole body, then every column, attribute dicts one key per line.
    public func logDetail(_ index: Int) -> RecordDetail? {
        guard let l = logs, let file = logsFile, index >= 0, index < l.count,
              let row = logRows([Int32(index)], maxBody: 1 << 20).first else { return nil }
        var fields: [(String, String)] = [("time", Timestamp.format(row.time)), ("level", row.level), ("service", row.service), ("pod", row.pod),
                                          ("body", row.body)]
        let (columns, raw) = Self.columns(file, at: Int(l.offset[index]))
        for (name, value) in columns where !["Body", "Timestamp"].contains(name) { fields += Self.expand(name, value) }
        return RecordDetail(title: "Log record \(index + 1)", source: "otel_logs_raw.tsv record \(index + 1)", fields: fields, raw: raw)
    }

    /// A Kubernetes event, folded over its duplicate rows.
    public func eventDetail(_ e: KubeEvent) -> RecordDetail {
        var fields: [(String, String)] = [("type", e.type), ("reason", e.reason), ("object", e.entity.description), ("message", e.message),
                                          ("count", "\(e.count)"), ("first seen", Timestamp.format(e.firstTime)), ("last seen", Timestamp.format(e.lastTime)),
                                          ("source", e.source), ("event", "\(e.namespace)/\(e.name)"), ("rows in the file", "\(e.rows)")]
        var raw = ""
        if let file = try? ByteFile(path: (root as NSString).appendingPathComponent("k8s_events_raw.tsv")) {
            let (columns, text) = Self.columns(file, at: Int(e.offset))
            raw = text
            if let body = columns.first(where: { $0.0 == "Body" })?.1 { fields.append(("body", body)) }
        }
        return RecordDetail(title: "Event \(e.reason) on \(e.entity)", source: "k8s_events_raw.tsv record \(e.record)", fields: fields, raw: raw)
    }

    /// A span of a trace: service, operation, kind, status, timing, parent and children, every attribute.
    public func spanDetail(traceID: String, spanID: String) -> RecordDetail? {
        guard let nodes = try? trace(traceID), let s = nodes.first(where: { $0.spanID == spanID }) else { return nil }
        let children = nodes.filter { $0.parentID == spanID }.map { "\($0.service) \($0.name) (\($0.spanID))" }
        let parent = nodes.first { $0.spanID == s.parentID }.map { "\($0.service) \($0.name) (\($0.spanID))" } ?? (s.parentID.isEmpty ? "none (root)" : s.parentID)
        var fields: [(String, String)] = [("service", s.service), ("operation", s.name), ("kind", s.kind), ("status", s.statusCode),
                                          ("status message", s.statusMessage), ("start", Timestamp.format(s.start)), ("duration", Timestamp.duration(s.duration)),
                                          ("pod", s.pod), ("trace", traceID), ("span", s.spanID), ("parent", parent)]
        fields += children.map { ("child", $0) }
        fields += s.attributes.sorted { $0.key < $1.key }.map { ("attribute \($0.key)", $0.value) }
        let raw = fields.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n")
        return RecordDetail(title: "Span \(s.service) \(s.name)", source: "otel_traces_raw.tsv, trace \(traceID)", fields: fields, raw: raw)
    }

    /// An alert: labels, annotations, state, active interval(s) and the files that hold it.
    public func alertDetail(_ a: Alert) -> RecordDetail {
        var fields: [(String, String)] = [("alert", a.name), ("state", a.state), ("severity", a.severity), ("entity", a.entity?.description ?? "-"),
                                          ("active since", a.activeAt.map { Timestamp.format($0) } ?? "-"), ("value", a.value)]
        fields += a.intervals.map { ("present", "\(Timestamp.format($0.start, fraction: 0)) → \(Timestamp.format($0.end, fraction: 0))") }
        fields += a.labels.sorted { $0.key < $1.key }.map { ("label \($0.key)", $0.value) }
        fields += a.annotations.sorted { $0.key < $1.key }.map { ("annotation \($0.key)", $0.value) }
        let raw = (try? JSONSerialization.data(withJSONObject: ["labels": a.labels, "annotations": a.annotations, "state": a.state,
                                                                "activeAt": a.activeAt.map { Timestamp.iso($0) } ?? "", "value": a.value],
                                               options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return RecordDetail(title: "Alert \(a.name)", source: "alerts/ (\(a.intervals.count) interval(s))", fields: fields, raw: raw)
    }

    /// A metric series: name, labels, what is plotted, range.
    public func seriesDetail(_ id: String) -> RecordDetail? {
        guard let m = seriesInfo(id) else { return nil }
        var fields: [(String, String)] = [("metric", m.name), ("entity", m.entity.description), ("file", m.file), ("samples", "\(m.samples)"),
                                          ("cumulative", m.cumulative ? "yes (shown as a rate)" : "no"), ("min", "\(m.min)"), ("max", "\(m.max)"),
                                          ("last", "\(m.last)"), ("anomaly", String(format: "%.1f", m.anomaly))]
        fields += m.labels.sorted { $0.key < $1.key }.map { ("label \($0.key)", $0.value) }
        return RecordDetail(title: "Series \(m.name)", source: "metrics/\(m.file)", fields: fields, raw: fields.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n"))
    }

    /// The record's cells by column name (the file's header), and the record as text, one column per line.
    static func columns(_ file: ByteFile, at offset: Int) -> ([(String, String)], String) {
        guard let header = TSVRecordReader.fields(file, at: 0), let cells = TSVRecordReader.fields(file, at: offset) else { return ([], "") }
        let names = header.map { String(decoding: $0, as: UTF8.self) }
        let pairs = cells.enumerated().map { (i, c) in (i < names.count ? names[i] : "column \(i + 1)", String(decoding: c, as: UTF8.self)) }
        return (pairs, pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n"))
    }

    /// A column, or its Python-literal dict one key per line (`LogAttributes.http.status_code`).
    static func expand(_ name: String, _ value: String) -> [(String, String)] {
        guard value.hasPrefix("{"), let v = try? PythonLiteral.parse(value), case .dict(let pairs) = v else { return value.isEmpty ? [] : [(name, value)] }
        return pairs.map { ("\(name).\($0.0)", $0.1.stringValue ?? $0.1.description) }
    }
}
