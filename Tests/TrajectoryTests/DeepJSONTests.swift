import Foundation
import Testing
@testable import Trajectory
@testable import Scoring

/// Issue 14: deeply nested JSON in a trajectory or a submission is an error for that record or file, never a crash.
@Suite struct DeepJSONTests {
    @Test func deepArraysAndObjectsAreRefused() {
        for text in [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000),
                     "{\"role\": \"assistant\", \"content\": " + String(repeating: "[", count: 100_000) + "}\n{\"role\": \"user\", \"content\": \"hi\"}\n"] {
            let data = Data(text.utf8)
            if let t = try? TrajectoryReader.parse(data, source: "deep.json") { #expect(!t.problems.isEmpty || t.steps.count <= 1) }
            #expect(throws: (any Error).self) { _ = try Submission.parse(data, source: "deep.json") }
        }
    }
}
