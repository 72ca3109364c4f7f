import Foundation
import Testing
@testable import Scoring
@testable import Snapshot
@testable import TUI

/// Every real ITBench ground truth opens in label mode, renders, and saves back with identical scoring.
@Suite struct LabelRealGroundTruthTests {
    static let gtDir = ((AppStateTests.root as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared/itbench/groundtruth")

    @Test func everyRealGroundTruthOpensInLabelModeAndSavesBackUnchanged() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: Self.gtDir) else { print("\(Self.gtDir) is absent: real ground truths skipped"); return }
        let dir = NSTemporaryDirectory() + "triage-label-real-\(UUID().uuidString.prefix(8))"
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: dir) }
        var opened = 0
        for scenario in try fm.contentsOfDirectory(atPath: Self.gtDir).sorted() {
            for file in ["groundtruth_v1.yaml", "groundtruth.yaml"] {
                let src = "\(Self.gtDir)/\(scenario)/\(file)"
                guard fm.fileExists(atPath: src) else { continue }
                let original = try GroundTruth.load(path: src)
                let out = "\(dir)/\(scenario)-\(file)"
                let session = LabelSession(path: out, existing: original)
                let app = AppState(snapshot: AppStateTests.snapshot, truthPath: nil, width: 160, height: 60)
                app.labelling = session
                app.runCommand("gt")
                #expect(app.render().text.contains("★ root"), "\(scenario)/\(file): no root cause on the page")
                #expect(session.truth.groups == original.groups, "\(scenario)/\(file): groups changed on open")
                try GroundTruthFile.save(session.truth, to: out)
                let back = try GroundTruth.load(path: out, strict: true)
                let a = Scorer(truth: original), b = Scorer(truth: back)
                for g in original.groups {
                    let answer = [g.namespace ?? "otel-demo", g.kind, g.name ?? g.filter.first ?? "x"].joined(separator: "/")
                    for sub in [[answer], [answer, "otel-demo/Service/frontend"], [answer, "chaos-mesh/PodChaos/x"]] {
                        #expect(a.score(entities: sub).score == b.score(entities: sub).score, "\(scenario)/\(file): \(sub)")
                    }
                }
                opened += 1
            }
        }
        #expect(opened >= 29)
    }
}
