import Foundation
import Testing
@testable import Scoring
@testable import Snapshot
@testable import TUI

/// Hand-labelling in the TUI: the keys and commands build a ground truth that validates, saves and scores.
@Suite(.serialized) struct LabelModeTests {
    static let snapshot = AppStateTests.snapshot

    func labelling(_ out: String) -> AppState {
        let a = AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 40)
        a.labelling = LabelSession(path: out, existing: nil)
        return a
    }

    @Test func labelSaveAndScoreAgainstTheNewGroundTruth() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("label-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/ground_truth.yaml"
        let a = labelling(out)
        a.typeCommand("entity netpol/frontend-block-all-ports")
        a.handle(.char("m"))
        #expect((a.message ?? "").contains("marked as a root cause"))
        #expect(a.render().line(0).contains("labelling (1 root)"))
        a.typeCommand("entity svc/frontend")
        a.typeCommand("prop blocks all ingress | frontend unreachable")
        #expect((a.message ?? "").contains("propagation frontend-block-all-ports-networkpolicy → frontend-service"))
        a.handle(.char("A"))
        #expect((a.message ?? "").contains("anchor group"))          // aliasing a group to itself is refused
        a.typeCommand("alert RequestErrorRate")
        a.typeCommand("group Pod otel-demo ^frontend-[a-z0-9]+-[a-z0-9]+$")
        #expect((a.message ?? "").contains("matches 1: frontend-"))   // live preview: frontend-proxy is not matched
        a.typeCommand("group Pod otel-demo ^no-such-pod-")
        #expect(a.render().text.contains("matches 0"))
        a.typeCommand("gt")
        #expect(a.render().text.contains("⚠ group pod-4 matches nothing in this snapshot"))
        a.typeCommand("drop pod-4")
        #expect((a.message ?? "").contains("dropped group pod-4"))
        let screen = a.render().text
        #expect(!screen.contains("group pod-4:") && !screen.contains("⚠"))
        #expect(screen.contains("★ root  frontend-block-all-ports-networkpolicy"))
        #expect(screen.contains("✔ valid"))
        a.typeCommand("save")
        #expect((a.message ?? "").hasPrefix("saved \(out)"))

        let truth = try GroundTruth.load(path: out, strict: true)
        #expect(truth.rootCauseGroups.map(\.id) == ["frontend-block-all-ports-networkpolicy"])
        #expect(truth.propagations.count == 1 && truth.alerts.map(\.id) == ["RequestErrorRate"])
        let scorer = Scorer(truth: truth)
        let good = scorer.score(Submission(format: .jsonList, entities: ["otel-demo/NetworkPolicy/frontend-block-all-ports"], source: "test"))
        let noisy = scorer.score(Submission(format: .jsonList, entities: ["otel-demo/NetworkPolicy/frontend-block-all-ports", "otel-demo/Service/frontend"], source: "test"))
        #expect(good.score == 1.0 && noisy.score == 0.5)

        // Saving again keeps the previous file as .bak; unmarking the only root cause makes it invalid and unsaved.
        a.typeCommand("entity netpol/frontend-block-all-ports")
        a.handle(.char("m"))
        #expect((a.message ?? "").contains("no longer a root cause"))
        a.typeCommand("save")
        #expect((a.message ?? "").hasPrefix("not saved"))
        #expect(try GroundTruth.load(path: out).rootCauseGroups.count == 1)   // nothing overwritten
    }

    @Test func labelKeysOutsideLabelModeSayHowToStartIt() {
        let a = AppState(snapshot: Self.snapshot, truthPath: nil, width: 120, height: 40)
        a.handle(.char("m"))
        #expect((a.message ?? "").contains("triage label"))
    }
}
