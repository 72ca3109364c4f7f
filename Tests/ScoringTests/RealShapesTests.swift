import Foundation
import Testing
import TestSupport
@testable import Scoring
import Snapshot

/// The shapes the 33 newer real scenarios brought (issue 26, item 5), each decided from the files: an empty v2
/// placeholder (37), a lone v2 file (51), a Pod root beside its own Deployment group (44), glob-style filters in a
/// second application (50), and a symptom group naming the root's own object (47). Each runs on a synthetic copy of
/// the shape (always) and on the real file (when ../shared is present).
@Suite struct RealShapesTests {
    static let dir = TestPaths.groundTruth
    static func real(_ s: String, _ f: String) -> String? {
        let p = "\(dir)/\(s)/\(f)"
        return FileManager.default.fileExists(atPath: p) ? p : nil
    }

    @Test func anEmptyV2PlaceholderIsToldApartAndTheOtherVersionUsed() throws {
        let d = TestPaths.tempDir("placeholder")
        TestPaths.write("apiVersion: itbench.io/v2\nkind: GroundTruth\nspec:\n  alerts: []\n  entities: []\n  solutions: []\n", to: "\(d)/groundtruth.yaml")
        TestPaths.write("groups:\n  - {id: cm, kind: ConfigMap, namespace: otel-demo, name: flagd-config, root_cause: true}\n", to: "\(d)/groundtruth_v1.yaml")
        for folder in [d] + (Self.real("scenario_37", "groundtruth.yaml").map { [PathText.parent($0)] } ?? []) {
            #expect(try GroundTruth.load(path: "\(folder)/groundtruth.yaml").isPlaceholder)
            let c = try GroundTruthChoice.choose(in: folder)
            #expect(c.truth.version == "v1" && !c.truth.rootCauseGroups.isEmpty)
            #expect(c.disagreement == "groundtruth.yaml is an empty v2 placeholder (it names no root cause); using groundtruth_v1.yaml")
            let e = #expect(throws: GroundTruthChoice.ChoiceError.self) { try GroundTruthChoice.file("\(folder)/groundtruth.yaml") }
            #expect(e?.description.contains("an empty v2 placeholder: it names no root cause; groundtruth_v1.yaml beside it") == true)
        }
        // A folder with nothing but a placeholder is an error, never a task scored as 0 for every answer.
        try FileManager.default.removeItem(atPath: "\(d)/groundtruth_v1.yaml")
        #expect(throws: GroundTruthChoice.ChoiceError.self) { try GroundTruthChoice.choose(in: d) }
    }

    @Test func aLoneV2FileIsTheTruthAndAskingForV1SaysWhatIsThere() throws {
        guard let p = Self.real("scenario_51", "groundtruth.yaml") else { print(TestPaths.sharedMissing); return }
        let d = PathText.parent(p)
        #expect(try GroundTruthChoice.choose(in: d).truth.version == "v2")
        let e = #expect(throws: GroundTruthChoice.ChoiceError.self) { try GroundTruthChoice.choose(in: d, version: "v1") }
        #expect(e?.description.hasSuffix("no v1 ground truth (groundtruth.yaml is v2)") == true)
    }

    /// Scenario 44: the root is `payment-.*` Pods and the Deployment has its own (symptom) group, so the workload does
    /// not stand for its pod here: a pod is the answer, the Deployment a symptom.
    @Test func aPodRootBesideItsOwnDeploymentGroupIsAnsweredWithAPod() throws {
        let shape = try GroundTruth.parse("""
            groups:
              - {id: payment-service-1, kind: Service, namespace: otel-demo, filter: ['payment\\b']}
              - {id: payment-deployment-1, kind: Deployment, namespace: otel-demo, filter: ['payment\\b']}
              - {id: payment-pod-1, kind: Pod, namespace: otel-demo, filter: ['payment-.*'], root_cause: true}
            aliases: [[payment-service-1, payment-pod-1]]
            propagations: [{source: payment-pod-1, target: payment-deployment-1}]
            """)
        for gt in [shape] + (try Self.real("scenario_44", "groundtruth_v1.yaml").map { [try GroundTruth.load(path: $0)] } ?? []) {
            let s = Scorer(truth: gt)
            #expect(s.score(entities: ["otel-demo/Pod/payment-5c8d7f9b6-q2w7x"]).score == 1)
            #expect(s.score(entities: ["otel-demo/Service/payment"]).score == 1, "the Service is an authored alias of the root")
            let dep = s.score(entities: ["otel-demo/Deployment/payment"])
            #expect(dep.score == 0 && dep.verdicts[0].explanation.hasPrefix("symptom on the propagation path"))
            #expect(s.score(entities: ["otel-demo/Pod/payment-5c8d7f9b6-q2w7x", "otel-demo/Deployment/payment"]).score == 0.5)
        }
    }

    /// Scenario 50: `productpage-v1-*` and `reviews-v*` are globs written as filters. Read as regexes they match only
    /// `productpage-v1` (and `reviews-`), never a pod; rule 13 (lenient) reads them as globs too. A person submits the
    /// Service or Deployment `productpage-v1`, or one of its pods.
    @Test func globStyleFiltersMatchWhatTheyWereWrittenFor() throws {
        let shape = try GroundTruth.parse("""
            groups:
              - {id: productpage-v1-pod-1, kind: Pod, namespace: book-info, filter: ['productpage-v1-*']}
              - {id: productpage-v1-service-1, kind: Service, namespace: book-info, filter: ['productpage-v1-*'], root_cause: true}
              - {id: reviews-service-1, kind: Service, namespace: book-info, filter: ['reviews-v*']}
            aliases: [[productpage-v1-pod-1, productpage-v1-service-1]]
            propagations: [{source: productpage-v1-pod-1, target: reviews-service-1}]
            """)
        for gt in [shape] + (try Self.real("scenario_50", "groundtruth_v1.yaml").map { [try GroundTruth.load(path: $0)] } ?? []) {
            let s = Scorer(truth: gt)
            for answer in ["book-info/Service/productpage-v1", "book-info/Deployment/productpage-v1", "book-info/Pod/productpage-v1-6b746f74dc-x7z2k"] {
                #expect(s.score(entities: [answer]).score == 1, "\(answer)")
            }
            let pod = s.score(entities: ["book-info/Pod/productpage-v1-6b746f74dc-x7z2k"])
            #expect(pod.verdicts[0].explanation.contains("read as a glob"))
            // The glob reading stays narrow: another name, another namespace, and the strict profile do not match.
            #expect(s.score(entities: ["book-info/Service/productpage-v2"]).score == 0)
            #expect(s.score(entities: ["otel-demo/Service/productpage-v1"]).score == 0)
            let strict = Scorer(truth: gt, options: ScoringOptions(profile: .strict))
            #expect(strict.score(entities: ["book-info/Service/productpage-v1"]).score == 1, "the regex reading matches the name itself")
            #expect(strict.score(entities: ["book-info/Pod/productpage-v1-6b746f74dc-x7z2k"]).score == 0)
            // The symptom: reviews-v1 is a symptom only through the glob reading.
            let r = s.score(entities: ["book-info/Service/productpage-v1", "book-info/Service/reviews-v1"])
            #expect(r.score == 0.5 && r.verdicts[1].explanation.hasPrefix("symptom on the propagation path"))
        }
        #expect(GroundTruth.Group(id: "p", kind: "Service", namespace: "book-info", name: nil, filter: ["productpage-v1-*"], rootCause: true)
            .naturalEntity == "book-info/Service/productpage-v1")
        #expect(GroupMatcher.globReading("checkout-.*") == nil && GroupMatcher.globReading("a|b*") == nil && GroupMatcher.globReading("*") == nil)
    }

    /// Scenario 47: the root `bookinfo-gateway-service` and the symptom `bookinfo-gateway` both name the Service
    /// `bookinfo-gateway-istio`. Submitting it twice is one entity (a duplicate, rule 8), so it costs nothing; the
    /// file gives no other object to add, and an unrelated one still costs precision.
    @Test func aSymptomGroupNamingTheRootsOwnObjectIsTheSameEntity() throws {
        // Its `aliases: [[]]` relates nothing and is dropped, so a labelling save writes back what it read.
        #expect(try GroundTruth.parse("groups:\n  - {id: a, kind: Pod, name: x, root_cause: true}\naliases:\n  - []\n").aliases.isEmpty)
        guard let p = Self.real("scenario_47", "groundtruth_v1.yaml") else { print(TestPaths.sharedMissing); return }
        let s = Scorer(truth: try GroundTruth.load(path: p))
        let one = s.score(entities: ["book-info/Service/bookinfo-gateway-istio"])
        #expect(one.score == 1)
        let twice = s.score(entities: ["book-info/Service/bookinfo-gateway-istio", "book-info/Service/bookinfo-gateway-istio"])
        #expect(twice.score == 1 && twice.verdicts[1].verdict == .duplicate)
        let symptom = s.score(entities: ["book-info/Service/bookinfo-gateway-istio", "book-info/Service/productpage"])
        #expect(symptom.score == 0.5 && symptom.verdicts[1].explanation.hasPrefix("symptom on the propagation path"))
    }
}
