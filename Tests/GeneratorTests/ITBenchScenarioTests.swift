import Foundation
import Scoring
import Snapshot
import Testing
import TestSupport
@testable import Generator

/// Real ITBench scenario files: every shared one parses, every injection id is known with its library page's alerts,
/// and every one generates an incident that loads cleanly, scores its natural answer 1.0 and carries noise.
@Suite struct ITBenchScenarioTests {
    static let folders = TestPaths.realScenarioFolders()

    @Test func everySharedScenarioParsesWithTheInjectionCountsOfTheIssue() throws {
        guard !Self.folders.isEmpty else { print(TestPaths.sharedMissing); return }
        #expect(Self.folders.count == 62)
        var counts: [String: Int] = [:]
        for f in Self.folders { for m in try ITBenchScenario.load(path: f).mechanisms { counts[m.rawValue, default: 0] += 1 } }
        let expected: [String: Int] = [
            "restart-kubernetes-workload": 31, "scheduled-chaos-mesh-experiment": 18, "opentelemetry-demo-feature-flag": 18,
            "unsupported-architecture-kubernetes-workload-container-image": 3, "scale-kubernetes-workload": 3,
            "misconfigured-kubernetes-horizontal-pod-autoscaler": 3, "delete-workload-pods": 3, "nonexistent-kubernetes-workload-node": 2,
            "modified-kubernetes-workload-container-environment-variable": 2, "crashing-kubernetes-workload-init-container": 2,
        ]
        for (id, n) in expected { #expect(counts[id] == n, "\(id)") }
        // Every other mechanism of the library is used exactly once, and all 34 are used.
        #expect(Set(counts.keys) == Set(ITBenchMechanism.allCases.map(\.rawValue)))
        for (id, n) in counts where expected[id] == nil { #expect(n == 1, "\(id)") }
    }

    /// The alerts and categories of each mechanism are the ones its page in the fault library lists.
    @Test func expectedAlertsAndCategoriesAreTheLibraryPages() throws {
        guard FileManager.default.fileExists(atPath: TestPaths.faultLibrary) else { print(TestPaths.sharedMissing); return }
        let pages = try FileManager.default.contentsOfDirectory(atPath: TestPaths.faultLibrary).filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(pages.count == 31)
        for page in pages {
            let id = String(page.dropLast(3))
            let m = try #require(ITBenchMechanism(rawValue: id), "\(id) has a page but no mechanism")
            let text = try String(contentsOfFile: "\(TestPaths.faultLibrary)/\(page)", encoding: .utf8)
            var alerts: [String] = []
            if let r = text.range(of: "### Alerts") {
                let section = text[r.upperBound...].prefix { _ in true }
                let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
                alerts = section[..<end].split(separator: "\n").filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            }
            #expect(Set(alerts) == Set(m.expectedAlerts), "\(id)")
            let header = text.split(separator: "\n").first { $0.hasPrefix("| [Source]") } ?? ""
            let cats = header.split(separator: "|").last.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            #expect(Set(cats) == Set(m.categories), "\(id)")
        }
    }

    @Test(arguments: folders) func everySharedScenarioGeneratesAFaithfulIncident(_ folder: String) throws {
        let incident = try ITBenchIncident.compile(dir: folder, minutes: 12, rps: 0.3)
        let out = TestPaths.tempDir("itb") + "/incident"
        defer { try? FileManager.default.removeItem(atPath: PathText.parent(out)) }
        _ = try incident.generate(to: out)
        let c = try ITBenchConformance.check(path: out, truth: incident.truth)
        let name = (folder as NSString).lastPathComponent
        #expect(c.diagnostics.isEmpty, "\(name): \(c.diagnostics)")
        #expect(c.naturalScore == 1, "\(name): \(c.naturalAnswer)")
        #expect(c.truthAlertsMissing.isEmpty, "\(name): \(c.truthAlertsMissing)")
        #expect(c.rootsMissing.isEmpty, "\(name): \(c.rootsMissing)")
        #expect(c.otherAlerts.count >= 2, "\(name): \(c.otherAlerts)")
        #expect(!c.changedNonRoot.isEmpty, "\(name)")
        // The real ground truths are copied as found, and ground_truth.yaml is the one used.
        for f in ["groundtruth_v1.yaml", "groundtruth.yaml"] where FileManager.default.fileExists(atPath: "\(folder)/\(f)") {
            #expect(FileManager.default.contents(atPath: "\(out)/\(f)") == FileManager.default.contents(atPath: "\(folder)/\(f)"), "\(name)/\(f)")
        }
        #expect(FileManager.default.contents(atPath: "\(out)/ground_truth.yaml") == FileManager.default.contents(atPath: incident.truthFile))
    }
}
