import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// The TUI as a state machine on a shipped snapshot: keys in, screens out, no terminal.
@Suite(.serialized) struct AppStateTests {
    static let path = TestPaths.snapshot("incident-02")
    static let snapshot = try! Snapshot.load(path)

    func app(_ w: Int = 120, _ h: Int = 40) -> AppState {
        AppState(snapshot: Self.snapshot, truthPath: SnapshotLayout.groundTruthPath(in: Self.path), width: w, height: h)
    }

    func keys(_ a: AppState, _ names: String...) { for n in names { a.handle(Key.named(n)!) } }
    func type(_ a: AppState, _ text: String) { for c in text { a.handle(.char(c)) } }

    @Test func keyBindingsHaveNoCollisionsAndDocumentEveryAction() {
        #expect(KeyBindings.collisions().isEmpty)
        for a in Action.allCases { #expect(KeyBindings.all.contains { $0.action == a }, "\(a) has no key") }
        #expect(KeyBindings.markdown.contains("| `?` `F1` | this help |"))
    }

    @Test func overviewOrientsTheInvestigator() {
        let a = app()
        let text = a.render().text
        #expect(text.contains("triage │ incident-02"))
        #expect(text.contains("What fired when"))
        #expect(text.contains("appeared otel-demo/NetworkPolicy/frontend-block-all-ports"))
        #expect(text.contains("1 Overview") && text.contains("9 Entities"))
        #expect(a.render().line(39).contains("Overview"))      // status line says where we are
    }

    @Test func everyViewRendersAndTabCycles() {
        let a = app()
        for v in ViewID.allCases {
            a.handle(.char(Character(String(v.rawValue + 1))))
            #expect(a.page == .view(v))
            let t = a.render().text
            #expect(t.contains(v.title), "\(v.title)")
        }
        keys(a, "tab")
        #expect(a.page == .view(.overview))
        keys(a, "backtab")
        #expect(a.page == .view(.entities))
    }

    @Test func filterPivotBasketAndSubmitScorePerfectly() {
        let a = app()
        keys(a, "8")                              // Objects
        keys(a, "/"); type(a, "block-all"); keys(a, "enter")
        #expect(a.render().text.contains("otel-demo/NetworkPolicy/frontend-block-all-ports"))
        keys(a, "e")                              // pivot to the entity
        #expect(a.page == .entity("otel-demo/NetworkPolicy/frontend-block-all-ports"))
        keys(a, "b")
        #expect(a.basket == ["otel-demo/NetworkPolicy/frontend-block-all-ports"])
        keys(a, "S")
        #expect(a.page == .score)
        #expect(a.lastScore?.score == 1)
        let t = a.render().text
        #expect(t.contains("score 1.00") && t.contains("✔ TP  otel-demo/NetworkPolicy/frontend-block-all-ports"))
        keys(a, "esc")
        #expect(a.page == .entity("otel-demo/NetworkPolicy/frontend-block-all-ports"))
        keys(a, "esc"); keys(a, "esc")            // clears the filter, then goes back
        #expect(a.page == .view(.objects) || a.page == .view(.overview))
    }

    @Test func overSubmittingShowsTheFalsePositiveReason() {
        let a = app()
        keys(a, ":"); type(a, "add netpol/frontend-block-all-ports"); keys(a, "enter")
        keys(a, ":"); type(a, "add svc/frontend-proxy"); keys(a, "enter")
        keys(a, ":"); type(a, "submit"); keys(a, "enter")
        #expect(a.lastScore?.score == 0.5)
        #expect(a.render().text.contains("✘ FP  otel-demo/Service/frontend-proxy"))
    }

    @Test func logsFilterWithRegexAndTimeSync() {
        let a = app()
        keys(a, "6")
        keys(a, "/"); type(a, "connection time(out)?"); keys(a, "enter")
        let t = a.render().text
        #expect(t.contains("connection timeout"))
        #expect(a.message == nil || !a.message!.contains("bad regex"))
        keys(a, "t")
        #expect(a.timeWindow != nil)
        #expect(a.render().line(0).contains("⏱"))
        keys(a, "t")
        #expect(a.timeWindow == nil)
        keys(a, "/"); type(a, "(unclosed"); keys(a, "enter")
        _ = a.render()
        #expect(a.message?.contains("bad regex") == true)
    }

    @Test func traceDetailAndSeriesPlot() {
        let a = app()
        keys(a, "4", "s", "s")                   // sort traces by errors
        keys(a, "enter")
        guard case .trace = a.page else { Issue.record("Enter did not open a trace: \(a.page)"); return }
        #expect(a.render().text.contains("WATERFALL"))
        keys(a, "5", "enter")
        guard case .series = a.page else { Issue.record("Enter did not open a series: \(a.page)"); return }
        #expect(a.render().text.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF })
    }

    @Test func resizeFromLargeToTinyAndBack() {
        let a = app()
        for (w, h) in [(120, 40), (80, 24), (40, 10), (20, 5), (10, 3), (120, 40)] {
            a.handle(.resize(width: w, height: h))
            let s = a.render()
            #expect(s.width == w && s.height == h)
            for y in 0..<h { #expect(TextWidth.of(s.line(y)) == w, "row \(y) at \(w)x\(h)") }
        }
        a.handle(.resize(width: 10, height: 3))
        #expect(a.render().text.contains("too small"))
    }

    @Test func helpOverlayAndQuit() {
        let a = app()
        keys(a, "?")
        #expect(a.render().text.contains("Keys and commands (Esc or ? closes)"))
        keys(a, "esc")
        #expect(!a.render().text.contains("Keys and commands (Esc or ? closes)"))
        keys(a, "q")
        #expect(a.quit)
    }

    @Test func helpScrollsAt80x24AndListsTheCommands() {
        let a = app(80, 24)
        keys(a, "?")
        var text = a.render().text
        #expect(text.contains("j/k PgDn/PgUp scroll") && !text.contains(":compare"))
        keys(a, "G")
        text = a.render().text
        #expect(text.contains(":compare [T [W]]") && text.contains(":w FILE") && text.contains(":q"))
        keys(a, "j")                                   // j scrolls, it does not close the overlay
        #expect(a.mode == .help)
        keys(a, "esc")
        #expect(a.mode == .normal)
    }

    @Test func sidebarCollapsesBelow100ColumnsAndOnAKey() {
        let narrow = app(90, 30)
        #expect(narrow.navWidth == 0 && !narrow.render().text.contains("1 Overview"))
        narrow.handle(.char("\\"))
        #expect(narrow.navWidth == 12 && narrow.render().text.contains("1 Overview"))
        let wide = app(120, 30)
        #expect(wide.navWidth == 12)
        wide.handle(.char("\\"))
        #expect(wide.navWidth == 0 && wide.render().text.contains("sidebar hidden"))
    }

    @Test func labelModeHintsMarkNotBasket() {
        let a = app(200, 30)
        a.labelling = LabelSession(path: NSTemporaryDirectory() + "gt-\(UUID().uuidString).yaml", existing: nil)
        let status = a.render().line(29)
        #expect(status.contains("m mark") && !status.contains("b add") && !status.contains("S submit"), "\(status)")
    }

    @Test func noColorSelectsTheMonochromeTheme() {
        #expect(Theme.fromEnvironment(["NO_COLOR": "1"]).name == "monochrome")
        #expect(Theme.fromEnvironment([:]).name == "color")
        #expect(Theme.monochrome.look(.bad).fg == .default)
    }

    @Test func wideCharactersTakeTwoCells() {
        var s = Screen(width: 10, height: 1)
        let used = s.put("日本x", x: 0, y: 0)
        #expect(used == 5)
        #expect(s[1, 0].continuation && s[3, 0].continuation)
        #expect(s.line(0).hasPrefix("日本x"))
        #expect(Braille.sparkline([0, 1, 2, 3, 4, 5, 6, 7], width: 4).unicodeScalars.count == 4)
    }
}

@Suite struct KeysDocTests {
    @Test func keysDocMatchesTheBindingTable() throws {
        let doc = try String(contentsOfFile: TestPaths.repoRoot + "/docs/KEYS.md", encoding: .utf8)
        #expect(doc.trimmingCharacters(in: .whitespacesAndNewlines) == KeysDoc.text.trimmingCharacters(in: .whitespacesAndNewlines),
                "docs/KEYS.md is stale: regenerate with `triage tui --print-keys > docs/KEYS.md`")
    }

    @Test func pickerListsShippedSnapshotsAndSwitches() {
        let a = AppState(snapshot: AppStateTests.snapshot, width: 120, height: 30)
        for c in ":open" { a.handle(.char(c)) }
        a.handle(.enter)
        #expect(a.page == .picker)
        #expect(a.render().text.contains("incident-09"))
        a.handle(.char("g")); a.handle(.enter)
        #expect(a.snapshot.name == "incident-01" && a.page == .view(.overview))
    }
}
