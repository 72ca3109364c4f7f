import Foundation
import Snapshot

/// Topology, objects, entity summaries and search.
extension Toolbox {
    static func edgeText(_ e: EntityGraph.Edge, outgoing: Bool) -> String {
        let calls = e.calls.map { " (\(Format.count($0)) calls\(e.errors.map { $0 > 0 ? ", \(Format.count($0)) errors" : "" } ?? ""))" } ?? ""
        return outgoing ? "→ \(e.relation.rawValue) \(e.to)\(calls)" : "← \(e.from) \(e.relation.rawValue)\(calls)"
    }

    static func topology(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        guard let e = try entityArg(a, s) else {
            let calls = s.callGraph()
            let (limit, _) = page(a, default: 100)
            let out = "service call graph (\(calls.count) edges)\n" + calls.prefix(limit).map { "\($0.from) → \($0.to) \(Format.count($0.calls ?? 0)) calls, \(Format.count($0.errors ?? 0)) errors" }.joined(separator: "\n")
            return (out, ["rows": calls.prefix(limit).map { Render.plain($0) }, "total": calls.count])
        }
        if let toRaw = a.string("to") {
            guard let to = try entityArg(a, s, key: "to") else { throw ToolError("bad_argument", "to: '\(toRaw)' unknown") }
            guard let path = s.path(from: e, to: to) else { return ("no path between \(e) and \(to)", ["rows": [Any](), "total": 0]) }
            let out = path.map { n in (n.via.map { "  —\($0.rawValue)— " } ?? "") + n.entity.description }.joined(separator: "\n")
            return ("path \(e) → \(to) (\(path.count - 1) hops)\n" + out, ["rows": path.map { Render.plain($0) }, "total": path.count])
        }
        let direction = a.string("direction") ?? "neighbours"
        if direction == "neighbours" {
            let nb = s.neighbours(e)
            var out = ["\(e)"]
            out += nb.outgoing.map { "  " + edgeText($0, outgoing: true) }
            out += nb.incoming.map { "  " + edgeText($0, outgoing: false) }
            if nb.outgoing.isEmpty && nb.incoming.isEmpty { out.append("  (no recorded relations)") }
            return (out.joined(separator: "\n"), ["entity": e.description, "outgoing": nb.outgoing.map { Render.plain($0) }, "incoming": nb.incoming.map { Render.plain($0) }])
        }
        let depth = min(10, max(1, a.int("depth") ?? 4))
        let nodes = direction == "upstream" ? s.upstream(e, maxDepth: depth) : s.downstream(e, maxDepth: depth)
        let (limit, _) = page(a, default: 200)
        var out = ["\(e) — \(direction) (\(nodes.count) entities)"]
        for n in nodes.prefix(limit) {
            let calls = n.calls.map { " \(Format.count($0)) calls\(n.errors.map { $0 > 0 ? ", \($0) errors" : "" } ?? "")" } ?? ""
            out.append(String(repeating: "  ", count: n.depth) + "\(n.via?.rawValue ?? "") \(n.entity)\(calls)")
        }
        return (out.joined(separator: "\n"), ["entity": e.description, "direction": direction, "rows": nodes.prefix(limit).map { Render.plain($0) }, "total": nodes.count])
    }

    static func object(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        let (limit, offset) = page(a)
        if a.bool("changed") {
            let all = s.changedObjects().map { (e: $0.entity, t: $0.firstChange, v: $0.versions, how: "changed") }
            let appeared = s.objects().filter { o in (s.windows.recording.map { o.firstSeen > $0.start + 120_000_000_000 } ?? false) }
                .map { (e: $0.entity, t: $0.firstSeen, v: $0.versions, how: "appeared") }
            let rows = (all + appeared).sorted { $0.t < $1.t }
            var table = [["FIRST CHANGE", "HOW", "OBJECT", "VERSIONS"]]
            for r in rows.dropFirst(offset).prefix(limit) { table.append([Render.time(r.t), r.how, r.e.description, "\(r.v)"]) }
            var out = Format.table(table)
            if let n = Render.pageNote(shown: min(limit, max(0, rows.count - offset)), offset: offset, total: rows.count) { out += "\n" + n }
            return (out, ["rows": rows.dropFirst(offset).prefix(limit).map { ["entity": $0.e.description, "time": $0.t, "how": $0.how, "versions": $0.v] }, "total": rows.count])
        }
        if let kind = a.string("kind") {
            let all = s.objects(kind: kind, namespace: a.string("namespace"))
            let rows = Array(all.dropFirst(offset).prefix(limit))
            var table = [["OBJECT", "OBSERVATIONS", "VERSIONS", "FIRST SEEN", "LAST SEEN"]]
            for o in rows { table.append([o.entity.description, "\(o.observations)", "\(o.versions)", Render.time(o.firstSeen), Render.time(o.lastSeen)]) }
            var out = Format.table(table)
            if let n = Render.pageNote(shown: rows.count, offset: offset, total: all.count) { out += "\n" + n }
            return (out, rowsJSON(rows, total: all.count, limit: limit, offset: offset))
        }
        guard let e = try entityArg(a, s) else { throw ToolError("bad_argument", "object: give entity, kind or changed") }
        if a.bool("changes") {
            let changes = s.changes(of: e)
            if changes.isEmpty { return ("\(e): spec and data unchanged across \(s.observations(of: e).count) observation(s)", ["rows": [Any](), "total": 0]) }
            let out = changes.map { c in "\(e) changed between \(Render.time(c.from)) and \(Render.time(c.to)):\n" + c.diff.joined(separator: "\n") }.joined(separator: "\n\n")
            return (out, ["rows": changes.map { Render.plain($0) }, "total": changes.count])
        }
        let at = try a.string("at").map { v -> Nanos in
            guard let t = Timestamp.parseUser(v, reference: s.windows.recording?.end ?? 0) else { throw ToolError("bad_argument", "at: '\(v.prefix(40))' is not a time") }
            return t
        }
        guard let (m, object) = s.observed(of: e, at: at) else {
            throw ToolError("not_found", "\(e) has no recorded manifest (it appears in: \((s.graph.sources[e] ?? []).names.joined(separator: ", ")))")
        }
        let obs = s.observations(of: e)
        let header = "# \(e) observed \(Render.time(m.time)) (observation \(m.index + 1) of \(obs.count), \(obs.filter(\.changed).count) change(s); use ‹changes› for diffs)\n"
        return (header + (m.yaml ?? ""), ["entity": e.description, "time": m.time, "observation": m.index + 1, "observations": obs.count,
                                      "manifest": object ?? [:]])
    }

    static func entity(_ a: ToolArgs, _ s: Snapshot) throws -> (String, [String: Any]) {
        guard let e = try entityArg(a, s) else { throw ToolError("bad_argument", "entity: missing") }
        let sum = s.summary(e, eventLimit: 10)
        var out = ["\(e)  (seen in \(sum.seenIn.isEmpty ? "relations only" : sum.seenIn.joined(separator: ", ")))"]
        if !sum.related.isEmpty { out.append("related: " + sum.related.prefix(12).map(\.description).joined(separator: ", ")) }
        out.append("alerts \(sum.alerts.count), warning events \(sum.warningEvents), spans \(Format.count(sum.spans)) (\(Format.count(sum.errorSpans)) errors), logs \(Format.count(sum.logs)) (\(Format.count(sum.errorLogs)) errors), metric series \(sum.metricSeries)")
        if sum.observations > 0 { out.append("manifest: \(sum.observations) observations, \(sum.versions) version(s)" + (sum.firstChange.map { ", first change \(Render.time($0))" } ?? "")) }
        for al in sum.alerts.prefix(8) { out.append("  alert \(al.name) \(al.state) since \(Render.time(al.activeAt ?? al.firstSeen))\(s.isNoise(al) ? " (noise)" : s.wasPreexisting(al) ? " (pre-existing)" : "")") }
        for ev in sum.events.filter(\.isWarning).suffix(5) { out.append("  event \(ev.type) \(ev.reason) ×\(ev.count) \(Render.time(ev.lastTime)): \(ev.message.prefix(120))") }
        for m in sum.topAnomalies.prefix(5) { out.append("  metric \(m.id) \(m.name) anomaly \(String(format: "%.1f", m.anomaly)) (last \(String(format: "%.4g", m.last)))") }
        for ed in sum.outgoing.prefix(10) { out.append("  " + edgeText(ed, outgoing: true)) }
        for ed in sum.incoming.prefix(10) { out.append("  " + edgeText(ed, outgoing: false)) }
        return (out.joined(separator: "\n"), ["summary": Render.plain(sum)])
    }

    static func search(_ a: ToolArgs, _ s: Snapshot, _ ctx: ToolContext) throws -> (String, [String: Any]) {
        guard let q = a.string("query") else { throw ToolError("bad_argument", "search: missing query") }
        let (limit, _) = page(a, default: 10)
        let r: (hits: [SearchHit], totals: [String: Int])
        do { r = try s.search(q, ignoreCase: !a.bool("case_sensitive"), limitPerSignal: limit, deadline: ctx.deadline) } catch let e as SnapshotError {
            throw Toolbox.queryError(e)
        }
        var out = ["search /\(q)/: " + r.totals.sorted { $0.key < $1.key }.map { "\($0.key) \(Format.count($0.value))" }.joined(separator: ", ")]
        for sig in ["entity", "alert", "event", "object", "log", "span"] {
            let hits = r.hits.filter { $0.signal.rawValue == sig }
            guard !hits.isEmpty else { continue }
            out.append(["entity": "entities", "alert": "alerts", "event": "events", "object": "objects", "log": "logs", "span": "spans"][sig]! + ":")
            for h in hits { out.append("  \(Render.time(h.time)) \(h.entity?.description ?? "-")  \(h.text.prefix(200))" + (h.ref.map { "  [\($0)]" } ?? "")) }
            if let t = r.totals[sig], t > hits.count { out.append("  … \(Format.count(t - hits.count)) more \(sig) hit(s)") }
        }
        if r.hits.isEmpty { out.append("(no hits)") }
        return (out.joined(separator: "\n"), ["rows": r.hits.map { Render.plain($0) }, "totals": r.totals])
    }
}
