import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// The main views and the pages reached from them as a person sees them, at 80×24 and 120×40, kept as golden screens
/// (Tests/TUITests/Golden): a change to any of them shows up as a diff in review. `TRIAGE_UPDATE_GOLDEN=1 swift test --filter GoldenScreenTests` rewrites
/// them. And at 120 columns no entity identifier in a list is cut.
@Suite(.serialized) struct GoldenScreenTests {
    static let snapshot = try! Snapshot.load(TestPaths.snapshot("incident-02"))
    static let dir = (TestPaths.repoRoot as NSString).appendingPathComponent("Tests/TUITests/Golden")
    static let views: [(key: Character, name: String)] = [("1", "overview"), ("2", "alerts"), ("3", "events"), ("4", "traces"),
                                                           ("5", "metrics"), ("6", "logs"), ("7", "topology"), ("8", "objects"), ("9", "entities")]
    static let sizes = [(80, 24), (120, 40)]

    static func screen(_ key: Character, _ w: Int, _ h: Int) -> AppState { scripted([String(key)], w, h) }

    @Test func mainViewsMatchTheirGoldenScreens() throws {
        try Self.check(Self.views.map { ($0.name, [String($0.key)]) })
    }

    /// Compares each script's screen at both sizes with its golden file (or rewrites them with TRIAGE_UPDATE_GOLDEN=1),
    /// naming the first line that differs; no line may be wider than the terminal.
    static func check(_ scripts: [(name: String, script: [String])]) throws {
        let update = ProcessInfo.processInfo.environment["TRIAGE_UPDATE_GOLDEN"] != nil
        var stale: [String] = []
        for (name, script) in scripts {
            for (w, h) in sizes {
                let text = scripted(script, w, h).render().text
                #expect(text.split(separator: "\n").allSatisfy { TextWidth.of(String($0)) <= w }, "\(name) fits \(w) columns")
                let file = (dir as NSString).appendingPathComponent("\(name)-\(w)x\(h).txt")
                if update {
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    try text.write(toFile: file, atomically: true, encoding: .utf8)
                    continue
                }
                let golden = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
                if golden != text {
                    let a = golden.split(separator: "\n", omittingEmptySubsequences: false), b = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
                    stale.append("\(name) \(w)x\(h), line \(first.map { "\($0.offset + 1): '\($0.element.0)' → '\($0.element.1)'" } ?? "count")")
                }
            }
        }
        #expect(stale.isEmpty, "screens differ from Tests/TUITests/Golden (TRIAGE_UPDATE_GOLDEN=1 rewrites them):\n\(stale.joined(separator: "\n"))")
    }

    /// The pages reached from the views, as the closing note of issue 16 shows them: a record read whole, Traces
    /// ordered by duration, Logs filtered with its histogram, a series plot with its marks, a blast radius.
    static let pages: [(name: String, script: [String])] = [
        ("detail", ["6", "j", "j", "d"]), ("traces-ordered", ["4", "o", "o", "O"]), ("logs-filtered", ["6", "/upstream|timeout"]),
        ("series", ["5", "enter"]), ("tree", [":tree netpol/frontend-block-all-ports"]), ("events-wrapped", ["3", "w"]),
    ]

    static func scripted(_ script: [String], _ w: Int, _ h: Int) -> AppState {
        let a = AppState(snapshot: snapshot, truthPath: nil, width: w, height: h)
        for step in script {
            if step.hasPrefix(":") { a.typeCommand(String(step.dropFirst())) }
            else if step.hasPrefix("/") { a.handle(.char("/")); for c in step.dropFirst() { a.handle(.char(c)) }; a.handle(.enter) }
            else { a.handle(Key.named(step)!) }
        }
        return a
    }

    @Test func pagesMatchTheirGoldenScreens() throws { try Self.check(Self.pages) }

    @Test func noEntityIdentifierIsCutAt120Columns() {
        for (key, name) in Self.views where ["alerts", "events", "objects", "entities"].contains(name) {
            let a = Self.screen(key, 120, 40)
            let text = a.render().text
            let c = a.views[a.page]?.cursor ?? ListCursor()
            let shown = a.table().rows.dropFirst(c.top).prefix(a.pageSize)
            for r in shown {
                guard let e = r.entity, r.cells.contains(where: { $0.contains(e) }) else { continue }
                #expect(text.contains(e), "\(name): '\(e)' is cut at 120 columns")
            }
        }
    }

    @Test func identifiersAreCutInTheMiddleKeepingTheirSuffix() {
        let id = "data-recorders/Pod/k8s-objects-recorder-4k8ffwnzl7-wr4bx"
        let cut = TextWidth.fit(id, to: 34)
        #expect(TextWidth.of(cut) == 34 && cut.hasPrefix("data-recorders/Pod/") && cut.hasSuffix("fwnzl7-wr4bx") && cut.contains("…"), "\(cut)")
        #expect(TextWidth.fit("Readiness probe failed: connection refused", to: 20) == "Readiness probe fai…")
        // Widths follow content: a fixed column never keeps more than it needs, and an identifier column fills first.
        let w = TableView.widths([Column("REASON", .fixed(18)), Column("OBJECT", .flex(min: 10)), Column("MESSAGE", .flex(min: 10))],
                                 total: 80, content: [9, 50, 200], identifiers: [1])
        #expect(w[0] == 9 && w[1] == 50 && w[2] == 80 - 2 - 9 - 50)
    }
}
