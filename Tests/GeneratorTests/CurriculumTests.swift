import Foundation
import Scoring
import Snapshot
import Testing
import TestSupport
@testable import Generator

/// The curriculum (scripts/curriculum, triage's own scenario format with ITBench injections): every fault category of
/// the library is covered, and every lesson is as faithful as a real scenario's incident.
@Suite struct CurriculumTests {
    static let dir = (TestPaths.repoRoot as NSString).appendingPathComponent("scripts/curriculum")
    static let lessons = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()

    @Test func everyCategoryOfTheLibraryIsCovered() throws {
        #expect(Self.lessons.count >= 10)
        var covered = Set<String>()
        for f in Self.lessons {
            let spec = try ScenarioFile.load(path: "\(Self.dir)/\(f)")
            for case .itbench(let plan) in spec.faults { for s in plan.steps { covered.formUnion(s.mechanism.categories) } }
        }
        let all = Set(ITBenchMechanism.allCases.flatMap(\.categories))
        #expect(all == ["Deployment", "Performance", "Networking", "Authentication", "Code"])
        #expect(covered == all, "missing: \(all.subtracting(covered))")
    }

    @Test(arguments: lessons) func everyLessonGeneratesAFaithfulIncident(_ file: String) throws {
        let spec = try ScenarioFile.load(path: "\(Self.dir)/\(file)")
        let out = TestPaths.tempDir("lesson") + "/incident"
        defer { try? FileManager.default.removeItem(atPath: PathText.parent(out)) }
        _ = try SnapshotGenerator(spec: spec).generate(to: out)
        let truth = try GroundTruth.load(path: out + "/ground_truth.yaml")
        let c = try ITBenchConformance.check(path: out, truth: truth)
        #expect(c.passes, "\(file): \(c)")
        #expect(!truth.rootCauseGroups.isEmpty)
    }

    @Test func mixingItbenchEntriesWithTriageKindsIsAnError() {
        let text = """
        name: mixed
        faults:
          - kind: hpa
            service: cart
          - itbench: {id: scaled-to-zero-kubernetes-workload, args: {kubernetesObject: {kind: Deployment, metadata: {name: cart, namespace: otel-demo}}}}
        """
        #expect(throws: GeneratorError.self) { try ScenarioFile.parse(text, file: "mixed.yaml") }
        let bad = "name: bad\nfaults:\n  - itbench: {id: no-such-fault, args: {}}\n"
        do { _ = try ScenarioFile.parse(bad, file: "bad.yaml"); Issue.record("accepted an unknown injection") } catch {
            #expect("\(error)".contains("bad.yaml") && "\(error)".contains("faults[0].itbench") && "\(error)".contains("unknown injection 'no-such-fault'"))
        }
    }
}
