import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import TUI

/// The TUI in agent mode (driven by the MCP `tui` tool): it opens and writes nothing outside the snapshot, withholds
/// the suspects hint when told to, and hands a submitted basket to the server instead of scoring it.
@Suite(.serialized) struct AgentModeTests {
    static let snapshot = try! Snapshot.load(TestPaths.snapshot("incident-02"))

    @Test func agentModeStaysInsideTheSnapshot() throws {
        let a = AppState(snapshot: Self.snapshot, truth: nil, width: 120, height: 40)
        a.agentMode = true
        a.hintsAllowed = false
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID().uuidString).csv").path
        a.typeCommand("w \(file)")
        #expect(a.message?.contains("not available to an agent") == true && !FileManager.default.fileExists(atPath: file))
        a.typeCommand("open /")
        #expect(a.message?.contains("not available to an agent") == true && a.page == .view(.overview))
        a.typeCommand("suspects")
        #expect(a.message?.contains("switched off") == true && a.page != .suspects)
        var handed: [String] = []
        a.submitHandler = { basket in handed = basket; return "recorded \(basket.count)" }
        a.typeCommand("add netpol/frontend-block-all-ports")
        a.submit()
        #expect(handed == ["otel-demo/NetworkPolicy/frontend-block-all-ports"] && a.message == "recorded 1" && a.lastScore == nil)
        a.handle(.char("q"))
        #expect(a.quit)
        a.clearQuit()
        #expect(!a.quit)
    }
}
