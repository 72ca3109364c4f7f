import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// The Logs view's histogram (records and errors over the recording, the selected record marked) and `:goto`.
@Suite(.serialized) struct LogTimelineTests {
    static let path = TestPaths.snapshot("incident-02")
    static let snapshot = try! Snapshot.load(path)

    func logs(_ w: Int = 120, _ h: Int = 40) -> AppState {
        let a = AppState(snapshot: Self.snapshot, truthPath: nil, width: w, height: h)
        a.handle(.char("6"))
        return a
    }

    @Test func theTimelineCountsEveryListedRecordFromTheIndex() throws {
        let idx = try Self.snapshot.logMatches(LogQuery())
        let t = try #require(Self.snapshot.logTimeline(idx, buckets: 50))
        #expect(t.records.reduce(0, +) == idx.count)
        let errors = try Self.snapshot.logMatches(LogQuery(minLevel: .error)).count
        #expect(t.errors.reduce(0, +) == errors && errors > 0)
        // Errors start with the incident: none in the slices well before it.
        let inc = try #require(Self.snapshot.windows.incident?.start)
        #expect(t.errors[..<max(0, t.bucket(of: inc) - 1)].allSatisfy { $0 == 0 }, "\(t.errors)")
    }

    @Test func theHistogramSitsAboveTheTableAndFollowsTheCursor() {
        let a = logs()
        var screen = a.render()
        let records = screen.line(1), errors = screen.line(2), axis = screen.line(3)
        #expect(records.contains("records") && records.contains { "▁▂▃▄▅▆▇█".contains($0) }, "\(records)")
        #expect(errors.contains("errors") && errors.contains("█"))
        #expect(axis.contains("▲") && axis.contains("┊"), "\(axis)")
        #expect(screen.line(4).contains("TIME") && screen.line(4).contains("LEVEL"), "\(screen.line(4))")
        // The table shrinks by the histogram's rows, and paging moves by what is visible.
        #expect(a.pageSize == 40 - 2 - 1 - 3)
        let before = axis.firstIndex(of: "▲")!
        a.handle(.end)
        screen = a.render()
        #expect(screen.line(3).firstIndex(of: "▲")! > before)
        // Small screens keep every row for records.
        let small = logs(80, 14)
        #expect(!small.render().text.contains("records ") && small.pageSize == 14 - 2 - 1)
    }

    @Test func gotoMovesToTheFirstRecordAtOrAfterATime() throws {
        let a = logs()
        let idx = a.logMatchIndices()
        let inc = try #require(Self.snapshot.windows.incident?.start)
        let clock = String(Timestamp.format(inc, fraction: 0).suffix(8))
        a.typeCommand("goto \(clock)")
        var sel = (a.views[a.page]?.cursor ?? ListCursor()).selected
        let t = try #require(Self.snapshot.logTime(idx[sel]))
        let secondStart = inc / 1_000_000_000 * 1_000_000_000
        #expect(t >= secondStart && (sel == 0 || Self.snapshot.logTime(idx[sel - 1])! < secondStart), "\(a.message ?? "")")
        #expect(a.message?.contains("record \(sel + 1) of") == true)
        #expect(a.render().text.contains(Timestamp.format(t)))       // the row is on screen
        // Relative moves count from the selected record.
        a.typeCommand("goto +1m")
        sel = (a.views[a.page]?.cursor ?? ListCursor()).selected
        let t2 = Self.snapshot.logTime(idx[sel])!
        #expect(t2 >= t + 60_000_000_000 && Self.snapshot.logTime(idx[sel - 1])! < t + 60_000_000_000)
        a.typeCommand("goto -1m")
        sel = (a.views[a.page]?.cursor ?? ListCursor()).selected
        #expect(Self.snapshot.logTime(idx[sel])! >= t2 - 60_000_000_000 && Self.snapshot.logTime(idx[sel - 1])! < t2 - 60_000_000_000)
        // Past the end: the last record, said so; nonsense: the cursor stays and the message shows the forms.
        a.typeCommand("goto +10d")
        #expect((a.views[a.page]?.cursor ?? ListCursor()).selected == idx.count - 1 && a.message?.contains("at the last one") == true)
        a.typeCommand("goto yesterday")
        #expect((a.views[a.page]?.cursor ?? ListCursor()).selected == idx.count - 1 && a.message?.contains(":goto 09:07") == true)
        // From another view, :goto opens Logs.
        a.handle(.char("2"))
        a.typeCommand("goto \(clock)")
        #expect(a.page == .view(.logs))
    }
}
