/// A column of a table: title, width rule and alignment.
public struct Column: Sendable {
    public enum Width: Sendable { case fixed(Int), flex(min: Int) }
    public var title: String
    public var width: Width
    public var rightAligned = false
    public init(_ title: String, _ width: Width, right: Bool = false) { self.title = title; self.width = width; self.rightAligned = right }
}

/// A row: cells, a role per row (errors red, noise dim), and what it points at for pivots and detail.
public struct Row: Sendable {
    public var cells: [String]
    public var role: Role
    public var entity: String?
    /// View-specific key to open the row (trace id, series id, object id…).
    public var key: String?
    public var time: Int64?
    /// The record behind the row, for the detail page (`log:N`, `event:NS/NAME`, `span:TRACE:SPAN`, `alert:FP`, `series:ID`).
    public var detail: String?
    public init(_ cells: [String], role: Role = .normal, entity: String? = nil, key: String? = nil, time: Int64? = nil, detail: String? = nil) {
        self.cells = cells; self.role = role; self.entity = entity; self.key = key; self.time = time; self.detail = detail
    }
}

/// Selection and scroll position of a list; clamped on every change.
public struct ListCursor: Sendable, Equatable {
    public var selected = 0
    public var top = 0

    public mutating func move(_ delta: Int, count: Int, page: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = max(0, min(count - 1, selected + delta))
        clamp(count: count, page: page)
    }

    public mutating func clamp(count: Int, page: Int) {
        let page = max(1, page)
        selected = max(0, min(max(0, count - 1), selected))
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        top = max(0, min(top, max(0, count - page)))
    }
}

/// Draws a table with a header row, the selection bar, and the columns fitted to the width.
public enum TableView {
    /// Column widths for `total` cells. With `content` (the widest cell of each column among the rows shown), a
    /// fixed column never takes more than its header or content needs, and the space goes to the flexible columns
    /// that need it, those that lack least first; without it, the flexible columns share the space evenly.
    public static func widths(_ cols: [Column], total: Int, content: [Int]? = nil, identifiers: Set<Int> = []) -> [Int] {
        let gaps = max(0, cols.count - 1)
        var w = cols.enumerated().map { i, c -> Int in
            if case .fixed(let n) = c.width {
                guard let content, i < content.count else { return n }
                return min(n, max(TextWidth.of(c.title), content[i], 1))
            }
            if case .flex(let m) = c.width { return m }
            return 0
        }
        var free = total - gaps - w.reduce(0, +)
        let flex = cols.indices.filter { if case .flex = cols[$0].width { return true }; return false }
        if free > 0 && !flex.isEmpty, let content {
            // Water-filling: the columns that lack least are filled first (an identifier gets its whole width), the
            // longest (a message) takes what is left; any rest is shared evenly.
            // Columns of identifiers come first: cutting an id loses what tells it apart, cutting prose loses its end.
            let lack = Dictionary(uniqueKeysWithValues: flex.map { ($0, max(0, ($0 < content.count ? content[$0] : 0) - w[$0])) })
            let order = flex.sorted { (identifiers.contains($0) ? 0 : 1, lack[$0]!, $0) < (identifiers.contains($1) ? 0 : 1, lack[$1]!, $1) }
            let ids = order.filter(identifiers.contains).count
            for (k, i) in order.enumerated() where free > 0 {
                // An identifier column takes what it lacks (prose keeps its minimum); the rest is shared.
                let share = k < ids ? free / max(1, ids - k) : free / (order.count - k)
                let add = min(lack[i]!, share)
                w[i] += add; free -= add
            }
            for (k, i) in flex.enumerated() where free > 0 { let add = free / (flex.count - k); w[i] += add; free -= add }
            // An identifier still cut takes from the columns of fixed width (a long event reason), down to
            // ten cells each: a truncated reason still reads, a truncated pod name names another pod.
            for i in order where identifiers.contains(i) {
                var need = max(0, (i < content.count ? content[i] : 0) - w[i])
                for d in cols.indices where need > 0 && d != i {
                    guard case .fixed = cols[d].width else { continue }
                    let floor = max(TextWidth.of(cols[d].title), 10)
                    let give = min(need, max(0, w[d] - floor))
                    w[d] -= give; w[i] += give; need -= give
                }
            }
        } else if free > 0 && !flex.isEmpty {
            for (k, i) in flex.enumerated() { let add = free / (flex.count - k); w[i] += add; free -= add }
        } else if free < 0 {
            // Too narrow: shrink from the right, never below 1.
            var i = w.count - 1
            while free < 0 && i >= 0 { let cut = min(-free, max(0, w[i] - 1)); w[i] -= cut; free += cut; i -= 1 }
        }
        return w
    }

    /// Draws the header and the rows from `cursor.top`; returns the first row drawn (moved down when wrapped rows
    /// would push the selection off the screen) and the sideways scroll used (no further than the widest line). With `shift`, the columns take their natural widths and the view
    /// starts `shift` cells to the right (← →); with `wrap`, a cut cell continues on the lines below.
    @discardableResult
    public static func draw(_ s: inout Screen, x: Int, y: Int, width: Int, height: Int, columns: [Column], rows: [Row],
                            cursor: ListCursor, focused: Bool = true, highlight: ((String) -> [Range<String.Index>])? = nil,
                            shift: Int = 0, wrap: Bool = false) -> (top: Int, shift: Int) {
        guard height > 0, width > 0 else { return (cursor.top, shift) }
        // Widths from what the rows hold: all of them in lists up to 500 rows (stable while scrolling), the visible
        // ones in longer lists (a frame stays cheap however long the list).
        var content = columns.map { _ in 0 }
        let sample = rows.count <= 500 ? rows[...] : rows.dropFirst(cursor.top).prefix(max(0, height - 1))
        var idCells = columns.map { _ in 0 }, textCells = columns.map { _ in 0 }
        for row in sample {
            for i in columns.indices where i < row.cells.count {
                content[i] = max(content[i], TextWidth.of(row.cells[i]))
                if TextWidth.isIdentifier(row.cells[i]) { idCells[i] += 1 } else if !row.cells[i].isEmpty { textCells[i] += 1 }
            }
        }
        let identifiers = Set(columns.indices.filter { idCells[$0] > textCells[$0] })
        // Scrolled sideways: every column as wide as its content (up to 4,000 cells in all), the window moved right.
        let natural = columns.indices.reduce(max(0, columns.count - 1)) { sum, i in
            if case .fixed(let n) = columns[i].width { return sum + min(n, max(TextWidth.of(columns[i].title), content[i], 1)) }
            return sum + max(content[i], TextWidth.of(columns[i].title), 1)
        }
        let virtual = shift > 0 && !wrap ? min(4_000, max(width, natural)) : width
        let offset = min(shift, max(0, virtual - width))
        // Wrapping, the flexible columns share the width evenly: every cell is read whole, so none needs to win.
        let fitted = wrap ? columns.indices.map { i -> Int in if case .flex = columns[i].width { return 0 }; return content[i] } : content
        let w = widths(columns, total: virtual, content: fitted, identifiers: wrap ? [] : identifiers)
        // Each row as lines of cells: one line, or (wrapping) as many as its longest cut cell needs. Wrapped rows are
        // kept, since finding the top and drawing both need them.
        var wrapped: [Int: [[String]]] = [:]
        func lines(_ index: Int) -> [[String]] {
            if let w = wrapped[index] { return w }
            let l = layout(rows[index])
            if wrap { wrapped[index] = l }
            return l
        }
        func layout(_ row: Row) -> [[String]] {
            let cells = columns.indices.map { i -> String in
                let c = i < row.cells.count ? row.cells[i] : ""
                return c.utf8.contains(0x0A) ? c.replacingOccurrences(of: "\n", with: "⏎") : c
            }
            guard wrap else { return [columns.indices.map { i in offset > 0 ? cells[i] : TextWidth.fit(cells[i], to: w[i]) }] }
            let parts = columns.indices.map { i in TextWidth.of(cells[i]) <= w[i] ? [cells[i]] : TextWidth.wrap(cells[i], width: max(1, w[i])) }
            let n = min(max(1, height - 1), parts.map(\.count).max() ?? 1)
            return (0..<n).map { k in columns.indices.map { i in k < parts[i].count ? TextWidth.truncate(parts[i][k], to: w[i]) : "" } }
        }
        func line(_ cells: [String], title: Bool) -> String {
            var out = ""
            for i in columns.indices {
                let t = title ? TextWidth.truncate(cells[i], to: w[i]) : cells[i]
                let pad = max(0, w[i] - TextWidth.of(t))
                out += columns[i].rightAligned ? String(repeating: " ", count: pad) + t : t + String(repeating: " ", count: pad)
                if i < columns.count - 1 { out += " " }
            }
            return out
        }
        func put(_ text: String, yy: Int, role: Role, bold: Bool, marks: Bool) {
            let visible = offset > 0 ? TextWidth.slice(text, from: offset, width: width) : text
            s.put(visible, x: x, y: yy, role: role, bold: bold, maxWidth: width)
            if marks, let highlight {
                for rg in highlight(visible) {
                    let start = x + TextWidth.of(String(visible[visible.startIndex..<rg.lowerBound]))
                    s.restyle(y: yy, from: start, to: min(x + width, start + TextWidth.of(String(visible[rg]))), role: .match)
                }
            }
        }
        put(line(columns.map(\.title), title: true), yy: y, role: .header, bold: true, marks: false)
        if offset > 0 { s.put("◀", x: x, y: y, role: .key, bold: true) }
        let visible = height - 1
        // Wrapped rows are taller: start late enough that the selected row is whole on the screen.
        var top = cursor.top
        if wrap {
            let selectedLines = cursor.selected < rows.count ? lines(cursor.selected).count : 1
            var used = selectedLines
            var first = cursor.selected
            while first > top, used + lines(first - 1).count <= visible { first -= 1; used += lines(first).count }
            top = max(top, first)
        }
        var yy = y + 1
        var idx = top
        while yy < y + 1 + visible, idx < rows.count {
            let row = rows[idx]
            let selected = idx == cursor.selected && focused
            for cells in lines(idx) where yy < y + 1 + visible {
                if selected { s.fill(y: yy, from: x, to: x + width, role: .selected) }
                put(line(cells, title: false), yy: yy, role: selected ? .selected : row.role, bold: false, marks: !selected)
                yy += 1
            }
            idx += 1
        }
        return (top, offset)
    }
}
