import Foundation
import Scoring
import Snapshot

/// The rows of each page, built from the query layer and cached until a filter, the noise toggle or the time window changes.
extension AppState {
    static func t(_ n: Nanos?) -> String { n.map { String(Timestamp.format($0, fraction: 0).suffix(8)) } ?? "-" }

    func cacheKey() -> String { "\(page)|\(rawDetail)|\(groupBy[page]?.rawValue ?? "")|\(filters[page] ?? "")|\(scopes[page]?.label ?? "")|\(hideNoise)|\(timeWindow?.start ?? 0)|\(traceRollup)|\(sorts[page] ?? 0)|\(columnOrder[page].map { "\($0.column)\($0.descending)" } ?? "")|\(tracesErrorsOnly)|\(basket.count)" }

    func table() -> (cols: [Column], rows: [Row]) {
        let k = cacheKey()
        if let c = rowCache[k] { return c }
        var built = buildRows()
        if let f = filters[page], !f.isEmpty, page != .view(.logs) {
            built.rows = built.rows.filter { r in r.cells.contains { $0.localizedCaseInsensitiveContains(f) } || (r.entity?.localizedCaseInsensitiveContains(f) ?? false) }
        }
        built = orderedByColumn(built)
        rowCache[k] = built
        return built
    }

    func rowCount() -> Int { page == .view(.logs) ? logMatchIndices().count : table().rows.count }

    func selectedRow() -> Row? {
        let c = cursors[page] ?? ListCursor()
        if page == .view(.logs) {
            let idx = logMatchIndices()
            guard c.selected < idx.count, let r = snapshot.logRows([idx[c.selected]]).first else { return nil }
            return logRow(r)
        }
        let rows = table().rows
        return c.selected < rows.count ? rows[c.selected] : nil
    }

    func logMatchIndices() -> [Int32] {
        let scope = scopes[.view(.logs)]
        let k = "\(filters[page] ?? "")|\(scope?.label ?? "")|\(timeWindow?.start ?? 0)"
        if let l = logIndices, l.key == k { return l.rows }
        let q = LogQuery(entity: scope?.entity, pattern: filters[.view(.logs)], minLevel: scope?.minLevel, window: timeWindow)
        var rows: [Int32] = []
        do { rows = try snapshot.logMatches(q) } catch { message = "\(error)" }   // a bad regex, or one over its step budget
        logIndices = (k, rows)
        return rows
    }

    func logRow(_ r: LogRow) -> Row {
        let ent = snapshot.graph.podNamespace[r.pod].map { EntityID(namespace: $0, kind: "Pod", name: r.pod).description }
            ?? snapshot.graph.primaryEntity(forService: r.service)?.description
        let role: Role = r.level == "ERROR" || r.level == "FATAL" ? .bad : r.level == "WARN" ? .warn : .normal
        return Row([Timestamp.format(r.time), r.level, r.service, r.body], role: role, entity: ent, key: "log:\(r.index)", time: r.time, detail: "log:\(r.index)")
    }

    func buildRows() -> (cols: [Column], rows: [Row]) {
        switch page {
        case .view(let v): return viewRows(v)
        case .entity(let e): return entityRows(e)
        case .trace(let id): return traceRows(id)
        case .series(let id): return seriesRows(id)
        case .object(let o): return objectRows(o)
        case .basket:
            return ([Column("CANDIDATE ROOT CAUSES (b removes, S submits)", .flex(min: 10))],
                    basket.map { Row([$0], entity: $0) })
        case .score: return scoreRows()
        case .picker: return pickerRows()
        case .replay: return replayRows()
        case .patterns: return patternRows()
        case .suspects: return suspectRows()
        case .detail(let ref): return detailRows(ref)
        case .compare(let arg): return compareRows(arg)
        case .tree(let e): return treeRows(e)
        case .path(let p): return pathRows(p)
        case .groundTruth:
            return ([Column("LABEL", .flex(min: 10))], (labelling?.lines(snapshot: snapshot) ?? [("not labelling", .dim)]).map { Row([$0.0], role: $0.1) })
        }
    }

    func viewRows(_ v: ViewID) -> (cols: [Column], rows: [Row]) {
        let s = snapshot
        switch v {
        case .overview: return overviewRows()
        case .alerts:
            if let by = groupBy[page] { return groupRows(by, events: false) }
            var alerts = s.alerts(AlertFilter(window: timeWindow, hideNoise: hideNoise))
            switch (sorts[page] ?? 0) % 3 { case 1: alerts.sort { $0.name < $1.name }; case 2: alerts.sort { ($0.entity?.description ?? "") < ($1.entity?.description ?? "") }; default: break }
            return ([Column("ACTIVE", .fixed(8)), Column("STATE", .fixed(9)), Column("SEVERITY", .fixed(8)), Column("ALERT", .flex(min: 12)),
                     Column("ENTITY", .flex(min: 12)), Column("NOTE", .fixed(12))],
                    alerts.map { a in
                        let noise = s.isNoise(a), pre = s.wasPreexisting(a)
                        let role: Role = noise ? .dim : a.state == "firing" ? (pre ? .warn : .bad) : .warn
                        return Row([Self.t(a.activeAt ?? a.firstSeen), (a.state == "firing" ? "● " : "◐ ") + a.state, a.severity, a.name,
                                    a.entity?.description ?? "-", noise ? "noise" : pre ? "pre-existing" : ""],
                                   role: role, entity: a.entity?.description, key: a.fingerprint, time: a.activeAt ?? a.firstSeen, detail: "alert:" + a.fingerprint)
                    })
        case .events:
            if let by = groupBy[page] { return groupRows(by, events: true) }
            let scope = scopes[page]
            var evs = s.events(EventFilter(entity: scope?.entity, reason: scope?.reason, type: scope?.type, window: timeWindow, hideNoise: hideNoise))
            switch (sorts[page] ?? 0) % 3 { case 1: evs.sort { $0.reason < $1.reason }; case 2: evs.sort { $0.entity < $1.entity }; default: evs.reverse() }
            return ([Column("LAST", .fixed(8)), Column("TYPE", .fixed(9)), Column("REASON", .fixed(18)), Column("OBJECT", .flex(min: 14)),
                     Column("×", .fixed(4), right: true), Column("MESSAGE", .flex(min: 10))],
                    evs.map { e in Row([Self.t(e.lastTime), (e.isWarning ? "⚠ " : "  ") + e.type, e.reason, e.entity.description, "\(e.count)",
                                        e.message.replacingOccurrences(of: "\n", with: " ")],
                                       role: e.isWarning ? (Noise.isBackground(e.entity) ? .dim : .warn) : .normal,
                                       entity: e.entity.description, time: e.lastTime, detail: "event:\(e.namespace)/\(e.name)") })
        case .traces:
            if traceRollup {
                return ([Column("SERVICE", .flex(min: 12)), Column("SPANS", .fixed(8), right: true), Column("ERRORS", .fixed(7), right: true),
                         Column("ERR%", .fixed(6), right: true), Column("P50", .fixed(8), right: true), Column("P95", .fixed(8), right: true), Column("P99", .fixed(8), right: true)],
                        s.serviceRollup(window: timeWindow).map { r in
                            Row([r.service, Format.count(r.spans), Format.count(r.errors), String(format: "%.1f", r.errorRate * 100),
                                 Timestamp.duration(r.p50), Timestamp.duration(r.p95), Timestamp.duration(r.p99)],
                                role: r.errors > 0 ? .bad : .normal, entity: r.entity?.description)
                        })
            }
            let sort = TraceFilter.Sort.allCases[(sorts[page] ?? 0) % 3]
            let (rows, _) = s.traces(TraceFilter(errorsOnly: tracesErrorsOnly, window: timeWindow, sort: sort), limit: 2000)
            return ([Column("START", .fixed(8)), Column("DURATION", .fixed(9), right: true), Column("SPANS", .fixed(5), right: true),
                     Column("ERR", .fixed(4), right: true), Column("ROOT", .flex(min: 14)), Column("SERVICES", .flex(min: 10))],
                    rows.map { t in Row([Self.t(t.start), Timestamp.duration(t.duration), "\(t.spans)", t.errors > 0 ? "✘\(t.errors)" : "",
                                         "\(t.rootService) \(t.rootName)", t.services.joined(separator: ",")],
                                        role: t.errors > 0 ? .bad : .normal, entity: s.graph.primaryEntity(forService: t.rootService)?.description,
                                        key: t.traceID, time: t.start) })
        case .metrics:
            var ms = s.metricAnomalies(limit: 400)
            if (sorts[page] ?? 0) % 2 == 1 { ms.sort { ($0.name, $0.entity) < ($1.name, $1.entity) } }
            return ([Column("ANOMALY", .fixed(7), right: true), Column("ENTITY", .flex(min: 14)), Column("METRIC", .flex(min: 14)),
                     Column("TREND", .fixed(16)), Column("LAST", .fixed(9), right: true)],
                    ms.map { m in
                        let pts = (try? s.seriesPoints(m.id))?.values ?? []
                        return Row([String(format: "%.1f", m.anomaly), m.entity.description,
                                    m.displayName,
                                    Braille.sparkline(pts, width: 16), String(format: "%.3g", m.last)],
                                   role: m.anomaly >= 10 ? .bad : m.anomaly >= 4 ? .warn : .normal, entity: m.entity.description, key: m.id, detail: "series:" + m.id)
                    })
        case .logs:
            return ([Column("TIME", .fixed(23)), Column("LEVEL", .fixed(5)), Column("SERVICE", .fixed(14)), Column("MESSAGE", .flex(min: 10))], [])
        case .topology:
            var rows = s.callGraph().map { e in
                Row(["\(e.from.name) → \(e.to.name)", "calls", Format.count(e.calls ?? 0), (e.errors ?? 0) > 0 ? "✘ \(Format.count(e.errors!))" : ""],
                    role: (e.errors ?? 0) > 0 ? .bad : .normal, entity: e.to.description)
            }
            let interesting: Set<EntityGraph.Relation> = [.uses, .targets, .scales, .appliesTo, .limits]
            rows += s.graph.edges.filter { interesting.contains($0.relation) && !Noise.isBackground($0.from) }
                .sorted { ($0.relation.rawValue, $0.from) < ($1.relation.rawValue, $1.from) }
                .map { e in Row(["\(e.from) → \(e.to)", e.relation.rawValue, "", ""], role: e.from.kind.hasSuffix("Chaos") || e.relation == .appliesTo ? .warn : .normal,
                                entity: e.from.description) }
            return ([Column("EDGE", .flex(min: 20)), Column("RELATION", .fixed(10)), Column("CALLS", .fixed(9), right: true), Column("ERRORS", .fixed(9))], rows)
        case .objects:
            let changed = Dictionary(uniqueKeysWithValues: s.changedObjects().map { ($0.entity, $0.firstChange) })
            let start = s.windows.recording?.start ?? 0
            let objs = s.objects().filter { !hideNoise || !Noise.isBackground($0.entity) }
            let rows = objs.map { o -> (Int, Row) in
                let appeared = o.firstSeen > start + 120_000_000_000
                let note = changed[o.entity].map { "changed \(Self.t($0))" } ?? (appeared ? "appeared \(Self.t(o.firstSeen))" : "")
                return (note.isEmpty ? 1 : 0, Row([o.entity.description, "\(o.observations)", "\(o.versions)", note],
                                                  role: note.isEmpty ? .normal : .warn, entity: o.entity.description, key: o.entity.description))
            }.sorted { $0.0 < $1.0 }.map(\.1)
            return ([Column("OBJECT", .flex(min: 20)), Column("OBS", .fixed(4), right: true), Column("VER", .fixed(4), right: true), Column("CHANGE", .fixed(18))], rows)
        case .entities:
            var ents = s.entities.filter { !hideNoise || !Noise.isBackground($0) }
            if (sorts[page] ?? 0) % 2 == 1 { ents.sort { ($0.kind, $0.name) < ($1.kind, $1.name) } }
            return ([Column("ENTITY", .flex(min: 20)), Column("SEEN IN", .flex(min: 10)), Column("BASKET", .fixed(6))],
                    ents.map { e in Row([e.description, (s.graph.sources[e] ?? []).names.joined(separator: ","), basket.contains(e.description) ? "★" : ""],
                                        role: basket.contains(e.description) ? .accent : .normal, entity: e.description) })
        }
    }

    func overviewRows() -> (cols: [Column], rows: [Row]) {
        let s = snapshot
        var rows: [Row] = []
        let w = s.windows
        if let rec = w.recording {
            rows.append(Row(["Recording \(Timestamp.format(rec.start, fraction: 0)) → \(Self.t(rec.end))  (\(Timestamp.duration(rec.duration)))"], role: .header))
            if let inc = w.incident { rows.append(Row(["Incident from \(Self.t(inc.start)): \(w.incidentStartReason ?? "")"], role: .bad, time: inc.start)) }
            // What fired when: one bar per minute for each signal.
            let minutes = max(1, Int(rec.duration / 60_000_000_000) + 1)
            let cols = min(minutes, max(10, contentWidth - 18))
            func bucket(_ t: Nanos) -> Int? { t < rec.start || t > rec.end ? nil : min(cols - 1, Int((t - rec.start) * Int64(cols) / max(1, rec.duration + 1))) }
            var alerts = [Double](repeating: 0, count: cols), warns = alerts, spans = alerts, logs = alerts
            for a in s.alerts(AlertFilter(hideNoise: true)) { if let b = bucket(a.activeAt ?? a.firstSeen) { alerts[b] += 1 } }
            for e in s.events(EventFilter(type: "Warning", hideNoise: hideNoise)) { if let b = bucket(e.lastTime) { warns[b] += 1 } }
            for t in s.errorSpanTimes() { if let b = bucket(t) { spans[b] += 1 } }
            if let idx = try? s.logMatches(LogQuery(minLevel: .error)) {
                for t in s.logTimes(idx) { if let b = bucket(t) { logs[b] += 1 } }
            }
            func bars(_ v: [Double]) -> String {
                let m = v.max() ?? 0
                return v.map { x in x == 0 ? "·" : String(Array("▁▂▃▄▅▆▇█")[min(7, Int(x / max(m, 1) * 7.99))]) }.joined()
            }
            rows.append(Row(["What fired when (one column ≈ \(Timestamp.duration(rec.duration / Int64(cols))))"], role: .header))
            rows.append(Row(["alerts      " + bars(alerts)], role: .bad))
            rows.append(Row(["warnings    " + bars(warns)], role: .warn))
            rows.append(Row(["error spans " + bars(spans)], role: .bad))
            rows.append(Row(["error logs  " + bars(logs)], role: .warn))
        }
        rows.append(Row([""]))
        rows.append(Row(["What changed in the manifests"], role: .header))
        let changed = s.changedObjects()
        let start = s.windows.recording?.start ?? 0
        let appeared = s.objects().filter { $0.firstSeen > start + 120_000_000_000 && !Noise.isBackground($0.entity) && $0.entity.kind != "Pod" && $0.entity.kind != "ReplicaSet" }
        for c in changed.prefix(8) { rows.append(Row(["  \(Self.t(c.firstChange)) changed  \(c.entity)"], role: .warn, entity: c.entity.description, key: c.entity.description)) }
        for o in appeared.prefix(8) { rows.append(Row(["  \(Self.t(o.firstSeen)) appeared \(o.entity)"], role: .warn, entity: o.entity.description, key: o.entity.description)) }
        if changed.isEmpty && appeared.isEmpty { rows.append(Row(["  (no spec or data changes recorded)"], role: .dim)) }
        rows.append(Row([""]))
        rows.append(Row(["Error hot spots (traces)"], role: .header))
        for r in s.serviceRollup().filter({ $0.errors > 0 }).prefix(6) {
            rows.append(Row(["  \(r.service): \(Format.count(r.errors)) error spans (\(String(format: "%.1f", r.errorRate * 100))%), p95 \(Timestamp.duration(r.p95))"],
                            role: .bad, entity: r.entity?.description))
        }
        rows.append(Row([""]))
        rows.append(Row(["Most anomalous metrics"], role: .header))
        for m in s.metricAnomalies(limit: 6) {
            rows.append(Row(["  \(String(format: "%6.1f", m.anomaly))  \(m.entity)  \(m.displayName)"], role: .warn, entity: m.entity.description, key: m.id, detail: "series:" + m.id))
        }
        rows.append(Row([""]))
        rows.append(Row(["Alerts now (noise hidden)"], role: .header))
        for a in s.alerts(AlertFilter(hideNoise: true)).prefix(8) {
            rows.append(Row(["  \(Self.t(a.activeAt ?? a.firstSeen)) \(a.name) on \(a.entity?.description ?? "-")\(s.wasPreexisting(a) ? "  (pre-existing)" : "")"],
                            role: s.wasPreexisting(a) ? .dim : .bad, entity: a.entity?.description, time: a.activeAt ?? a.firstSeen))
        }
        return ([Column("OVERVIEW — Enter opens, d reads, e pivots, b adds to the basket, z toggles noise", .flex(min: 10))], rows)
    }

    func entityRows(_ raw: String) -> (cols: [Column], rows: [Row]) {
        let s = snapshot
        guard let id = try? s.entity(raw) else { return ([Column("ENTITY", .flex(min: 10))], [Row(["unknown entity \(raw)"], role: .bad)]) }
        let sum = s.summary(id, eventLimit: 30)
        var rows: [Row] = []
        rows.append(Row(["\(id)\(basket.contains(id.description) ? "  ★ in basket" : "")  — seen in \(sum.seenIn.joined(separator: ", "))"], role: .header, entity: id.description))
        rows.append(Row(["spans \(Format.count(sum.spans)) (\(Format.count(sum.errorSpans)) errors) · logs \(Format.count(sum.logs)) (\(Format.count(sum.errorLogs)) errors) · warning events \(sum.warningEvents) · metric series \(sum.metricSeries)"]))
        if sum.observations > 0 {
            rows.append(Row(["manifest: \(sum.observations) observations, \(sum.versions) version(s)" + (sum.firstChange.map { " — changed at \(Self.t($0)) (Enter shows the diff)" } ?? "")],
                            role: sum.versions > 1 ? .warn : .normal, entity: id.description, key: "object:" + id.description))
        }
        for r in sum.related { rows.append(Row(["related  \(r)"], entity: r.description)) }
        for a in sum.alerts { rows.append(Row(["alert    \(Self.t(a.activeAt ?? a.firstSeen)) \(a.name) \(a.state)"], role: s.isNoise(a) ? .dim : .bad, entity: a.entity?.description, time: a.activeAt, detail: "alert:" + a.fingerprint)) }
        for e in sum.events.reversed() { rows.append(Row(["event    \(Self.t(e.lastTime)) \(e.type) \(e.reason) ×\(e.count): \(e.message.replacingOccurrences(of: "\n", with: " "))"], role: e.isWarning ? .warn : .normal, entity: e.entity.description, time: e.lastTime, detail: "event:\(e.namespace)/\(e.name)")) }
        for m in sum.topAnomalies { rows.append(Row(["metric   \(m.displayName) anomaly \(String(format: "%.1f", m.anomaly))"], role: .warn, entity: id.description, key: m.id, detail: "series:" + m.id)) }
        for e in sum.outgoing { rows.append(Row(["→ \(e.relation.rawValue) \(e.to)" + (e.calls.map { " (\($0) calls, \(e.errors ?? 0) errors)" } ?? "")], entity: e.to.description)) }
        for e in sum.incoming { rows.append(Row(["← \(e.from) \(e.relation.rawValue)" + (e.calls.map { " (\($0) calls, \(e.errors ?? 0) errors)" } ?? "")], entity: e.from.description)) }
        let errs = s.errorSpans(entity: id, limit: 10).rows
        for sp in errs.reversed() {
            rows.append(Row(["error    \(Self.t(sp.start)) \(sp.service) \(sp.name): \(sp.statusMessage.replacingOccurrences(of: "\n", with: " "))"], role: .bad, entity: id.description, key: nil, time: sp.start, detail: "span:\(sp.traceID):\(sp.spanID)"))
        }
        return ([Column("ENTITY — Enter opens the row's item, e pivots, b adds to the basket", .flex(min: 10))], rows)
    }

    func traceRows(_ id: String) -> (cols: [Column], rows: [Row]) {
        guard let spans = try? snapshot.trace(id), let t0 = spans.map(\.start).min() else { return ([Column("TRACE", .flex(min: 10))], [Row(["no trace \(id)"], role: .bad)]) }
        let total = max(1, (spans.map { $0.start + $0.duration }.max() ?? t0) - t0)
        let barW = max(10, min(40, contentWidth / 3))
        return ([Column("SPAN", .flex(min: 20)), Column("DURATION", .fixed(9), right: true), Column("WATERFALL", .fixed(barW))],
                spans.map { sp in
                    let a = Int(Double(sp.start - t0) / Double(total) * Double(barW))
                    let b = max(a + 1, Int(Double(sp.start + sp.duration - t0) / Double(total) * Double(barW)))
                    let bar = String(repeating: " ", count: min(a, barW)) + String(repeating: sp.isError ? "▓" : "█", count: max(1, min(b, barW) - min(a, barW)))
                    let label = String(repeating: "  ", count: min(sp.depth, 12)) + (sp.isError ? "✘ " : "") + "\(sp.service) \(sp.name)"
                        + (sp.isError && !sp.statusMessage.isEmpty ? " — " + sp.statusMessage.replacingOccurrences(of: "\n", with: " ") : "")
                    return Row([label, Timestamp.duration(sp.duration), bar], role: sp.isError ? .bad : .normal,
                               entity: snapshot.graph.primaryEntity(forService: sp.service)?.description, time: sp.start, detail: "span:\(sp.traceID):\(sp.spanID)")
                })
    }

    func objectRows(_ raw: String) -> (cols: [Column], rows: [Row]) {
        guard let id = try? snapshot.entity(raw), let m = snapshot.manifest(of: id) else { return ([Column("OBJECT", .flex(min: 10))], [Row(["no manifest for \(raw)"], role: .bad)]) }
        var rows: [Row] = []
        for c in snapshot.changes(of: id) {
            rows.append(Row(["changed between \(Self.t(c.from)) and \(Self.t(c.to)):"], role: .header, entity: id.description))
            for l in c.diff { rows.append(Row([l], role: l.hasPrefix("+") ? .good : l.hasPrefix("-") ? .bad : l.hasPrefix("@@") ? .dim : .normal, entity: id.description)) }
        }
        rows.append(Row(["manifest at \(Self.t(m.time)) (observation \(m.index + 1)):"], role: .header, entity: id.description))
        for l in (m.yaml ?? "").split(separator: "\n", omittingEmptySubsequences: false) { rows.append(Row([String(l)], entity: id.description)) }
        return ([Column("OBJECT \(id)", .flex(min: 10))], rows)
    }

    func scoreRows() -> (cols: [Column], rows: [Row]) {
        guard let r = lastScore else {
            return ([Column("SCORE", .flex(min: 10))], [Row(["No ground truth ships with this snapshot, so there is no score."], role: .warn),
                                                        Row(["Submitted: " + basket.joined(separator: ", ")])])
        }
        var rows = [Row([String(format: "score %.2f   (recall-gated precision: 0 if any root cause is missed, else TP/(TP+FP))", r.score)], role: r.score == 1 ? .good : r.score > 0 ? .warn : .bad),
                    Row([String(format: "precision %.2f   recall %.2f   F1 %.2f   root causes found %d/%d", r.precision, r.recall, r.f1, r.matchedClasses, r.rootCauseClasses)]),
                    Row([""])]
        if let p = practice, !p.revealed {
            rows.append(Row(["Practice: attempt \(p.used) of \(p.allowed). Which entities were right stays hidden until the last attempt."], role: .info))
            return ([Column("SCORE — Esc returns, b edits the basket, S resubmits", .flex(min: 10))], rows)
        }
        for v in r.verdicts {
            let glyph = v.verdict == .truePositive ? "✔ TP" : v.verdict == .falsePositive ? "✘ FP" : "= " + v.verdict.rawValue
            rows.append(Row(["\(glyph)  \(v.entity)"], role: v.verdict == .truePositive ? .good : .bad, entity: v.normalized))
            rows += TextWidth.wrap(v.explanation, width: contentWidth - 1, prefix: "      ").map { Row([$0], role: .dim, entity: v.normalized) }
        }
        for m in r.missed { rows.append(Row(["✘ missed root cause \(m.rootCause): \(m.acceptedAs.joined(separator: "; "))"], role: .bad)) }
        if let p = practice, p.revealed, let t = lastTruth {
            for (line, role) in PracticeSession.reveal(t) {
                let indent = String(line.prefix { $0 == " " })
                // Continuation lines hang four cells deeper than the line they continue.
                let hang = indent + "    "
                rows += TextWidth.wrap(String(line.dropFirst(indent.count)), width: contentWidth - 1, prefix: hang).enumerated()
                    .map { Row([$0.offset == 0 ? indent + $0.element.dropFirst(hang.count) : $0.element], role: role) }
            }
            rows.append(Row([""]))
            rows.append(Row(["Finished in \(p.clock.dropFirst(2).prefix(5)) with \(p.used) submission(s); triage history compares your sessions."], role: .info))
        }
        return ([Column("SCORE — Esc returns, b edits the basket, S resubmits", .flex(min: 10))], rows)
    }

    /// Enter on a row: the detail page it points at.
    func openSelected() {
        guard let r = selectedRow() else { return }
        switch page {
        case .picker: if let p = r.key { switchSnapshot(p) }
        case .view(.alerts) where groupBy[page] != nil, .view(.events) where groupBy[page] != nil: openGroup(r)
        case .patterns: openPattern(r)
        case .replay: followStep()
        case .view(.traces) where !traceRollup: if let k = r.key { go(.trace(k)) }
        case .view(.metrics): if let k = r.key { go(.series(k)) }
        case .view(.objects): if let k = r.key { go(.object(k)) }
        case .view(.overview), .entity:
            if let k = r.key, k.hasPrefix("object:") { go(.object(String(k.dropFirst(7)))) }
            else if let k = r.key, k.hasPrefix("m"), Int(k.dropFirst().split(separator: ".").first ?? "") != nil { go(.series(k)) }
            else if let k = r.key, snapshot.objects().contains(where: { $0.entity.description == k }) { go(.object(k)) }
            else if let e = r.entity, page != .entity(e) { go(.entity(e)) }
            else if let d = r.detail { go(.detail(d)) }
        default: if let e = r.entity { go(.entity(e)) }
        }
    }
}
