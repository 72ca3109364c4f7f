import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// The Logs view orders by any column the index holds (time, level, service) with ▲ / ▼ in the header, as every other
/// list does; the message column is skipped, and `:goto` says it needs time order.
@Suite struct LogOrderTests {
    static let snapshot = try! Snapshot.load(TestPaths.snapshot("incident-02"))

    @Test func orderLogsByLevelAndServiceKeepsTimeOrderWithinTies() throws {
        let s = Self.snapshot
        let all = try s.logMatches(LogQuery())
        let l = try #require(s.logs)
        let byLevel = s.orderLogs(all, by: .level, descending: true)
        #expect(byLevel.count == all.count && Set(byLevel) == Set(all))
        var inOrder = true
        for (a, b) in zip(byLevel, byLevel.dropFirst()) {
            let la = l.level[Int(a)], lb = l.level[Int(b)]
            if la < lb || (la == lb && l.time[Int(a)] > l.time[Int(b)]) { inOrder = false }
        }
        #expect(inOrder, "levels descending, each level in time order")
        let byService = s.orderLogs(all, by: .service)
        let names = byService.map { l.strings.strings[Int(l.service[Int($0)])] }
        #expect(names == names.sorted())
        #expect(s.orderLogs(all, by: .time) == all)
        #expect(s.orderLogs(all, by: .time, descending: true) == all.reversed())
    }

    @Test func oOrdersTheLogsViewAndShowsTheIndicator() throws {
        let a = AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 40)
        a.handle(.char("6"))
        a.handle(.char("o")); a.handle(.char("o"))
        var screen = a.render()
        #expect(screen.text.contains("LEVEL ▲"), "\(screen.line(4))")
        a.handle(.char("O"))
        screen = a.render()
        #expect(screen.text.contains("LEVEL ▼"))
        let first = try #require(a.selectedRow())
        #expect(["ERROR", "FATAL"].contains(first.cells[1]), "highest level first: \(first.cells)")
        a.typeCommand("goto 09:07")
        #expect(a.message?.contains("time order") == true)
        // o past SERVICE skips MESSAGE and returns to the natural order.
        a.handle(.char("o"))
        #expect(a.render().text.contains("SERVICE ▲"))
        a.handle(.char("o"))
        let natural = a.render().text
        #expect(a.message == "natural order" && !natural.contains("SERVICE ▲") && !natural.contains("TIME ▲"))
        a.typeCommand("goto 09:07")
        #expect(a.message?.contains("record") == true)
    }
}
