import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// `:by FIELD`, `:patterns` and `:compare` as pages of the state machine (incident-02: a NetworkPolicy blocks the
/// frontend, so the proxy's latency and errors rise at the incident start).
@Suite(.serialized) struct AnalysisPagesTests {
    static let path = TestPaths.snapshot("incident-02")
    static let snapshot = try! Snapshot.load(path)

    func app() -> AppState { AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 30) }

    @Test func groupByCountsAndEnterListsTheGroup() {
        let a = app()
        a.handle(.char("3"))                          // Events
        a.typeCommand("by reason")
        var text = a.render().text
        #expect(text.contains("REASON") && text.contains("Unhealthy") && text.contains("ENTITIES"))
        let groups = a.table().rows
        #expect(groups.count == (try! Self.snapshot.groupEvents(EventFilter(), by: .reason)).count)
        a.handle(Key.named("enter")!)                 // the first group's members
        text = a.render().text
        #expect(!text.contains("ENTITIES") && a.table().rows.allSatisfy { $0.cells[2] == groups[0].cells[0] })
        a.typeCommand("by severity")                  // not a field of events
        #expect(a.render().text.contains(":by takes one of reason, entity, namespace, kind, type here"))
        a.handle(.char("2"))                          // Alerts
        a.typeCommand("by entity")
        #expect(a.table().rows.contains { $0.cells[0] == "otel-demo/Service/frontend-proxy" && $0.entity == "otel-demo/Service/frontend-proxy" })
        a.typeCommand("by")
        #expect(a.render().text.contains("ACTIVE"))
    }

    @Test func patternsPageAndEnterFiltersTheLogs() {
        let a = app()
        a.typeCommand("patterns")
        let text = a.render().text
        #expect(text.contains("Log patterns") && text.contains("TEMPLATE") && text.contains("<*>"))
        let rows = a.table().rows
        let upstream = try! #require(rows.firstIndex { $0.cells[5].hasPrefix("upstream frontend") })
        for _ in 0..<upstream { a.handle(Key.named("j")!) }
        a.handle(Key.named("enter")!)
        #expect(a.page == .view(.logs) && a.rowCount() == Int(rows[upstream].cells[0]))
    }

    @Test func comparePageRanksTheProxyAndTakesAPivot() {
        let a = app()
        a.typeCommand("compare")
        let top = a.table().rows.prefix(8)
        #expect(top.contains { $0.entity == "otel-demo/Service/frontend-proxy" && $0.cells[2].hasPrefix("latency") })
        a.handle(Key.named("enter")!)
        #expect(a.page == .entity(top.first!.entity!))
        a.typeCommand("compare 09:10 2m")
        let text = a.render().text
        #expect(text.contains("Compare at 09:10 2m") && text.contains("pivot 09:10:00 (given); 2m00s on each side"))
        a.typeCommand("compare nonsense")
        #expect(a.render().text.contains("cannot read 'nonsense' as a time"))
    }
}

extension AnalysisPagesTests {
    @Test func suspectsPageRanksTheAnswerHighAndIsHiddenInPractice() {
        let a = app()
        a.typeCommand("suspects")
        // A baseline on a noisy incident: the answer is among its first two, beside the red herring changed before it.
        #expect(a.table().rows.prefix(2).contains { $0.entity == "otel-demo/NetworkPolicy/frontend-block-all-ports" })
        #expect(a.render().text.contains("a baseline, not an answer"))
        let p = AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 30)
        p.practice = PracticeSession(task: "incident-02", snapshot: Self.path, attempts: 1)
        p.typeCommand("suspects")
        #expect(p.page != .suspects && p.render().text.contains("hidden in practice"))
    }
}

extension AnalysisPagesTests {
    @Test func writeExportsTheViewAsShownAndNeverOverwritesUnasked() throws {
        let a = app()
        let dir = TestPaths.tempDir("export")
        a.handle(.char("3"))                                   // Events
        a.handle(.char("/")); for c in "Unhealthy" { a.handle(.char(c)) }; a.handle(Key.named("enter")!)
        a.typeCommand("w \(dir)/ev.csv")
        let csv = try String(contentsOfFile: "\(dir)/ev.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "LAST,TYPE,REASON,OBJECT,×,MESSAGE" && csv.count == a.table().rows.count + 1 && csv.dropFirst().allSatisfy { $0.contains("Unhealthy") })
        a.typeCommand("w \(dir)/ev.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/ev.json"))) as! [[String: String]]
        #expect(json.count == a.table().rows.count && json[0]["reason"] == "Unhealthy")
        a.handle(.char("6"))                                   // Logs: every matching record, not only the visible ones
        a.typeCommand("w \(dir)/logs.md")
        let md = try String(contentsOfFile: "\(dir)/logs.md", encoding: .utf8).split(separator: "\n")
        #expect(md.count == Self.snapshot.logCount + 2 && md[0] == "| TIME | LEVEL | SERVICE | MESSAGE |")
        a.typeCommand("w \(dir)/logs.md")
        #expect(a.render().text.contains("exists; :w! "))
        a.typeCommand("w \(dir)/x.txt")
        #expect(a.render().text.contains(":w takes a .csv, .json or .md file"))
    }
}

extension AnalysisPagesTests {
    @Test func seriesThatDifferOnlyByLabelsNeverReadTheSame() {
        let a = app()
        a.handle(.char("5"))                                   // Metrics
        let shown = a.table().rows.map { "\($0.cells[1]) \($0.cells[2])" }
        #expect(!shown.isEmpty && Set(shown).count == shown.count, "\(shown.count - Set(shown).count) metric rows read the same")
        a.handle(.char("1"))
        let overview = a.table().rows.filter { $0.key?.hasPrefix("m") == true }.map { $0.cells[0] }
        #expect(Set(overview).count == overview.count)
    }
}

extension AnalysisPagesTests {
    @Test func anyColumnOrdersTheListWithAnIndicatorAndTracesFilterErrors() {
        let a = app()
        a.handle(.char("4"))                                   // Traces: START, DURATION, SPANS, ERR, ROOT, SERVICES
        a.handle(.char("o")); a.handle(.char("o"))
        var t = a.table()
        #expect(t.cols[1].title == "DURATION ▲")
        let secs = t.rows.map { r -> Double in if case .number(let x) = AppState.sortKey(r.cells[1]) { return x }; return -1 }
        #expect(!secs.isEmpty && secs == secs.sorted() && secs.allSatisfy { $0 >= 0 })
        a.handle(.char("O"))
        t = a.table()
        let desc = t.rows.map { r -> Double in if case .number(let x) = AppState.sortKey(r.cells[1]) { return x }; return -1 }
        #expect(t.cols[1].title == "DURATION ▼" && desc == secs.sorted(by: >))
        #expect(a.render().text.contains("DURATION ▼"))
        a.handle(.char("x"))
        #expect(!a.table().rows.isEmpty && a.table().rows.allSatisfy { $0.cells[3].hasPrefix("✘") })
        // Units and marks are read as numbers.
        #expect(AppState.sortKey("2m00s") == .number(120) && AppState.sortKey("✘12") == .number(12) && AppState.sortKey("1,234") == .number(1234))
        #expect(AppState.sortKey("900ms") < AppState.sortKey("1.2s"))
    }
}
