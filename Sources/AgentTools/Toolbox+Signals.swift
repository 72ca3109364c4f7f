import Foundation
import Snapshot

/// Alerts, events, traces, logs and metrics tools.
extension Toolbox {
    static func info(_ s: Snapshot) -> (String, [String: Any]) {
        let i = s.info()
        var lines = ["snapshot \(i.name): \(Format.bytes(i.bytes))",
                     "window   \(i.window.start ?? "?") → \(i.window.end ?? "?")"]
        if let st = i.window.incident_start { lines.append("incident from \(st): \(i.window.incident_start_reason ?? "")") }
        let c = i.counts
        lines.append("alerts \(c.alerts) (\(c.alert_files) files), events \(c.events), objects \(c.objects) (\(c.object_rows) observations), spans \(Format.count(c.spans)) in \(Format.count(c.traces)) traces, logs \(Format.count(c.log_records)), metric series \(c.metric_series)")
        lines.append("namespaces " + i.namespaces.joined(separator: ", "))
        lines.append("entities " + i.entities.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let problems = i.diagnostics.filter { $0.severity != .info }
        if !problems.isEmpty { lines.append("diagnostics: " + problems.prefix(10).map(\.description).joined(separator: "; ")) }
        var info = Render.plain(i) as? [String: Any] ?? [:]
        info.removeValue(forKey: "path")
        // Times as numbers, so the contract writes them as RFC 3339 with nanoseconds beside.
        var window: [String: Any] = [:]
        if let r = s.windows.recording { window["start"] = r.start; window["end"] = r.end }
        if let inc = s.windows.incident { window["incident_start"] = inc.start }
        if let why = s.windows.incidentStartReason { window["incident_start_reason"] = why }
        info["window"] = window
        return (lines.joined(separator: "\n"), info)
    }

    static func alerts(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        let f = AlertFilter(entity: try entityArg(a, s), name: a.string("name"), state: a.string("state"), severity: a.string("severity"),
                            window: try window(a, s), hideNoise: a.bool("hide_noise"))
        if let by = a.string("group_by") {
            return try grouped(Result { try s.groupAlerts(f, by: GroupField(rawValue: by) ?? .name) }, field: by, events: false, a)
        }
        let all = s.alerts(f)
        let (limit, offset) = page(a)
        let rows = Array(all.dropFirst(offset).prefix(limit))
        var table = [["ACTIVE SINCE", "STATE", "SEVERITY", "ALERT", "ENTITY", "PRESENT", "NOTE"]]
        for r in rows {
            let present = r.intervals.map { "\(Timestamp.format($0.start, fraction: 0).suffix(8))-\(Timestamp.format($0.end, fraction: 0).suffix(8))" }.joined(separator: ",")
            let note = s.isNoise(r) ? "noise" : s.wasPreexisting(r) ? "pre-existing" : ""
            table.append([Render.time(r.activeAt ?? r.firstSeen), r.state, r.severity, r.name, r.entity?.description ?? "-", present, note])
        }
        var out = Format.table(table)
        if let d = rows.first(where: { $0.annotations["description"] != nil }), rows.count == 1 { out += "\n" + (d.annotations["description"] ?? "") }
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: all.count) { out += "\n" + n }
        return (out, rowsJSON(rows, total: all.count, limit: limit, offset: offset))
    }

    static func events(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        let f = EventFilter(entity: try entityArg(a, s), reason: a.string("reason"), type: a.string("type"), window: try window(a, s),
                            hideNoise: a.bool("hide_noise"), recordingOnly: a.bool("recording_only"))
        if let by = a.string("group_by") {
            return try grouped(Result { try s.groupEvents(f, by: GroupField(rawValue: by) ?? .reason) }, field: by, events: true, a)
        }
        let all = s.events(f)
        let (limit, offset) = page(a)
        let rows = Array(all.dropFirst(offset).prefix(limit))
        var table = [["LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE"]]
        for e in rows {
            table.append([Render.time(e.lastTime), e.type, e.reason, e.entity.description, "\(e.count)", String(e.message.replacingOccurrences(of: "\n", with: " ").prefix(160))])
        }
        var out = Format.table(table)
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: all.count) { out += "\n" + n }
        return (out, rowsJSON(rows, total: all.count, limit: limit, offset: offset))
    }

    static func traces(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        let (limit, offset) = page(a)
        if a.bool("rollup") {
            let all = s.serviceRollup(window: try window(a, s))
            let rows = Array(all.dropFirst(offset).prefix(limit))
            var table = [["SERVICE", "SPANS", "ERRORS", "ERROR%", "P50", "P95", "P99", "ENTITY"]]
            for r in rows {
                table.append([r.service, Format.count(r.spans), Format.count(r.errors), String(format: "%.1f", r.errorRate * 100),
                              Timestamp.duration(r.p50), Timestamp.duration(r.p95), Timestamp.duration(r.p99), r.entity?.description ?? "-"])
            }
            var out = Format.table(table, rightAligned: [1, 2, 3, 4, 5, 6])
            if let n = Render.pageNote(shown: rows.count, offset: offset, total: all.count) { out += "\n" + n }
            return (out, rowsJSON(rows, total: all.count, limit: limit, offset: offset))
        }
        let sort = TraceFilter.Sort(rawValue: a.string("sort") ?? "time") ?? .time
        let f = TraceFilter(entity: try entityArg(a, s), service: a.string("service"), errorsOnly: a.bool("errors_only"),
                            minDuration: a.double("min_duration_ms").map { Int64($0 * 1e6) }, window: try window(a, s), sort: sort)
        let (rows, total) = s.traces(f, offset: offset, limit: limit)
        var table = [["START", "TRACE ID", "DURATION", "SPANS", "ERRORS", "ROOT", "SERVICES"]]
        for t in rows {
            table.append([Render.time(t.start), t.traceID, Timestamp.duration(t.duration), "\(t.spans)", "\(t.errors)",
                          "\(t.rootService): \(t.rootName)", t.services.joined(separator: ",")])
        }
        var out = Format.table(table)
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: total) { out += "\n" + n }
        return (out, rowsJSON(rows, total: total, limit: limit, offset: offset))
    }

    static func trace(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        if let id = a.string("id") {
            let spans: [SpanNode]
            do { spans = try s.trace(id) } catch { throw ToolError("not_found", "\(error)") }
            var out = ["trace \(id): \(spans.count) spans, \(spans.filter(\.isError).count) errors"]
            let t0 = spans.map(\.start).min() ?? 0
            for sp in spans.prefix(400) {
                let indent = String(repeating: "  ", count: min(sp.depth, 20))
                let mark = sp.isError ? "✘" : " "
                var line = "\(mark) \(indent)\(sp.service) \(sp.name) [\(sp.kind)] +\(Timestamp.duration(sp.start - t0)) \(Timestamp.duration(sp.duration))"
                if sp.isError && !sp.statusMessage.isEmpty { line += " — " + sp.statusMessage.replacingOccurrences(of: "\n", with: " ").prefix(200) }
                out.append(line)
            }
            if spans.count > 400 { out.append("… \(spans.count - 400) more spans (the JSON form has every span)") }
            return (out.joined(separator: "\n"), ["trace_id": id, "rows": spans.map { Render.plain($0) }, "total": spans.count])
        }
        guard let e = try entityArg(a, s) else { throw ToolError("bad_argument", "trace: give id (a trace id) or entity") }
        let (limit, _) = page(a, default: 20)
        let (rows, total) = s.errorSpans(entity: e, limit: limit)
        var table = [["TIME", "SERVICE", "SPAN", "DURATION", "MESSAGE"]]
        for r in rows { table.append([Render.time(r.start), r.service, r.name, Timestamp.duration(r.duration), String(r.statusMessage.replacingOccurrences(of: "\n", with: " ").prefix(160))]) }
        var out = "latest error spans of \(e) (\(Format.count(total)) in all)\n" + Format.table(table)
        if total > rows.count { out += "\n… \(Format.count(total - rows.count)) earlier error span(s); raise ‹limit›" }
        return (out, ["entity": e.description, "rows": rows.map { Render.plain($0) }, "total": total])
    }

    static func logs(_ a: ToolArgs, _ s: Snapshot, _ ctx: ToolContext) throws -> (String, [String: Any]) {
        let (limit, offset) = page(a)
        let q = LogQuery(entity: try entityArg(a, s), service: a.string("service"), pattern: a.string("pattern"), ignoreCase: a.bool("ignore_case"),
                         minLevel: a.string("level").flatMap(LogIndex.Level.parse), window: try window(a, s))
        if a.bool("patterns") { return try logPatterns(q, a, s, ctx) }
        let (rows, total): ([LogRow], Int)
        do { (rows, total) = try s.logs(q, offset: offset, limit: limit, deadline: ctx.deadline) } catch let e as SnapshotError {
            throw Toolbox.queryError(e)
        }
        var out = rows.map { r in
            "\(Timestamp.format(r.time)) \(r.level.padding(toLength: 5, withPad: " ", startingAt: 0)) \(r.service) \(r.pod.isEmpty ? "" : "[\(r.pod)] ")\(r.body.replacingOccurrences(of: "\n", with: "⏎").prefix(600))"
        }.joined(separator: "\n")
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: total) { out += (out.isEmpty ? "" : "\n") + n }
        return (out, rowsJSON(rows, total: total, limit: limit, offset: offset))
    }

    static func metrics(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        let (limit, offset) = page(a)
        if let id = a.string("series") {
            let p: SeriesPoints
            do { p = try s.seriesPoints(id, raw: a.bool("raw")) } catch { throw ToolError("not_found", "\(error)") }
            let pts = Array(zip(p.times, p.values))
            var out = "\(p.name) \(p.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")) (\(p.derived), \(pts.count) points)\n"
            let shown = pts.dropFirst(offset).prefix(limit)
            out += shown.map { "\(Timestamp.format($0.0, fraction: 0))  \(String(format: "%.6g", $0.1))" }.joined(separator: "\n")
            if let n = Render.pageNote(shown: shown.count, offset: offset, total: pts.count) { out += "\n" + n }
            return (out, ["series": id, "name": p.name, "labels": p.labels, "derived": p.derived,
                          "rows": shown.map { ["time": $0.0, "value": $0.1.isFinite ? $0.1 : 0] as [String: Any] }, "total": pts.count,
                          "limit": limit, "offset": offset])
        }
        if let q = a.double("quantile") {
            guard q > 0, q < 1 else { throw ToolError("bad_argument", "quantile must be between 0 and 1") }
            guard let e = try entityArg(a, s), let m = a.string("metric") else { throw ToolError("bad_argument", "quantile needs entity and metric") }
            let series = s.histogramQuantile(q, metric: m, entity: e)
            var out: [String] = []
            for p in series.prefix(limit) {
                let vals = p.values
                out.append("\(p.name) \(p.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")): last \(String(format: "%.4g", vals.last ?? 0)), max \(String(format: "%.4g", vals.max() ?? 0)) over \(vals.count) points")
            }
            if series.isEmpty { out.append("no \(m)_bucket series for \(e)") }
            return (out.joined(separator: "\n"), ["rows": series.prefix(limit).map { Render.plain($0) }, "total": series.count])
        }
        let all = a.bool("top") ? s.metricAnomalies(entity: try entityArg(a, s), limit: maxLimit)
            .filter { m in a.string("name").map { m.name.localizedCaseInsensitiveContains($0) } ?? true }
            : s.metricSeries(entity: try entityArg(a, s), name: a.string("name"))
        let rows = Array(all.dropFirst(offset).prefix(limit))
        var table = [["SERIES", "ENTITY", "METRIC", "LABELS", "N", "MIN", "MAX", "LAST", "ANOMALY"]]
        for m in rows {
            table.append([m.id, m.entity.description, m.name + (m.cumulative ? " (rate)" : ""), m.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","),
                          "\(m.samples)", String(format: "%.4g", m.min), String(format: "%.4g", m.max), String(format: "%.4g", m.last), String(format: "%.1f", m.anomaly)])
        }
        var out = Format.table(table)
        if let n = Render.pageNote(shown: rows.count, offset: offset, total: all.count) { out += "\n" + n }
        return (out, rowsJSON(rows, total: all.count, limit: limit, offset: offset))
    }
}
