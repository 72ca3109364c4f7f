/// Semantic colour roles; a `Theme` maps them to terminal colours (or to plain attributes when colour is off).
public enum Role: UInt8, Sendable, CaseIterable {
    case normal, dim, header, title, selected, accent, good, warn, bad, info, status, key, match, border
}

/// One terminal cell: a grapheme (possibly wide) and its role. A wide character's second cell is a continuation.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: Role
    public var bold: Bool
    /// The right half of a wide character.
    public var continuation: Bool
    public static let blank = Cell(text: " ", role: .normal, bold: false, continuation: false)
}

/// A grid of cells: what a frame looks like, independent of any terminal. Tests read it; backends paint it.
public struct Screen: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` cells (and the screen); wide characters take two cells.
    /// Returns the number of cells used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, bold: Bool = false, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var cx = x
        for ch in text {
            var w = 0
            for u in ch.unicodeScalars { w += TextWidth.of(u) }
            let s: String
            if ch == "\t" { s = " "; w = 1 } else if w == 0 {
                if ch.unicodeScalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) ?? false { continue }
                // A combining sequence on its own: give it a cell.
                s = String(ch); w = 1
            } else { s = String(ch) }
            if cx + w > limit { break }
            if cx >= 0 {
                self[cx, y] = Cell(text: s, role: role, bold: bold, continuation: false)
                if w == 2 { self[cx + 1, y] = Cell(text: "", role: role, bold: bold, continuation: true) }
            }
            cx += w
        }
        return cx - x
    }

    /// Fills a row segment with spaces of a role (backgrounds, selection bars).
    public mutating func fill(y: Int, from x0: Int = 0, to x1: Int? = nil, role: Role) {
        let (lo, hi) = (max(0, x0), min(width, x1 ?? width))
        guard y >= 0, y < height, lo < hi else { return }   // an empty or inverted span is nothing to fill
        for x in lo..<hi { self[x, y] = Cell(text: " ", role: role, bold: false, continuation: false) }
    }

    /// Changes the role of existing cells (highlights) without touching their text.
    public mutating func restyle(y: Int, from x0: Int, to x1: Int, role: Role, bold: Bool? = nil) {
        let (lo, hi) = (max(0, x0), min(width, x1))
        guard y >= 0, y < height, lo < hi else { return }   // an empty or inverted span is nothing to restyle
        for x in lo..<hi { self[x, y].role = role; if let b = bold { self[x, y].bold = b } }
    }

    /// Row `y` as plain text (continuation cells dropped), trailing spaces kept to the full width.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].continuation { s += self[x, y].text }
        return s
    }

    /// The whole frame as text, one line per row, trailing spaces trimmed.
    public var text: String {
        (0..<height).map { line($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }
}

import Foundation
