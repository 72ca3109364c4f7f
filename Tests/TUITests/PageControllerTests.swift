import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// Every page is its own type with its own title, help and key contexts; the key table's per-page part decides
/// what a key does on a page, and `?` and the status line show the page's own keys first.
@Suite struct PageControllerTests {
    static let pages: [Page] = ViewID.allCases.map { .view($0) } + [.entity("otel-demo/Service/cart"), .trace("t"), .series("m1"), .object("o"),
        .basket, .score, .picker, .replay, .groundTruth, .patterns, .compare(""), .suspects, .tree("e"), .path("a b"), .detail("log:0")]

    @Test func everyPageHasItsOwnTypeTitleAndHelp() {
        var types = Set<String>()
        for p in Self.pages {
            let c = p.makeController()
            types.insert(String(describing: type(of: c)))
            #expect(!c.title.isEmpty && !c.help.isEmpty, "\(p) has no title or help")
            #expect(p.title == c.title)
        }
        #expect(types.count == Self.pages.count, "one type per page: \(types.sorted())")
    }

    @Test func aPagesOwnBindingsWinOverGlobalOnes() {
        // Tab moves between views everywhere but switches panes in a replay; x and r only mean something on Traces.
        #expect(KeyBindings.action(for: .tab, in: [.list]) == .nextPane)
        #expect(KeyBindings.action(for: .tab, in: [.replay]) == .focusPane)
        #expect(KeyBindings.action(for: .char("x"), in: [.traces, .list]) == .errorsOnly)
        #expect(KeyBindings.action(for: .char("x"), in: [.list]) == nil)
        #expect(KeyBindings.action(for: .char("s"), in: [.traces, .list]) == .sort)
        #expect(KeyBindings.collisions().isEmpty)
    }

    @Test func helpAndHintsStartWithThePagesOwnKeys() throws {
        let a = AppState(snapshot: try Snapshot.load(TestPaths.snapshot("incident-02")), truthPath: nil, width: 120, height: 40)
        a.handle(.char("4")); a.handle(.char("?"))
        let help = a.render().text
        let traces = try #require(help.range(of: "Traces: Enter opens a trace"))
        let errorsOnly = try #require(help.range(of: "traces: only traces with an error span"))
        let everywhere = try #require(help.range(of: "Everywhere"))
        #expect(traces.lowerBound < errorsOnly.lowerBound && errorsOnly.lowerBound < everywhere.lowerBound)
        a.handle(.escape)
        // Page state lives in the page object and survives leaving the page.
        a.handle(.char("x")); a.handle(.char("2")); a.handle(.char("4"))
        #expect(a.render().text.contains("✘") && (a.current as? TracesPage)?.errorsOnly == true)
        #expect(a.table().rows.allSatisfy { $0.cells[3].hasPrefix("✘") })
        // x on a page without it says so instead of doing something else.
        a.handle(.char("2")); a.handle(.char("x"))
        #expect(a.message?.contains("no action for x here") == true)
    }
}
