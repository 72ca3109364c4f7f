import Foundation
import Snapshot

/// Ordering any list by any column (`o` next column, `O` reverse), with ▲ / ▼ in the column's header. Cells compare
/// as numbers when they read as one (units such as ms, s, %, and thousands separators understood), else as text.
extension AppState {
    /// Pages whose rows are a list (not a text page such as the score or a record's detail).
    var orderable: Bool { current.orderable }

    func orderByNextColumn() {
        guard orderable else { message = "this page keeps its own order"; return }
        let n = buildRowsColumnCount()
        guard n > 0 else { return }
        var next = (views[page]?.order).map { $0.column + 1 } ?? 0
        while current.unorderedColumns.contains(next) { next += 1 }
        if next >= n { views[page, default: PageViewState()].order = nil; message = "natural order" }
        else { views[page, default: PageViewState()].order = (next, false); message = "ordered by \(table().cols[next].title.replacingOccurrences(of: " ▲", with: "")) ▲ (O reverses)" }
        views[page, default: PageViewState()].cursor = ListCursor()
        invalidate()
    }

    func reverseColumnOrder() {
        guard orderable, var o = views[page]?.order else { message = "o orders by a column first"; return }
        o.descending.toggle()
        views[page, default: PageViewState()].order = o
        views[page, default: PageViewState()].cursor = ListCursor()
        invalidate()
        message = o.descending ? "descending ▼" : "ascending ▲"
    }

    func buildRowsColumnCount() -> Int { table().cols.count }

    func orderedByColumn(_ t: (cols: [Column], rows: [Row])) -> (cols: [Column], rows: [Row]) {
        guard orderable, let o = views[page]?.order, o.column < t.cols.count else { return t }
        var cols = t.cols
        cols[o.column].title += o.descending ? " ▼" : " ▲"
        // The indicator never cuts the title: a fixed column grows to hold it.
        if case .fixed(let w) = cols[o.column].width, w < TextWidth.of(cols[o.column].title) { cols[o.column].width = .fixed(TextWidth.of(cols[o.column].title)) }
        let keyed = t.rows.enumerated().map { (i, r) in (i, Self.sortKey(o.column < r.cells.count ? r.cells[o.column] : ""), r) }
        let sorted = keyed.sorted { a, b in
            if a.1 == b.1 { return a.0 < b.0 }                     // stable
            return o.descending ? b.1 < a.1 : a.1 < b.1
        }
        return (cols, sorted.map(\.2))
    }

    /// Numbers before text; a number with a unit is converted (durations to seconds, sizes to bytes).
    enum SortKey: Comparable {
        case number(Double), text(String)
        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a, b) {
            case let (.number(x), .number(y)): return x < y
            case (.number, .text): return true
            case (.text, .number): return false
            case let (.text(x), .text(y)): return x < y
            }
        }
    }

    static func sortKey(_ cell: String) -> SortKey {
        var s = cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        for mark in ["✘", "●", "◐", "⚠", "★"] { s = s.replacingOccurrences(of: mark, with: "") }
        s = s.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ns", 1e-9), ("µs", 1e-6), ("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600), ("%", 1),
                                          ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("B", 1)]
        if let x = Double(s) { return .number(x) }
        // Compound durations such as 2m00s or 1h02m.
        var total = 0.0, number = "", parsed = false
        var rest = Substring(s)
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." || $0 == "-" }
            guard !digits.isEmpty, let v = Double(digits) else { break }
            rest = rest.dropFirst(digits.count)
            guard let (u, f) = units.first(where: { rest.hasPrefix($0.0) }) else { number = String(digits); break }
            total += v * f; parsed = true
            rest = rest.dropFirst(u.count)
        }
        if parsed && rest.isEmpty && number.isEmpty { return .number(total) }
        return .text(cell.lowercased())
    }
}
