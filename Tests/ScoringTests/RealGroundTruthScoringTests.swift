import Foundation
import Testing
import TestSupport
@testable import Scoring
import Snapshot

/// For every real and shipped ground truth: the natural correct answer scores 1.0 (lenient), adding one symptom
/// from its propagations gives TP/(TP+1), dropping a root cause gives 0. Plus the named traps.
@Suite struct RealGroundTruthScoringTests {
    /// The name and kind an investigator would write for a group: the object, not the pattern.
    /// A Pod or ReplicaSet root is written as its Deployment (the workload stands for its pods), unless the ground
    /// truth gives that Deployment a group of its own (scenario 44: the root is `payment-.*` Pods, the Deployment
    /// `payment` a symptom): then an investigator names a pod, as the snapshot spells it.
    static func natural(_ g: GroundTruth.Group, in truth: GroundTruth? = nil) -> String {
        var name = g.name ?? g.filter.first ?? ""
        if g.name == nil {
            for suffix in ["-.*", "-.+", "\\b", "$", "-*", "*"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
            if name.hasPrefix(".*") { name.removeFirst(2) }
            if name.hasPrefix("^") { name.removeFirst() }
            name = name.replacingOccurrences(of: "\\", with: "")
            if (try? NSRegularExpression(pattern: g.filter.first ?? "")) == nil { name = GroundTruth.nameCarried(byGroupID: g.id, kind: g.kind) ?? g.id }
        }
        var kind = ["Pod", "ReplicaSet"].contains(g.kind) ? "Deployment" : g.kind
        if kind != g.kind, let truth, truth.groups.contains(where: { d in
            !d.rootCause && d.kind == "Deployment" && d.namespace == g.namespace
                && (d.name == name || d.filter.contains { f in (try? NSRegularExpression(pattern: "^(?:\(f))$"))?.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil })
        }) {
            kind = g.kind
            name += g.kind == "Pod" ? "-7d9c6b5f4-x2k8q" : "-7d9c6b5f4"
        }
        if kind == "Namespace" { return "Namespace/\(name)" }
        return "\(g.namespace ?? "default")/\(kind)/\(name)"
    }

    static func truths() -> [(String, GroundTruth)] {
        var out: [(String, GroundTruth)] = []
        for (name, path) in TestPaths.realGroundTruthFiles() {
            // An empty placeholder has no answer to score (PlaceholderTruthTests checks what is done with it).
            if let gt = try? GroundTruth.load(path: path), !gt.isPlaceholder { out.append((name, gt)) }
        }
        let shipped = (GroundTruthTests.repoRoot as NSString).appendingPathComponent("Snapshots")
        for p in SnapshotCatalog.list(shipped) {
            if let gt = try? GroundTruth.load(path: p + "/ground_truth.yaml") { out.append(((p as NSString).lastPathComponent, gt)) }
        }
        return out
    }

    @Test func naturalAnswersScorePerfectly() throws {
        let all = Self.truths()
        #expect(all.count >= 9)
        for (name, gt) in all {
            let scorer = Scorer(truth: gt)
            // One natural entity per class: the root group of the class.
            let roots = scorer.classes.map { c in gt.group(c[0])! }
            let answer = roots.map { Self.natural($0, in: gt) }
            let r = scorer.score(entities: answer)
            #expect(r.score == 1, "\(name): \(answer) → \(r.verdicts.map(\.explanation)) missed \(r.missed.map(\.rootCause))")
            // Plus one symptom from the propagations (a target outside every root class).
            let inClass = Set(scorer.classes.flatMap { $0 })
            if let sym = gt.propagations.map(\.target).first(where: { !inClass.contains($0) && gt.group($0) != nil
                && !answer.map { $0.lowercased() }.contains(Self.natural(gt.group($0)!, in: gt).lowercased()) }) {
                let g = gt.group(sym)!
                let r2 = scorer.score(entities: answer + [Self.natural(g, in: gt)])
                if r2.truePositives == answer.count {
                    #expect(r2.score == Double(answer.count) / Double(answer.count + 1), "\(name): symptom \(Self.natural(g))")
                    #expect(r2.verdicts.last!.verdict == .falsePositive)
                }
            }
            // Dropping a root cause gives 0.
            if answer.count >= 1 { #expect(scorer.score(entities: Array(answer.dropLast())).score == 0, "\(name)") }
        }
    }

    @Test func trapScenario1V1VersusV2() throws {
        guard FileManager.default.fileExists(atPath: GroundTruthTests.gtDir) else { return }
        let v1 = try GroundTruth.load(path: "\(GroundTruthTests.gtDir)/scenario_1/groundtruth_v1.yaml")
        let v2 = try GroundTruth.load(path: "\(GroundTruthTests.gtDir)/scenario_1/groundtruth.yaml")
        let answer = ["otel-demo/ConfigMap/flagd-config"]
        #expect(Scorer(truth: v2).score(entities: answer).score == 1)
        #expect(Scorer(truth: v1).score(entities: answer).score == 0)
        // v1's alias class lumps the victim frontend-proxy with the root: authored behaviour, so it counts.
        let r = Scorer(truth: v1).score(entities: ["otel-demo/Service/frontend-proxy"])
        #expect(r.score == 1)
        #expect(r.verdicts[0].explanation.contains("via alias group"))
    }

    @Test func trapScenario29OtelNameVersusObjectName() throws {
        guard FileManager.default.fileExists(atPath: GroundTruthTests.gtDir) else { return }
        let gt = try GroundTruth.load(path: "\(GroundTruthTests.gtDir)/scenario_29/groundtruth_v1.yaml")
        // The root is the JVMChaos on the `ad` service, written with the OTel/architecture name `adservice`.
        let chaos = ["chaos-mesh/JVMChaos/jvm-return-otel-demo-ad"]
        let lenient = Scorer(truth: gt).score(entities: chaos)
        #expect(lenient.score == 1)
        #expect(lenient.verdicts[0].explanation.contains("'-service' naming"))
        let strict = Scorer(truth: gt, options: ScoringOptions(profile: .strict)).score(entities: chaos)
        #expect(strict.score == 0)
        // The victim Deployment is a symptom, not the root cause.
        #expect(Scorer(truth: gt).score(entities: ["otel-demo/Deployment/ad"]).verdicts[0].explanation.hasPrefix("symptom"))
    }

    @Test func trapsScenarios20_23_105SuffixRelaxation() throws {
        guard FileManager.default.fileExists(atPath: GroundTruthTests.gtDir) else { return }
        for (s, answer) in [("23", "otel-demo/Deployment/checkout"), ("105", "otel-demo/Deployment/product-catalog")] {
            let gt = try GroundTruth.load(path: "\(GroundTruthTests.gtDir)/scenario_\(s)/groundtruth_v1.yaml")
            #expect(Scorer(truth: gt).score(entities: [answer]).score == 1, "scenario \(s)")
            #expect(Scorer(truth: gt, options: ScoringOptions(profile: .strict)).score(entities: [answer]).score == 0, "scenario \(s) strict")
        }
    }

    @Test func trapScenario38NeedsBothRoots() throws {
        guard FileManager.default.fileExists(atPath: GroundTruthTests.gtDir) else { return }
        let gt = try GroundTruth.load(path: "\(GroundTruthTests.gtDir)/scenario_38/groundtruth_v1.yaml")
        #expect(Scorer(truth: gt).score(entities: ["otel-demo/hpa/accounting"]).score == 0)
        #expect(Scorer(truth: gt).score(entities: ["otel-demo/hpa/accounting", "otel-demo/hpa/ad"]).score == 1)
        // `*.*` is not a valid regex: it never matches anything; the names its group ids carry do.
        #expect(Scorer(truth: gt).score(entities: ["otel-demo/hpa/frontend", "otel-demo/hpa/image-provider"]).score == 0)
    }

    @Test func trapAlertIdsDifferFromDataNames() throws {
        guard FileManager.default.fileExists(atPath: GroundTruthTests.gtDir) else { return }
        let gt = try GroundTruth.load(path: "\(GroundTruthTests.gtDir)/scenario_2/groundtruth_v1.yaml")
        #expect(gt.alerts.allSatisfy { $0.id == "HighRequestErrorRate" })   // the data calls it RequestErrorRate
    }
}
