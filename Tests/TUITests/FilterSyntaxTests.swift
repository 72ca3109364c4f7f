import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// One filter and find syntax in every view: a regex, case-insensitive unless it has an uppercase letter (smart
/// case), matching every field of a row including the entity it names; the Logs view's regex follows the same rule.
@Suite struct FilterSyntaxTests {
    static let snapshot = try! Snapshot.load(TestPaths.snapshot("incident-02"))
    func app() -> AppState { AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 40) }

    func filtered(_ a: AppState, _ text: String) -> [Row] {
        a.handle(.char("/"))
        for c in text { a.handle(.char(c)) }
        a.handle(.enter)
        return a.table().rows
    }

    @Test func regexAndSmartCaseInTheEventsView() {
        let a = app()
        a.handle(.char("3"))
        let all = a.table().rows
        let lower = filtered(a, "unhealthy")
        #expect(!lower.isEmpty && lower.allSatisfy { $0.cells.joined(separator: " ").lowercased().contains("unhealthy") })
        a.handle(.escape)
        #expect(filtered(a, "Unhealthy").count == lower.count)
        a.handle(.escape)
        #expect(filtered(a, "UNHEALTHY").isEmpty, "an uppercase letter makes the filter case-sensitive")
        a.handle(.escape)
        let either = filtered(a, "Unhealthy|RELOAD")
        #expect(either.contains { $0.cells[2] == "RELOAD" } && either.contains { $0.cells[2] == "Unhealthy" })
        #expect(either.count < all.count)
        a.handle(.escape)
        // Fields not shown match too: a pod's namespace and kind through the entity it names.
        #expect(!filtered(a, "^data-recorders/Pod/").isEmpty)
        a.handle(.escape)
        // Text that is not a regex yet is matched as text, and the status line says why.
        _ = filtered(a, "(unclosed")
        _ = a.render()
        #expect(a.message?.contains("bad regex") == true && a.message?.contains("as text") == true)
    }

    @Test func theLogsViewUsesTheSameCaseRule() throws {
        let a = app()
        a.handle(.char("6"))
        let lower = a.logMatchIndices().count
        _ = filtered(a, "connection timeout")
        let insensitive = a.logMatchIndices()
        #expect(insensitive.count == (try Self.snapshot.logMatches(LogQuery(pattern: "connection timeout", ignoreCase: true))).count)
        a.handle(.escape)
        _ = filtered(a, "Connection Timeout")
        #expect(a.logMatchIndices().count == (try Self.snapshot.logMatches(LogQuery(pattern: "Connection Timeout"))).count)
        #expect(lower > insensitive.count)
    }

    @Test func findUsesTheSameSyntax() {
        let a = app()
        a.handle(.char("3"))
        a.handle(.char("f"))
        for c in "reload|unhealthy" { a.handle(.char(c)) }
        a.handle(.enter)
        let first = a.selectedRow()?.cells[2]
        #expect(first == "RELOAD" || first == "Unhealthy", "\(String(describing: first))")
        a.handle(.char("n"))
        #expect(a.message?.contains("next") == true)
    }

    /// The Logs filter matches every field of a row, as the other views' filters do: a record's service, pod and
    /// level, not only its message (the CLI's --pattern stays on the body).
    @Test func theLogsFilterMatchesServiceAndLevelToo() throws {
        let s = Self.snapshot
        let bodyOnly = try s.logMatches(LogQuery(pattern: "flagd", ignoreCase: true))
        let anyField = try s.logMatches(LogQuery(pattern: "flagd", ignoreCase: true, anyField: true))
        let l = try #require(s.logs)
        let byService = (0..<l.count).filter { l.strings.strings[Int(l.service[$0])].contains("flagd") }.map(Int32.init)
        #expect(Set(anyField) == Set(bodyOnly).union(byService))
        #expect(anyField.count > bodyOnly.count, "records of the flagd service whose message does not say flagd")
        #expect(zip(anyField, anyField.dropFirst()).allSatisfy { l.time[Int($0.0)] <= l.time[Int($0.1)] })
        let a = app()
        a.handle(.char("6"))
        _ = filtered(a, "flagd")
        #expect(a.logMatchIndices() == anyField)
        let errors = try s.logMatches(LogQuery(minLevel: .error)).filter { l.level[Int($0)] == LogIndex.Level.error.rawValue }
        #expect(Set(try s.logMatches(LogQuery(pattern: "^ERROR$", anyField: true))).isSuperset(of: errors))
    }
}
