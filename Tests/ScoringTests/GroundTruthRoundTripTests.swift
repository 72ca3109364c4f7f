import Foundation
import Testing
@testable import Scoring
import Snapshot

/// Every real and shipped ground truth survives load → save → load with identical scoring for any submission.
@Suite struct GroundTruthRoundTripTests {
    @Test func realGroundTruthsSaveWithIdenticalScoring() throws {
        let all = RealGroundTruthScoringTests.truths()
        #expect(all.count >= 9)
        let dir = NSTemporaryDirectory() + "triage-gt-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var checked = 0
        for (name, gt) in all {
            let (repaired, _) = GroundTruthFile.repairDangling(gt)
            let path = "\(dir)/\(name.replacingOccurrences(of: "/", with: "_")).yaml"
            try GroundTruthFile.save(repaired, to: path)
            let back = try GroundTruth.load(path: path, strict: true)
            #expect(back.groups == gt.groups, "\(name): groups changed")
            // Issue 15: what a save used to drop (what the fault changed, the recommended actions) comes back too.
            #expect(back.faults == gt.faults && back.actions == gt.actions && back.aliases == gt.aliases, "\(name): faults or actions changed")
            let a = Scorer(truth: gt), b = Scorer(truth: back)
            // Submissions: natural answer, plus each group's natural name, plus noise, in several combinations.
            let naturals = gt.groups.map { RealGroundTruthScoringTests.natural($0, in: gt) }
            var subs: [[String]] = [[], a.classes.map { RealGroundTruthScoringTests.natural(gt.group($0[0])!, in: gt) }, naturals,
                                     ["otel-demo/Deployment/unrelated", "chaos-mesh/NetworkChaos/x"]]
            for n in naturals { subs.append([n]); subs.append([n, "otel-demo/Service/frontend"]) }
            for sub in subs {
                let ra = a.score(entities: sub), rb = b.score(entities: sub)
                #expect(ra.score == rb.score && ra.verdicts.map(\.verdict) == rb.verdicts.map(\.verdict), "\(name): \(sub)")
            }
            checked += 1
        }
        #expect(checked == all.count)
        // The previous file is kept as a backup on overwrite.
        let (first, _) = GroundTruthFile.repairDangling(all[0].1)
        let p = "\(dir)/again.yaml"
        try GroundTruthFile.save(first, to: p)
        try GroundTruthFile.save(first, to: p)
        #expect(FileManager.default.fileExists(atPath: p + ".bak"))
    }

    @Test func invalidGroundTruthIsRefusedAndNothingIsWritten() throws {
        let dir = NSTemporaryDirectory() + "triage-gt-bad-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let noRoot = try GroundTruth.parse("groups:\n  - {id: a, kind: Pod, name: x}\n")
        #expect(throws: GroundTruthFile.ValidationError.self) { try GroundTruthFile.save(noRoot, to: dir + "/g.yaml") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/g.yaml"))
        let snap = try Snapshot.load((GroundTruthTests.repoRoot as NSString).appendingPathComponent("Snapshots/incident-02"))
        let ghost = try GroundTruth.parse("groups:\n  - {id: a, kind: ConfigMap, namespace: otel-demo, name: not-there, root_cause: true}\n")
        let problems = GroundTruthFile.validate(ghost, snapshot: snap)
        #expect(problems.contains { $0.contains("matches nothing in the snapshot") })
        let real = try GroundTruth.load(path: (GroundTruthTests.repoRoot as NSString).appendingPathComponent("Snapshots/incident-02/ground_truth.yaml"))
        #expect(GroundTruthFile.validate(real, snapshot: snap).isEmpty)
        #expect(GroundTruthFile.preview(GroundTruth.Group(id: "p", kind: "Pod", namespace: "otel-demo", name: nil, filter: ["frontend-.*"], rootCause: false), in: snap)
            .allSatisfy { $0.name.hasPrefix("frontend-") })
    }

    /// Issue 15: one writer for the generator and for labelling; ids and names that YAML would read as something else
    /// (numbers, booleans, `null`) come back as the strings they were.
    @Test func theGeneratorAndLabellingShareOneWriterThatQuotesEveryScalar() throws {
        let gt = GroundTruth(schema: .v1flat, name: nil,
                             groups: [.init(id: "123", kind: "Pod", namespace: "null", name: "yes", filter: [], rootCause: true),
                                      .init(id: "no", kind: "Service", namespace: "otel-demo", name: nil, filter: ["a\\b: c"], rootCause: false)],
                             aliases: [["123", "no"]], propagations: [], alerts: [],
                             faults: [.init(category: "c", condition: "x", mechanism: "m", entityGroup: nil, entityKind: "Pod", entityName: "yes",
                                            changedElement: "data.demo\\.flagd\\.json", changedFrom: "a\nb", changedTo: "on")],
                             actions: [.init(id: "fix", steps: ["roll back", "it's done"])])
        let back = try GroundTruth.parse(GroundTruthFile.yaml(gt), file: "q.yaml", strict: true)
        #expect(back.groups == gt.groups && back.faults == gt.faults && back.actions == gt.actions && back.aliases == gt.aliases)
        let shipped = try String(contentsOfFile: (GroundTruthTests.repoRoot as NSString).appendingPathComponent("Snapshots/incident-02/ground_truth.yaml"), encoding: .utf8)
        #expect(shipped == GroundTruthFile.yaml(try GroundTruth.parse(shipped, file: "incident-02")), "the shipped files are written by the one writer")
    }
}

