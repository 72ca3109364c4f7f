import Foundation
import Testing
import TestSupport
import Scoring
@testable import Snapshot
@testable import TUI

/// Every shipped incident can be solved to 1.0 by a reader who follows only what the TUI's Overview shows and
/// what the docs say (the experiment object of a Chaos Mesh fault is the root cause), and hiding noise never
/// hides a chaos experiment or its events.
@Suite struct ShippedIncidentsSolvableTests {
    static let shipped = SnapshotCatalog.list(TestPaths.repoRoot + "/Snapshots")

    @Test func theOverviewListsEveryRootCauseOfEveryShippedIncident() throws {
        #expect(Self.shipped.count == 9)
        let changed = try NSRegularExpression(pattern: "(?:changed|appeared) +(\\S+)")
        for path in Self.shipped {
            let name = (path as NSString).lastPathComponent
            let snap = try Snapshot.load(path)
            let app = AppState(snapshot: snap, truthPath: nil, width: 160, height: 60)
            let text = app.render().text
            let listed = text.split(separator: "\n").compactMap { line -> String? in
                let l = String(line)
                guard let m = changed.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)), let r = Range(m.range(at: 1), in: l) else { return nil }
                return String(l[r])
            }
            let truth = try GroundTruth.load(path: path + "/ground_truth.yaml")
            let scorer = Scorer(truth: truth)
            // The reader submits the minimal set the docs ask for: one listed entity per root cause. It scores 1.0.
            var answer: [String] = [], found = Set<String>()
            for e in listed {
                let v = scorer.score(entities: [e]).verdicts[0]
                if v.verdict == .truePositive, let rc = v.rootCause, found.insert(rc).inserted { answer.append(e) }
            }
            let r = scorer.score(entities: answer)
            #expect(r.score == 1, "\(name): overview lists \(listed); roots \(scorer.classes)")
        }
    }

    @Test func hidingNoiseKeepsChaosExperimentsAndTheirEvents() throws {
        var chaosIncidents = 0
        for path in Self.shipped {
            let snap = try Snapshot.load(path)
            let experiments = snap.objects().map(\.entity).filter { Kind.chaos.contains($0.kind) }
            guard !experiments.isEmpty else { continue }
            chaosIncidents += 1
            let events = snap.events(EventFilter(hideNoise: true))
            #expect(events.contains { $0.entity.kind.hasSuffix("Chaos") && $0.reason == "Applied" }, "\(path)")
            for e in experiments { #expect(!Noise.isBackground(e)) }
            #expect(Noise.isBackground(EntityID(namespace: "chaos-mesh", kind: "Deployment", name: "chaos-controller-manager")))
        }
        #expect(chaosIncidents >= 4)
    }
}
