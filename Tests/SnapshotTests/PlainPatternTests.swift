import Foundation
import Testing
@testable import Snapshot

/// A plain-text pattern (no regex syntax) is matched in ASCII text byte for byte and compiled only when other text
/// needs ICU (`LazyRegex`): it must answer every match and every range exactly as the compiled ICU regex does, with and
/// without case, on ASCII text and on text where ICU's Unicode case folding differs (the Kelvin sign folds to `k`).
@Suite struct PlainPatternTests {
    @Test func plainPatternsAnswerAsTheCompiledRegex() throws {
        var rng = JSONTextWriterTests.Mix(state: 9)
        let pieces = ["a", "A", "b", "k", "K", "s", "S", " ", "-", "/", "\u{212A}", "\u{17F}", "é", "\n", "ab", "kab"]
        for round in 0..<3000 {
            let text = (0..<Int(rng.next() % 30)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let needle = ["a", "ab", "AB", "k", "kab", "sk", "a b", "b/k", "-a-", "é", "Ka"][round % 11]
            for ignoreCase in [false, true] {
                let p = try TextPattern(needle, ignoreCase: ignoreCase)
                let icu = try BudgetRegex(needle, ignoreCase: ignoreCase)
                #expect(p.matches(text) == icu.firstMatch(in: text), "\(needle) in \(text.debugDescription) ignoreCase \(ignoreCase)")
                let u = text.utf16
                let want = icu.utf16Ranges(in: text).map { u.index(u.startIndex, offsetBy: $0.lowerBound)..<u.index(u.startIndex, offsetBy: $0.upperBound) }
                #expect(p.ranges(in: text) == want, "\(needle) in \(text.debugDescription) ignoreCase \(ignoreCase)")
            }
        }
    }

    /// Regression: a case-sensitive literal with an escape (`ec2\.internal`) was looked for as its source text,
    /// backslash included, so it matched no entity, alert or event name (`ec2.internal` matched them).
    @Test func anEscapedLiteralMatchesTheTextItNames() throws {
        let p = try TextPattern("ec2\\.internal", ignoreCase: false)
        #expect(p.isPureLiteral && p.matches("Node/ip-10-0-12-41.ec2.internal"))
        #expect(!p.matches("Node/ip-10-0-12-41.ec2xinternal"))
        // The shipped incidents: the escaped and unescaped case-sensitive searches find the same node entities.
        let s = try Snapshot.load(SpanDigestTests.paths[0])
        let node = try #require(s.entities.first { $0.kind == "Node" }).name
        let escaped = node.replacingOccurrences(of: ".", with: "\\.")
        #expect(escaped != node)
        let a = try s.search(escaped, ignoreCase: false), b = try s.search(node, ignoreCase: false)
        #expect(a.totals["entity"] ?? 0 > 0 && a.totals["entity"] == b.totals["entity"] && a.totals["event"] == b.totals["event"])
    }

    @Test func plainTextIsCheckedWithoutCompilingAndSyntaxStillFailsAtOnce() {
        #expect(LazyRegex.isPlainText("cart service") && LazyRegex.isPlainText("GET /api/cart 200") && LazyRegex.isPlainText("a-b_c:d"))
        for p in ["a.b", "a|b", "(a", "a)", "[a", "a{2}", "a*", "a+", "a?", "^a", "a$", "a\\d"] { #expect(!LazyRegex.isPlainText(p), "\(p)") }
        #expect(throws: TextPattern.PatternError.self) { try TextPattern("cart)") }
        #expect(throws: TextPattern.PatternError.self) { try TextPattern("[cart") }
        #expect((try? TextPattern("cart", ignoreCase: true))?.exhausted == false)
    }
}
