import Foundation
import Snapshot

/// The Logs view: records read lazily from the memory-mapped log file (only the visible ones are decoded), filtered
/// by a regex, with an lnav-style histogram of records and errors over the recording and `:goto TIME`.
final class LogsPage: PageController {
    /// The matching record indices for a filter, scope and window.
    private var matchCache: (key: String, rows: [Int32], error: String?)?
    /// The matches in the order `o` / `O` chose (time, level or service), for that order.
    private var orderCache: (key: String, rows: [Int32])?
    private var timelineCache: (key: String, value: LogTimeline?)?

    static let columns = [Column("TIME", .fixed(23)), Column("LEVEL", .fixed(5)), Column("SERVICE", .fixed(14)), Column("MESSAGE", .flex(min: 10))]
    static let bars: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    var title: String { ViewID.logs.title }
    var contexts: [KeyContext] { [.logs] }
    var help: String { "Logs: / filters by regex (Enter applies on big files), o orders by time, level or service, :goto 09:07 or +5m jumps in time, :patterns groups the records into templates." }
    var unorderedColumns: Set<Int> { [3] }
    var filtersRows: Bool { false }

    func table(_ app: AppState) -> PageTable { (Self.columns, []) }

    func liveFilter(_ app: AppState) -> Bool { app.snapshot.logCount <= 50_000 }

    /// The column order chosen with `o` / `O`, when it is not plain time order.
    func order(_ app: AppState) -> (by: LogOrder, descending: Bool)? {
        guard let o = app.views[.view(.logs)]?.order, let by = LogOrder(rawValue: o.column) else { return nil }
        return by == .time && !o.descending ? nil : (by, o.descending)
    }

    /// The records the view lists, in the order chosen (time order unless `o` chose another).
    func matches(_ app: AppState) -> [Int32] {
        let rows = timeOrdered(app)
        guard let o = order(app) else { return rows }
        let key = "\(matchCache?.key ?? "")|\(o.by)|\(o.descending)"
        if let c = orderCache, c.key == key { return c.rows }
        let ordered = app.snapshot.orderLogs(rows, by: o.by, descending: o.descending)
        orderCache = (key, ordered)
        return ordered
    }

    /// The records matching the filter, scope and window, in time order; computed once for each.
    func timeOrdered(_ app: AppState) -> [Int32] {
        let scope = app.views[.view(.logs)]?.scope
        let k = "\(app.views[.view(.logs)]?.filter ?? "")|\(scope?.label ?? "")|\(app.timeWindow?.start ?? 0)|\(app.timeWindow?.end ?? 0)"
        if let l = matchCache, l.key == k {
            // A bad regex keeps saying so while it is the filter.
            if let e = l.error, app.message == nil { app.message = e }
            return l.rows
        }
        let f = app.views[.view(.logs)]?.filter
        let q = LogQuery(entity: scope?.entity, pattern: f, ignoreCase: Self.ignoreCase(f, scope), minLevel: scope?.minLevel, window: app.timeWindow,
                         anyField: !(scope?.agentPattern ?? false))
        var rows: [Int32] = [], failure: String?
        do { rows = try app.snapshot.logMatches(q) } catch { failure = "\(error)"; app.message = failure }   // a bad regex, or one over its step budget
        matchCache = (k, rows, failure)
        return rows
    }

    func count(_ app: AppState) -> Int { matches(app).count }

    func row(at i: Int, _ app: AppState) -> Row? {
        let idx = matches(app)
        guard i >= 0, i < idx.count, let r = app.snapshot.logRows([idx[i]]).first else { return nil }
        return Self.row(r, app.snapshot)
    }

    func text(at i: Int, _ app: AppState) -> String {
        let idx = matches(app)
        guard i >= 0, i < idx.count, let r = app.snapshot.logRows([idx[i]]).first else { return "" }
        return "\(Timestamp.format(r.time)) \(r.level) \(r.service) \(r.pod) \(r.body)"
    }

    func export(_ app: AppState) -> (cols: [Column], rows: [[String]]) {
        (app.table().cols, app.snapshot.logRows(matches(app)).map { Self.row($0, app.snapshot).cells })
    }

    static func row(_ r: LogRow, _ s: Snapshot) -> Row {
        let ent = s.graph.podNamespace[r.pod].map { EntityID(namespace: $0, kind: "Pod", name: r.pod).description }
            ?? s.graph.primaryEntity(forService: r.service)?.description
        let role: Role = r.level == "ERROR" || r.level == "FATAL" ? .bad : r.level == "WARN" ? .warn : .normal
        return Row([Timestamp.format(r.time), r.level, r.service, r.body], role: role, entity: ent, key: "log:\(r.index)", time: r.time, detail: "log:\(r.index)")
    }

    /// The filter's case rule: the replayed agent's, else smart case (insensitive unless the text has an uppercase letter).
    static func ignoreCase(_ filter: String?, _ scope: ViewScope?) -> Bool { RowPattern.ignoresCase(filter ?? "", rule: scope?.ignoreCase) }

    /// Rows the histogram takes above the table: none on small screens.
    func reservedRows(_ app: AppState) -> Int { app.height >= 16 && app.contentWidth >= 40 ? 3 : 0 }

    func draw(_ s: inout Screen, _ app: AppState) {
        let c = app.cursor
        let idx = matches(app)
        let visible = max(0, min(app.pageSize, idx.count - c.top))
        let filter = app.views[.view(.logs)]?.filter
        // The filter as the app compiled it (once, with this view's case rule); nil when it is not a valid regex.
        let pattern = filter.flatMap { app.rowPattern($0).regex }
        var rows = visible > 0 ? app.snapshot.logRows(idx[c.top..<(c.top + visible)]).map { Self.row($0, app.snapshot) } : []
        // Long lines: show the message around the first match so the hit is visible (unless scrolled or wrapped).
        let room = max(20, app.contentWidth - 55)
        if let p = pattern, app.shift == 0, !app.wrapLines {
            for i in rows.indices {
                let body = rows[i].cells[3]
                if let r = p.ranges(in: body).first, body.distance(from: body.startIndex, to: r.upperBound) > room {
                    let from = body.index(r.lowerBound, offsetBy: -min(20, body.distance(from: body.startIndex, to: r.lowerBound)))
                    rows[i].cells[3] = "…" + body[from...]
                }
            }
        }
        var shifted = c
        shifted.selected -= c.top; shifted.top = 0
        let hist = reservedRows(app)
        if hist > 0 { drawHistogram(&s, app, y: 1, selected: idx.isEmpty ? nil : app.snapshot.logTime(idx[min(c.selected, idx.count - 1)])) }
        let highlight: ((String) -> [Range<String.Index>])? = app.findText.map { app.rowPattern($0) }.map { p in { (text: String) in p.ranges(in: text) } }
            ?? pattern.map { p in { p.ranges(in: $0) } }
        let drawn = TableView.draw(&s, x: app.contentX, y: 1 + hist, width: app.contentWidth, height: app.contentHeight - hist, columns: app.table().cols, rows: rows,
                                 cursor: shifted, highlight: highlight, shift: app.shift, wrap: app.wrapLines)
        if drawn.top > 0 { app.scrollTop(by: drawn.top) }
        if drawn.shift < app.shift { app.views[app.page, default: PageViewState()].shift = drawn.shift == 0 ? nil : drawn.shift }
        if idx.isEmpty { s.put(filter != nil ? "no log records match /\(filter!)/" : "no log records", x: app.contentX, y: 2 + hist, role: .dim) }
    }

    /// The timeline of the listed records at `buckets` columns, computed once per listing and width.
    func timeline(_ app: AppState, buckets: Int) -> LogTimeline? {
        let idx = timeOrdered(app)
        let key = "\(matchCache?.key ?? "")|\(buckets)|\(idx.count)"
        if let c = timelineCache, c.key == key { return c.value }
        let t = app.snapshot.logTimeline(idx, buckets: buckets)
        timelineCache = (key, t)
        return t
    }

    /// One bar per column, scaled to the largest.
    static func barLine(_ counts: [Int]) -> String {
        let top = counts.max() ?? 0
        return String(counts.map { n in n == 0 || top == 0 ? bars[0] : bars[max(1, min(8, Int((Double(n) / Double(top) * 8).rounded(.up))))] })
    }

    func drawHistogram(_ s: inout Screen, _ app: AppState, y: Int, selected: Nanos?) {
        let label = 8, right = 8
        let w = app.contentWidth - label - right
        guard w >= 10, let t = timeline(app, buckets: w) else { return }
        let x = app.contentX
        s.put("records", x: x, y: y, role: .dim)
        s.put(Self.barLine(t.records), x: x + label, y: y, role: .accent)
        s.put(Format.count(t.records.reduce(0, +)), x: x + label + w + 1, y: y, role: .dim, maxWidth: right - 1)
        s.put("errors", x: x, y: y + 1, role: .dim)
        s.put(Self.barLine(t.errors), x: x + label, y: y + 1, role: .bad)
        s.put(Format.count(t.errors.reduce(0, +)), x: x + label + w + 1, y: y + 1, role: .dim, maxWidth: right - 1)
        // The axis: start and end of the recording, the incident start (┊) and the selected record (▲ and its time).
        s.put(AppState.clock(t.window.start), x: x + label, y: y + 2, role: .dim)
        let end = AppState.clock(t.window.end)
        s.put(end, x: x + label + w - end.count, y: y + 2, role: .dim)
        if let inc = app.snapshot.windows.incident?.start, t.window.contains(inc) {
            s.put("┊", x: x + label + t.bucket(of: inc), y: y + 2, role: .warn)
        }
        if let sel = selected {
            let col = t.bucket(of: sel)
            let text = "▲ " + AppState.clock(sel, seconds: true)
            let at = col + text.count <= w ? col : max(0, col - text.count + 1)
            s.put(col + text.count <= w ? text : AppState.clock(sel, seconds: true) + " ▲", x: x + label + at, y: y + 2, role: .key, bold: true)
        }
    }

    /// `:goto TIME`: the cursor moves to the first listed record at or after TIME (a clock time, a date-time, or an
    /// offset such as +5m from the selected record).
    func goto(_ arg: String, _ app: AppState) {
        if order(app) != nil { app.message = ":goto moves in time order; o until the TIME column (or O) restores it"; return }
        let idx = matches(app)
        guard !idx.isEmpty else { app.message = "no log records to move in"; return }
        let c = app.cursor
        let reference = app.snapshot.logTime(idx[min(c.selected, idx.count - 1)]) ?? app.snapshot.windows.recording?.start ?? 0
        guard !arg.isEmpty, let target = Timestamp.parseUser(arg, reference: reference) else {
            app.message = "cannot read '\(arg)' as a time: :goto 09:07, :goto 09:07:30, :goto +5m, :goto -30s, :goto 2026-03-10T09:07:00Z"
            return
        }
        let pos = app.snapshot.firstLog(atOrAfter: target, in: idx)
        var n = ListCursor(selected: min(pos, idx.count - 1), top: 0)
        n.top = max(0, n.selected - app.pageSize / 3)
        n.clamp(count: idx.count, page: app.pageSize)
        app.views[app.page, default: PageViewState()].cursor = n
        let at = app.snapshot.logTime(idx[n.selected]).map { Timestamp.format($0, fraction: 3) } ?? "?"
        app.message = pos >= idx.count ? "no record at or after \(Timestamp.format(target, fraction: 0)); at the last one (\(at))"
            : "record \(Format.count(n.selected + 1)) of \(Format.count(idx.count)) at \(at)"
        app.onEvent?("goto", ["time": Timestamp.iso(target)])
    }
}
