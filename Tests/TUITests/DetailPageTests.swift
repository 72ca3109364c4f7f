import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// Every row kind can be read whole (`d` or →), and as stored (`y`); Enter keeps its meaning where it opens
/// something better, and an entity page's error rows open their span.
@Suite(.serialized) struct DetailPageTests {
    static let path = TestPaths.snapshot("incident-02")
    static let snapshot = try! Snapshot.load(path)

    func app() -> AppState { AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 40) }
    func key(_ a: AppState, _ names: String...) { for n in names { a.handle(Key.named(n)!) } }

    @Test func everyListReadsItsRecordWhole() {
        let a = app()
        // A log line: the whole body and every attribute, one key per line.
        a.handle(.char("6")); key(a, "d")
        var text = a.render().text
        #expect(a.page == .detail("log:0") && text.contains("ResourceAttributes.k8s.pod.name") && text.contains("body"))
        key(a, "y")
        #expect(a.render().text.contains("ResourceAttributes {'k8s.deployment.name'"))
        key(a, "y", "esc")
        #expect(a.page == .view(.logs))
        // An event: message, object, source, counts, first and last seen.
        a.handle(.char("3")); key(a, "d")
        text = a.render().text
        #expect(text.contains("reason") && text.contains("first seen") && text.contains("last seen") && text.contains("source"))
        key(a, "esc")
        // An alert: labels, annotations, the active interval.
        a.handle(.char("2")); key(a, "d")
        text = a.render().text
        #expect(a.page.title == "Detail alert" && text.contains("label alertname") && text.contains("present"))
        key(a, "esc")
        // A metric series: its labels.
        a.handle(.char("5")); key(a, "d")
        #expect(a.render().text.contains("samples") && a.render().text.contains("anomaly"))
        key(a, "esc")
        // A span of a trace: Enter opens the trace as before, d reads the span.
        a.handle(.char("4")); key(a, "enter")
        guard case .trace = a.page else { Issue.record("Enter on a trace should open it"); return }
        key(a, "d")
        text = a.render().text
        #expect(text.contains("operation") && text.contains("parent") && text.contains("status"))
        // A row that is not one record says so.
        a.handle(.char("1")); key(a, "d")
        #expect(a.page == .view(.overview) && a.render().text.contains("not a single record"))
    }

    @Test func errorRowsOfAnEntityPageOpenTheirSpan() throws {
        let a = app()
        a.typeCommand("entity svc/frontend-proxy")
        let rows = a.table().rows
        let i = try #require(rows.firstIndex { $0.cells[0].hasPrefix("error") })
        for _ in 0..<i { key(a, "j") }
        key(a, "enter")
        guard case .detail(let ref) = a.page else { Issue.record("Enter on an error row did nothing: \(a.page)"); return }
        #expect(ref.hasPrefix("span:") && a.render().text.contains("status") && a.render().text.contains("Error"))
    }
}

extension DetailPageTests {
    @Test func copyPutsTheEntityOrTheRecordOnTheClipboard() {
        let a = app()
        a.typeCommand("entity svc/frontend-proxy")
        key(a, "c")
        #expect(a.clipboard == "otel-demo/Service/frontend-proxy" && a.render().text.contains("copied otel-demo/Service/frontend-proxy"))
        a.clipboard = nil
        a.handle(.char("6")); key(a, "d", "c")
        #expect(a.clipboard?.hasPrefix("Timestamp\t") == true && a.clipboard!.contains("ResourceAttributes\t{"))
    }
}

extension DetailPageTests {
    @Test func filterIsLiveAndFindJumpsWithNAndShiftN() {
        let a = app()
        a.handle(.char("3"))                                      // Events
        let all = a.table().rows.count
        a.handle(.char("/")); for c in "Unhea" { a.handle(.char(c)) }
        #expect(a.table().rows.count < all && a.table().rows.allSatisfy { $0.cells.joined().contains("Unhea") })   // before Enter
        key(a, "esc")
        #expect(a.table().rows.count == all)
        // f finds without filtering; n and N move between matches, wrapping around.
        a.handle(.char("f")); for c in "created" { a.handle(.char(c)) }; key(a, "enter")
        #expect(a.table().rows.count == all)
        let first = a.selectedRow()!.cells.joined(separator: " ")
        #expect(first.localizedCaseInsensitiveContains("created"))
        key(a, "n")
        let second = (a.views[a.page]?.cursor ?? ListCursor()).selected
        key(a, "N")
        #expect(a.selectedRow()!.cells.joined(separator: " ") == first && second > 0)
        a.handle(.char("f")); for c in "no-such-text" { a.handle(.char(c)) }; key(a, "enter")
        #expect(a.render().text.contains("'no-such-text' is not in this view"))
        // Noise moved to z.
        a.handle(.char("z"))
        #expect(a.hideNoise)
    }
}
