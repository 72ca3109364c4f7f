import Foundation
import Testing
import TestSupport
@testable import TUI

/// Issue 26, item 7: a page's settings (cursor, filter, scope, sort, sideways scroll, column order) live in one
/// per-page value, so they travel and reset together and a new one is one field.
@Suite struct PageViewStateTests {
    func key(_ a: AppState, _ name: String) { a.handle(name.count == 1 ? .char(Character(name)) : Key.named(name)!) }

    @Test func everySettingIsKeptPerPageAndClearedTogether() throws {
        let a = AppState(snapshot: AppStateTests.snapshot, truthPath: nil, width: 120, height: 40)
        key(a, "3")                                  // Events
        for c in "/Warning" { key(a, String(c)) }; key(a, "enter")
        key(a, "o"); key(a, "j"); key(a, "right"); key(a, "s")
        let events = try #require(a.views[.view(.events)])
        #expect(events.filter == "Warning" && events.order?.column == 0 && (events.shift ?? 0) > 0 && events.sort == 1)
        #expect(events.cursor?.selected == 1)
        // Another page starts from its own defaults; coming back finds every setting where it was left.
        key(a, "2")
        #expect(a.views[.view(.alerts)]?.filter == nil && a.sortIndex == 0 && a.shift == 0 && a.cursor.selected == 0)
        key(a, "3")
        #expect(a.views[.view(.events)]?.filter == "Warning" && a.cursor.selected == 1 && a.sortIndex == 1)
        // Esc clears the filter and the scope of this page only.
        a.views[.view(.alerts), default: PageViewState()].filter = "x"
        key(a, "esc")
        #expect(a.views[.view(.events)]?.filter == nil && a.views[.view(.alerts)]?.filter == "x")
    }

    /// No per-page dictionary but the one: a setting kept in a `[Page: …]` of its own could be forgotten on reset.
    @Test func appStateKeepsOneDictionaryOfPageSettings() throws {
        let src = try String(contentsOfFile: TestPaths.repoRoot + "/Sources/TUI/App/AppState.swift", encoding: .utf8)
        let dicts = src.split(separator: "\n").filter { $0.contains(": [Page:") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(dicts == ["var views: [Page: PageViewState] = [:]", "var controllers: [Page: PageController] = [:]"], "\(dicts)")
    }
}
