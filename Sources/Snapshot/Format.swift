import Foundation

/// Number and size formatting shared by the CLI, TUI and tools.
public enum Format {
    /// A measured value for a table cell: whole above 1,000, three significant digits below 0.01, else two decimals.
    public static func measure(_ x: Double) -> String {
        x == 0 ? "0" : abs(x) >= 1000 ? String(format: "%.0f", x) : abs(x) < 0.01 ? String(format: "%.3g", x) : String(format: "%.2f", x)
    }

    /// Counts as one block character each (`▁`…`█`, a space for 0), scaled to the largest: a histogram in a cell.
    public static func bars(_ counts: [Int]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let top = max(1, counts.max() ?? 1)
        return String(counts.map { $0 == 0 ? " " : blocks[min(7, ($0 * 8 - 1) / top)] })
    }

    public static func bytes(_ n: Int) -> String {
        let d = Double(n)
        if d < 1024 { return "\(n) B" }
        if d < 1024 * 1024 { return String(format: "%.1f KiB", d / 1024) }
        if d < 1024 * 1024 * 1024 { return String(format: "%.1f MiB", d / 1048576) }
        return String(format: "%.2f GiB", d / 1073741824)
    }

    /// 1234567 → "1,234,567".
    public static func count(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    public static func jsonQuote(_ s: String) -> String {
        var o = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            case "\t": o += "\\t"
            case "\r": o += "\\r"
            default: if u.value < 0x20 { o += String(format: "\\u%04x", u.value) } else { o.unicodeScalars.append(u) }
            }
        }
        return o + "\""
    }

    /// Left-aligned columns padded to the widest cell (display width = character count, ASCII tables).
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let cols = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: cols)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            r.enumerated().map { (i, c) in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                if i == r.count - 1 && !rightAligned.contains(i) { return c }
                return rightAligned.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
