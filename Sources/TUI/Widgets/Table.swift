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
        } else if free > 0 && !flex.isEmpty {
            for (k, i) in flex.enumerated() { let add = free / (flex.count - k); w[i] += add; free -= add }
        } else if free < 0 {
            // Too narrow: shrink from the right, never below 1.
            var i = w.count - 1
            while free < 0 && i >= 0 { let cut = min(-free, max(0, w[i] - 1)); w[i] -= cut; free += cut; i -= 1 }
        }
        return w
    }

    public static func draw(_ s: inout Screen, x: Int, y: Int, width: Int, height: Int, columns: [Column], rows: [Row],
                            cursor: ListCursor, focused: Bool = true, highlight: ((String) -> [Range<String.Index>])? = nil) {
        guard height > 0, width > 0 else { return }
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
        let w = widths(columns, total: width, content: content, identifiers: identifiers)
        var cx = x
        for (i, c) in columns.enumerated() {
            let t = TextWidth.truncate(c.title, to: w[i])
            s.put(c.rightAligned ? String(repeating: " ", count: max(0, w[i] - TextWidth.of(t))) + t : t, x: cx, y: y, role: .header, bold: true, maxWidth: w[i])
            cx += w[i] + 1
        }
        let visible = height - 1
        for r in 0..<visible {
            let idx = cursor.top + r
            guard idx < rows.count else { break }
            let row = rows[idx]
            let yy = y + 1 + r
            let selected = idx == cursor.selected && focused
            if selected { s.fill(y: yy, from: x, to: x + width, role: .selected) }
            cx = x
            for (i, _) in columns.enumerated() {
                let cell = i < row.cells.count ? row.cells[i] : ""
                let t = TextWidth.fit(cell.replacingOccurrences(of: "\n", with: "⏎"), to: w[i])
                let pad = columns[i].rightAligned ? max(0, w[i] - TextWidth.of(t)) : 0
                s.put(t, x: cx + pad, y: yy, role: selected ? .selected : row.role, maxWidth: w[i])
                if let highlight, !selected {
                    // Highlight matches inside this cell.
                    for rg in highlight(t) {
                        let start = cx + pad + TextWidth.of(String(t[t.startIndex..<rg.lowerBound]))
                        let len = TextWidth.of(String(t[rg]))
                        s.restyle(y: yy, from: start, to: min(cx + w[i], start + len), role: .match)
                    }
                }
                cx += w[i] + 1
            }
        }
    }
}
