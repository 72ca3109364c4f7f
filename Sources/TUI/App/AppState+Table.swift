import Foundation
import Snapshot

/// The page's rows, cached until a filter, the noise toggle, the time window or the page's own state changes, and
/// drawn as a table that fits the width, scrolls sideways (← →) or wraps long cells (`w`).
extension AppState {
    /// HH:MM:SS of a time, `-` for none.
    static func t(_ n: Nanos?) -> String { n.map { String(Timestamp.format($0, fraction: 0).suffix(8)) } ?? "-" }

    /// HH:MM (with `seconds`, HH:MM:SS).
    static func clock(_ time: Nanos, seconds: Bool = false) -> String { seconds ? t(time) : String(t(time).prefix(5)) }

    func cacheKey() -> String {
        "\(page)|\(current.stateKey)|\(views[page]?.filter ?? "")|\(views[page]?.scope?.label ?? "")|\(hideNoise)|\(timeWindow?.start ?? 0)|\(timeWindow?.end ?? 0)|\(sortIndex)|\((views[page]?.order).map { "\($0.column)\($0.descending)" } ?? "")|\(basket.count)|\(contentWidth)"
    }

    func table() -> PageTable {
        let k = cacheKey()
        if let c = rowCache[k] { return c }
        var built = current.table(self)
        if current.filtersRows, let f = views[page]?.filter, !f.isEmpty {
            let p = rowPattern(f)
            if let e = p.error, message == nil { message = "\(e); matching it as text" }
            built.rows = built.rows.filter { r in r.cells.contains(where: p.matches) || (r.entity.map(p.matches) ?? false) }
        }
        built = orderedByColumn(built)
        rowCache[k] = built
        return built
    }

    func rowCount() -> Int { current.count(self) }

    func selectedRow() -> Row? { current.row(at: cursor.selected, self) }

    /// The records the Logs view lists.
    func logMatchIndices() -> [Int32] { (controller(.view(.logs)) as! LogsPage).matches(self) }

    /// Enter on a row: what the page opens for it.
    func openSelected() {
        guard let r = selectedRow() else { return }
        current.open(r, self)
    }

    /// The page's table with the selection, find or filter matches highlighted, sideways scroll and wrapping.
    func drawTable(_ s: inout Screen) {
        let t = table()
        let f = (findText ?? views[page]?.filter).map { rowPattern($0) }.map { p in { (text: String) in p.ranges(in: text) } }
        let drawn = TableView.draw(&s, x: contentX, y: 1, width: contentWidth, height: contentHeight, columns: t.cols, rows: t.rows, cursor: cursor,
                                 highlight: f, shift: shift, wrap: wrapLines)
        if drawn.top != cursor.top { var c = cursor; c.top = drawn.top; views[page, default: PageViewState()].cursor = c }
        if drawn.shift < shift { views[page, default: PageViewState()].shift = drawn.shift == 0 ? nil : drawn.shift }
        if t.rows.isEmpty { s.put(views[page]?.filter != nil ? "nothing matches '\(views[page]?.filter ?? "")' (Esc clears)" : "nothing to show here", x: contentX, y: 2, role: .dim) }
    }

    /// The filter or find text as a pattern (regex, smart case; the page's scope may set the case rule), compiled once.
    func rowPattern(_ text: String) -> RowPattern {
        let ignoreCase = views[page]?.scope?.ignoreCase
        let key = "\(ignoreCase.map(String.init) ?? "smart")|\(text)"
        if let p = patterns[key] { return p }
        if patterns.count > 64 { patterns.removeAll() }
        let p = RowPattern(text, ignoreCase: ignoreCase)
        patterns[key] = p
        return p
    }
}
