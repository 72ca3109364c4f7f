import Testing
@testable import Snapshot

/// Regexes that could backtrack without limit are refused before they run (issue 14).
@Suite struct RegexSafetyTests {
    @Test func nestedRepetitionsAreFoundAndOrdinaryPatternsPass() throws {
        for bad in ["(a+)+$", "(x*)*", "(.*a){2,}", "((ab)*)+", "(?:a|b+)*c", "(\\d+)+x", "([a-z]+)*$"] {
            #expect(RegexSafety.nestedRepetition(in: bad) != nil, "\(bad)")
            #expect(throws: TextPattern.PatternError.self) { try TextPattern(bad) }
        }
        for ok in ["checkout-.*", ".*adservice", "frontend\\b", "[a-z]+", "(ab)+", "(a+)?", "a{2,5}", "\\(a+\\)+", "[(a+)]+",
                   "connection (refused|reset)", "(a+){1}", "error|timeout", "upstream connect error"] {
            #expect(RegexSafety.nestedRepetition(in: ok) == nil, "\(ok)")
        }
        #expect(try TextPattern("timeout").matches("a timeout here"))
        // The error names the position and the fix.
        do { _ = try TextPattern("(a+)+$"); Issue.record("accepted") } catch { #expect("\(error)".contains("position 4") && "\(error)".contains("exponential")) }
    }
}
