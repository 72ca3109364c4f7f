import Foundation
import Testing
@testable import Scoring
import Snapshot

/// Hand-computed cases, one per matching rule, and the traps of the real ground truth.
@Suite struct ScorerTests {
    static let gt = try! GroundTruth.parse("""
    groups:
      - {id: checkout-pod-1, kind: Pod, namespace: otel-demo, filter: ['checkout-.*'], root_cause: true}
      - {id: checkout-service-1, kind: Service, namespace: otel-demo, filter: ['checkout\\b']}
      - {id: frontend-service-1, kind: Service, namespace: otel-demo, filter: ['frontend\\b']}
      - {id: flagd-config, kind: ConfigMap, namespace: otel-demo, name: flagd-config, root_cause: true}
    aliases:
      - [checkout-pod-1, checkout-service-1]
    propagations:
      - {source: checkout-pod-1, target: frontend-service-1, condition: c, effect: frontend fails}
    """)

    func score(_ e: [String], _ p: MatchProfile = .lenient, truth: GroundTruth = ScorerTests.gt) -> ScoreReport {
        Scorer(truth: truth, options: ScoringOptions(profile: p)).score(entities: e)
    }

    @Test func perfectAndHeadlineRules() {
        let r = score(["otel-demo/Pod/checkout-8546fdc74d-d68cn", "otel-demo/ConfigMap/flagd-config"])
        #expect(r.score == 1 && r.precision == 1 && r.recall == 1 && r.f1 == 1)
        #expect(r.rootCauseClasses == 2)
        // Missing a class gates the score to 0 whatever the precision.
        let miss = score(["otel-demo/ConfigMap/flagd-config"])
        #expect(miss.score == 0 && miss.precision == 1 && miss.recall == 0.5)
        #expect(miss.missed.map(\.rootCause) == ["checkout-pod-1"])
        #expect(score([]).score == 0)
    }

    @Test func rule1AnchoredMatching() {
        // `frontend\b` with search semantics would match frontend-proxy; anchored it does not.
        let gt = try! GroundTruth.parse("groups:\n  - {id: fe, kind: Service, namespace: otel-demo, filter: ['frontend\\b'], root_cause: true}\n")
        #expect(score(["otel-demo/Service/frontend-proxy"], truth: gt).score == 0)
        #expect(score(["otel-demo/Service/frontend"], truth: gt).score == 1)
    }

    @Test func rule2OwnedObjectSuffixRelaxation() {
        let r = score(["otel-demo/Deployment/checkout", "otel-demo/ConfigMap/flagd-config"])
        #expect(r.score == 1)
        #expect(r.verdicts[0].explanation.contains("suffix relaxation") || r.verdicts[0].explanation.contains("alias group"))
        // Strict: the Deployment `checkout` is neither a Pod nor does it match `checkout-.*`; the Service alias needs kind Service.
        #expect(score(["otel-demo/Deployment/checkout", "otel-demo/ConfigMap/flagd-config"], .strict).score == 0)
    }

    @Test func rule3AliasClassesCountOnce() {
        let r = score(["otel-demo/Service/checkout", "otel-demo/Pod/checkout-1-2", "otel-demo/cm/flagd-config"])
        #expect(r.truePositives == 2 && r.falsePositives == 1)
        #expect(r.score == 2.0 / 3.0)
        #expect(r.verdicts[1].explanation.hasPrefix("alias already counted"))
        #expect(r.verdicts[0].explanation.contains("via alias group checkout-service-1") || r.verdicts[0].explanation.contains("workload equivalence"))
    }

    @Test func rule4WorkloadEquivalenceOnlyInLenient() {
        let gt = try! GroundTruth.parse("groups:\n  - {id: d, kind: Deployment, namespace: otel-demo, filter: ['product-catalog-.*'], root_cause: true}\n")
        let r = score(["otel-demo/Service/product-catalog"], truth: gt)
        #expect(r.score == 1)
        #expect(r.verdicts[0].explanation.contains("workload equivalence"))
        #expect(score(["otel-demo/Service/product-catalog"], .strict, truth: gt).score == 0)
        // A pod name reduces to its workload.
        #expect(score(["otel-demo/Pod/product-catalog-75cb47c9-lhkz2"], truth: gt).score == 1)
        // Never through a sibling group's looser filter: frontend matches only a non-root group.
        #expect(score(["otel-demo/Deployment/frontend"]).verdicts[0].explanation.hasPrefix("symptom on the propagation path"))
    }

    @Test func rule5NameGroupsAreExact() {
        #expect(score(["otel-demo/ConfigMap/flagd-config-2", "otel-demo/Pod/checkout-x"]).score == 0)
        #expect(score(["otel-demo/ConfigMap/FLAGD-CONFIG", "otel-demo/Pod/checkout-x"]).score == 1)    // rule 8: lowercase
    }

    @Test func rule6InvalidRegexNeverMatchesAnything() throws {
        let gt = try GroundTruth.parse("""
        groups:
          - {id: frontend-hpa-1, kind: HorizontalPodAutoscaler, namespace: otel-demo, filter: ['*.*'], root_cause: true}
          - {id: image-provider-horizontal-pod-autoscaler-1, kind: HorizontalPodAutoscaler, namespace: otel-demo, filter: ['*.*'], root_cause: true}
          - {id: hpa-3, kind: HorizontalPodAutoscaler, namespace: otel-demo, filter: ['[broken'], root_cause: true}
        """, file: "gt.yaml")
        // Warned, naming the file and the group; the name each group id carries is matched instead.
        #expect(gt.warnings.contains { $0.hasPrefix("gt.yaml: groups[0] (frontend-hpa-1): filter '*.*' is not a valid regex") && $0.contains("'frontend'") })
        #expect(gt.warnings.contains { $0.contains("(hpa-3)") && $0.contains("matches nothing") })
        let two = ["otel-demo/hpa/frontend", "otel-demo/hpa/image-provider"]
        let r = score(two + ["otel-demo/hpa/other"], truth: gt)
        #expect(r.rootCauseClasses == 3 && r.matchedClasses == 2 && r.score == 0)   // group hpa-3 can never be found
        #expect(r.verdicts[0].explanation.contains("carried by group id 'frontend-hpa-1'"))
        #expect(r.verdicts[2].verdict == .falsePositive)                             // not "anything"
        #expect(r.notes.contains { $0.contains("'*.*' is not a valid regex") })
        let two2 = try GroundTruth.parse(String(gt.groups.prefix(2).map { "  - {id: \($0.id), kind: HorizontalPodAutoscaler, namespace: otel-demo, filter: ['*.*'], root_cause: true}" }
            .joined(separator: "\n")).replacingOccurrences(of: "  - {id: frontend", with: "groups:\n  - {id: frontend"))
        #expect(score(two, truth: two2).score == 1)
        #expect(score(["otel-demo/hpa/frontend"], truth: two2).score == 0)   // both classes needed
        #expect(score(["otel-demo/hpa/a", "otel-demo/hpa/b"], truth: two2).score == 0)
    }

    @Test func rule7Namespaces() {
        #expect(score(["other/ConfigMap/flagd-config", "otel-demo/Pod/checkout-x"]).score == 0)
        #expect(score(["ConfigMap/flagd-config", "otel-demo/Pod/checkout-x"]).score == 1)       // no namespace: any
        let ns = try! GroundTruth.parse("groups:\n  - {id: n, kind: Namespace, name: otel-demo, root_cause: true}\n")
        #expect(score(["Namespace/otel-demo"], truth: ns).score == 1)
        #expect(score(["otel-demo/Namespace/otel-demo"], truth: ns).score == 1)
    }

    @Test func rule8KindsAndDuplicates() {
        let r = score(["otel-demo/cm/flagd-config", "otel-demo/configmaps/flagd-config", " otel-demo/ConfigMap/flagd-config ", "otel-demo/po/checkout-z"])
        #expect(r.score == 1)
        #expect(r.verdicts.filter { $0.verdict == .duplicate }.count == 2)
    }

    @Test func rule9InfrastructureExclusionIsOptIn() {
        let e = ["otel-demo/cm/flagd-config", "otel-demo/po/checkout-z", "kube-system/Pod/coredns-1"]
        #expect(score(e).score == 2.0 / 3.0)
        let r = Scorer(truth: Self.gt, options: ScoringOptions(excludeInfrastructure: true)).score(entities: e)
        #expect(r.score == 1)
        #expect(r.verdicts[2].verdict == .excluded)
    }

    @Test func falsePositiveReasons() throws {
        let r = score(["otel-demo/cm/flagd-config", "otel-demo/po/checkout-z", "otel-demo/Service/frontend", "chaos-mesh/NetworkChaos/x",
                       "otel-demo/Deployment/nothing-here", "not an entity"])
        #expect(r.verdicts[2].explanation.hasPrefix("symptom on the propagation path"))
        #expect(r.verdicts[3].explanation.hasPrefix("a Chaos Mesh experiment that matches no root-cause group"))
        #expect(r.verdicts[4].explanation.hasPrefix("unrelated"))
        #expect(r.verdicts[5].explanation.hasPrefix("unknown entity"))
        // With a snapshot: entities it does not contain are named as such.
        let snap = try Snapshot.load((GroundTruthTests.repoRoot as NSString).appendingPathComponent("Snapshots/incident-01"))
        let r2 = Scorer(truth: Self.gt).score(entities: ["otel-demo/Deployment/nothing-here"], snapshot: snap)
        #expect(r2.verdicts[0].explanation.hasPrefix("not in the snapshot"))
    }

    @Test func propertiesHoldOnRandomSubmissions() {
        let pool = ["otel-demo/Pod/checkout-1-a", "otel-demo/Service/checkout", "otel-demo/cm/flagd-config", "otel-demo/Service/frontend",
                    "otel-demo/Deployment/cart", "chaos-mesh/NetworkChaos/x", "kube-system/Pod/y", "otel-demo/Deployment/checkout"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let n = Int.random(in: 0...6, using: &rng)
            let sub = (0..<n).map { _ in pool.randomElement(using: &rng)! }
            let r = score(sub)
            #expect(r.score >= 0 && r.score <= 1)
            #expect(score(sub.shuffled(using: &rng)).score == r.score)                       // order irrelevant
            #expect(score(sub + ["otel-demo/Deployment/unrelated-\(n)"]).score <= r.score)   // an FP never raises it
            if r.missed.count > 0 { #expect(r.score == 0) }
        }
    }
}
