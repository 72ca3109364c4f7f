import CNcurses

/// Terminal display width of text: East Asian wide characters and most emoji take two cells,
/// combining marks and zero-width characters none. Uses the C library's `wcwidth` tables.
public enum TextWidth {
    /// Cells taken by one scalar (0, 1 or 2); control characters count as 0.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x7F { return 1 }
        let w = Int(wcwidth(wchar_t(bitPattern: v)))
        if w >= 0 { return w }
        // wcwidth answers -1 for scalars the C locale does not know: treat wide ranges as 2.
        if (0x1F300...0x1FAFF).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x20000...0x3FFFD).contains(v) { return 2 }
        return 1
    }

    /// Cells taken by a string.
    public static func of(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + of($1) } }

    /// The longest prefix of `s` that fits in `width` cells, with `…` when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = String.UnicodeScalarView()
        var used = 0
        for u in s.unicodeScalars {
            let w = of(u)
            if used + w > width - 1 { break }
            out.append(u); used += w
        }
        return String(out) + "…"
    }
}
