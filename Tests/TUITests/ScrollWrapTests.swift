import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// Long columns: ← → scroll the table sideways (the columns at their natural widths), `w` wraps cut cells onto
/// more lines; either way a cut identifier or message can be read whole.
@Suite struct ScrollWrapTests {
    func app(_ w: Int, _ h: Int) throws -> AppState {
        AppState(snapshot: try Snapshot.load(TestPaths.snapshot("incident-02")), truthPath: nil, width: w, height: h)
    }

    @Test func rightArrowRevealsCutCellsAndLeftReturns() throws {
        let a = try app(100, 16)
        a.handle(.char("3"))
        let row = try #require(a.selectedRow())
        let object = row.cells[3]
        let fitted = a.render()
        #expect(!fitted.line(2).contains(object), "the object is cut at 100 columns: \(fitted.line(2))")
        a.handle(.right)
        let scrolled = a.render()
        #expect(scrolled.line(2).contains(object), "→ shows \(object) whole: \(scrolled.line(2))")
        #expect(scrolled.line(1).contains("◀") && a.shift > 0)
        var presses = 0
        while a.shift > 0 && presses < 50 { a.handle(.left); presses += 1 }
        #expect(a.render().line(2) == fitted.line(2) && presses < 50)
        a.handle(.left)
        #expect(a.message?.contains("left edge") == true)
        // Scrolling stops at the widest line: ← comes back at once from there.
        for _ in 0..<40 { a.handle(.right) }
        _ = a.render()
        let far = a.shift
        a.handle(.left); _ = a.render()
        #expect(far > 0 && a.shift < far && a.shift >= far - 25)
    }

    @Test func wrapShowsTheWholeMessageAndKeepsTheSelectionOnScreen() throws {
        let a = try app(100, 16)
        a.handle(.char("3"))
        let message = try #require(a.selectedRow()).cells[5]
        #expect(!a.render().text.contains(message))
        a.handle(.char("w"))
        let wrapped = a.render()
        let joined = (2..<14).map { wrapped.line($0) }.joined(separator: " ")
        for word in message.split(separator: " ").prefix(3) { #expect(joined.contains(word), "\(word) is shown") }
        // Moving down past the screen keeps the selected row (drawn with the selection role) on the screen.
        for _ in 0..<6 { a.handle(.down) }
        let s = a.render()
        let selectedRows = (2..<(s.height - 1)).filter { y in (a.contentX..<s.width).contains { s[$0, y].role == .selected } }
        #expect(!selectedRows.isEmpty)
        #expect(s.line(selectedRows[0]).contains(AppState.t(a.selectedRow()!.time)))
        a.handle(.right)
        #expect(a.message?.contains("wrapped") == true)
        a.handle(.char("w"))
        #expect(!a.wrapLines)
    }

    /// Regression: at 120 columns a trace's root was cut to `load-generato…` while its list of services took the room.
    @Test func aTracesRootIsWholeAt120Columns() throws {
        let a = try app(120, 40)
        a.handle(.char("4"))
        let s = a.render()
        let root = try #require(a.selectedRow()).cells[4]
        #expect(s.line(2).contains(root), "\(root) whole in: \(s.line(2))")
    }

    @Test func sliceKeepsWideCharactersWhole() {
        #expect(TextWidth.slice("abcdef", from: 2, width: 3) == "…c…")
        #expect(TextWidth.slice("abcdef", from: 2, width: 10) == "…cdef")
        #expect(TextWidth.slice("日本語テキスト", from: 2, width: 5) == "…本…")
        #expect(TextWidth.slice("abc", from: 5, width: 4) == "")
        #expect(TextWidth.of(TextWidth.slice(String(repeating: "é", count: 40), from: 3, width: 10)) <= 10)
    }
}
