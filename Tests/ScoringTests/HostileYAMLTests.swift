import Foundation
import Testing
@testable import Scoring

/// Issue 14: deep nesting and alias bombs in a ground truth are refused quickly with a message naming the file.
@Suite struct HostileYAMLTests {
    @Test func deepNestingIsRefusedNotAStackOverflow() {
        for text in [String(repeating: "[", count: 100_000), String(repeating: "- ", count: 100_000) + "x",
                     "groups:\n" + String(repeating: "{a: ", count: 100_000)] {
            #expect { try GroundTruth.parse(text, file: "deep.yaml") } throws: { "\($0)".contains("deep.yaml") }
        }
    }

    @Test func anAliasBombIsRefusedAtOnce() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "groups: *a9\n"
        let start = Date()
        #expect { try GroundTruth.parse(text, file: "bomb.yaml") } throws: { "\($0)".contains("bomb.yaml") && "\($0)".contains("refused") }
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
