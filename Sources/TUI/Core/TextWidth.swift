/// Terminal display width of text, independent of the C locale: East Asian wide and fullwidth characters and
/// emoji presentation take two cells; combining marks, variation selectors and zero-width characters none.
public enum TextWidth {
    /// Cells taken by one scalar (0, 1 or 2); control characters count as 0.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0xFE00...0xFE0F).contains(v) || (0x200B...0x200F).contains(v) || v == 0x2060 || v == 0xFEFF { return 0 }
        if s.properties.isEmojiPresentation { return 2 }
        for r in wide where r.contains(v) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

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

    /// The part of `s` from cell `from` on, cut to `width` cells (`…` at either end when cut): a window into a long
    /// line scrolled sideways.
    public static func slice(_ s: String, from: Int, width: Int) -> String {
        guard from > 0 else { return truncate(s, to: width) }
        var skipped = 0
        var rest = Substring(s).unicodeScalars[...]
        while let u = rest.first, skipped + of(u) <= from { skipped += of(u); rest = rest.dropFirst() }
        // Combining marks left at the cut belong to the character scrolled away.
        while let u = rest.first, of(u) == 0 { rest = rest.dropFirst() }
        let tail = String(String.UnicodeScalarView(rest))
        return tail.isEmpty ? "" : "…" + truncate(tail, to: max(0, width - 1))
    }

    /// `s` cut to `width` cells keeping its start and its end (`otel-demo/Pod/checkout-7d9…-x2k4p`), so an identifier
    /// keeps the suffix that tells it apart (a pod hash, a replica set's template hash).
    public static func truncateMiddle(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        guard width >= 8 else { return truncate(s, to: width) }
        let tail = (width - 1) * 2 / 5, head = width - 1 - tail
        var h = String.UnicodeScalarView(), used = 0
        for u in s.unicodeScalars { let w = of(u); if used + w > head { break }; h.append(u); used += w }
        var t: [Unicode.Scalar] = [], tu = 0
        for u in s.unicodeScalars.reversed() { let w = of(u); if tu + w > tail { break }; t.append(u); tu += w }
        var out = String(h) + "…"
        out.unicodeScalars.append(contentsOf: t.reversed())
        return out
    }

    /// Whether a cell reads as an identifier (no spaces or commas, and a `/`, `-`, `.` or `{` in it): cut in the middle, not
    /// the end, and given its width before prose.
    public static func isIdentifier(_ s: String) -> Bool {
        // On bytes: String.contains(String) goes through Foundation's search, and this runs for every cell of a frame.
        var mark = false
        // A space makes it prose, a comma outside braces a list (a trace's services); both read fine cut at their end.
        // A metric with labels (`name{a=b,c=d}`) stays an identifier: its labels are what tell it apart.
        var braces = false
        for b in s.utf8 {
            switch b {
            case 0x20: return false
            case 0x2C: if !braces { return false }
            case 0x7B: braces = true; mark = true
            case 0x2F, 0x2D, 0x2E: mark = true
            default: break
            }
        }
        return mark
    }

    /// Cuts a cell to `width`: identifiers in the middle, text at the end.
    public static func fit(_ s: String, to width: Int) -> String {
        isIdentifier(s) ? truncateMiddle(s, to: width) : truncate(s, to: width)
    }

    /// Splits text into lines of at most `width` cells; `prefix` starts every line (continuations too).
    public static func wrap(_ text: String, width: Int, prefix: String = "") -> [String] {
        var out: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = prefix + String(raw)
            while of(l) > width, width > of(prefix) + 1 {
                var cut = truncate(l, to: width + 1).dropLast()
                // Break after the last space when there is one past the first third of the line (word wrap).
                if let sp = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: sp) > max(prefix.count, cut.count / 3) {
                    cut = cut[...sp]
                }
                out.append(String(cut))
                l = prefix + String(l.dropFirst(cut.count))
            }
            out.append(l)
        }
        return out
    }
}
