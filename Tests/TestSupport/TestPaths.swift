import Foundation

/// Paths every test target uses: the repository root, the shipped snapshots and the shared real-data folder beside
/// the checkout (absent outside this workspace: tests that need it skip with `sharedMissing`).
public enum TestPaths {
    public static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    public static let shared = ((repoRoot as NSString).deletingLastPathComponent as NSString).appendingPathComponent("shared")
    public static let excerpts = (shared as NSString).appendingPathComponent("itbench/excerpts")
    public static let groundTruth = (shared as NSString).appendingPathComponent("itbench/groundtruth")
    public static var hasShared: Bool { FileManager.default.fileExists(atPath: excerpts) }
    public static let sharedMissing = "../shared/itbench is absent: real-data conformance tests skipped"

    /// A shipped snapshot, e.g. `snapshot("incident-02")`.
    public static func snapshot(_ name: String) -> String { (repoRoot as NSString).appendingPathComponent("Snapshots/\(name)") }

    /// Every real ground-truth file as (`scenario/file`, path), in order; empty (with a note printed) without ../shared.
    public static func realGroundTruthFiles() -> [(name: String, path: String)] {
        let fm = FileManager.default
        guard let scenarios = try? fm.contentsOfDirectory(atPath: groundTruth) else {
            print("../shared/itbench/groundtruth is absent: real ground truths skipped")
            return []
        }
        return scenarios.sorted().flatMap { s in
            ["groundtruth_v1.yaml", "groundtruth.yaml"].map { (name: "\(s)/\($0)", path: "\(groundTruth)/\(s)/\($0)") }
                .filter { fm.fileExists(atPath: $0.path) }
        }
    }

    /// A fresh temporary directory.
    public static func tempDir(_ name: String = "t") -> String {
        let p = NSTemporaryDirectory() + "triage-test-\(name)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    public static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension TestPaths {
    public static let faultLibrary = (shared as NSString).appendingPathComponent("itbench/faults")

    /// Every real ITBench scenario folder (holding a `scenario.yaml`), in order; empty without ../shared.
    public static func realScenarioFolders() -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: groundTruth) else { return [] }
        return names.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.map { "\(groundTruth)/\($0)" }
            .filter { fm.fileExists(atPath: "\($0)/scenario.yaml") }
    }
}
