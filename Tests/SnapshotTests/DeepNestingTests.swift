import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Issue 14: `[` × 100,000 in a cell overflowed the stack with no message. Every recursive parser bounds its depth and
/// the cell is reported; the rest of the file loads.
@Suite struct DeepNestingTests {
    @Test func pythonLiteralsRefuseDeepNestingWithAPosition() {
        for open in ["[", "(", "{'a': "] {
            let text = String(repeating: open, count: 100_000)
            #expect { try PythonLiteral.parse(Array(text.utf8)) } throws: { "\($0)".contains("nested deeper than \(PythonLiteral.maxDepth) levels") }
        }
        let fine = String(repeating: "[", count: PythonLiteral.maxDepth) + String(repeating: "]", count: PythonLiteral.maxDepth)
        #expect(throws: Never.self) { _ = try PythonLiteral.parse(Array(fine.utf8)) }
    }

    @Test func aDeeplyNestedTagsCellIsReportedAndTheFileLoads() throws {
        let file = "metrics/pod_cart-ssvdx9gpss-wpqhm_raw.tsv"
        let before = try Snapshot.load(TestPaths.snapshot("incident-02"))
        let s = try RecordDiagnosticsTests.damaged(file) { l in
            var c = RecordDiagnosticsTests.cells(l[2]); c[c.count - 1] = String(repeating: "[", count: 100_000); l[2] = c.joined(separator: "\t")
        }
        #expect(s.diagnostics.contains { $0.file == file && $0.line == 3 && $0.reason.contains("tags") }, "\(s.diagnostics)")
        #expect(s.metricFiles.count == before.metricFiles.count)
    }
}
