import Foundation
import Testing
import Snapshot

/// The task catalog reads every dataset layout: tiny fakes written here (the e2e tests use full ones).
@Suite struct TaskCatalogTests {
    static let truth = "groups:\n  - id: 'a'\n    kind: 'Deployment'\n    root_cause: true\n"

    func tree(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "triage-cat-\(UUID().uuidString.prefix(8))"
        for (rel, text) in files {
            let p = root + "/" + rel
            try FileManager.default.createDirectory(atPath: PathText.parent(p), withIntermediateDirectories: true)
            try text.write(toFile: p, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func canonicalIDsAcrossSpellings() {
        for s in ["Scenario-2", "scenario_2", "scenario2", "2", "02", "it-bench-sre-public-scenario-2", "SCENARIO-2"] {
            #expect(TaskCatalog.canonicalID(s) == "2", "\(s)")
        }
        #expect(TaskCatalog.canonicalID("incident-01") == "incident-01")
    }

    @Test func itbenchLiteFromTheRootOrBelow() throws {
        let v = "snapshots/sre/v0.2-B96DF826"
        let root = try tree(["\(v)/Scenario-10/k8s_events_raw.tsv": "x\n", "\(v)/Scenario-10/ground_truth.yaml": Self.truth,
                             "\(v)/Scenario-2/otel_logs_raw.tsv": "x\n", "snapshots/finops/Scenario-1/cost.csv": "a\n"])
        for path in [root, root + "/snapshots", root + "/snapshots/sre", root + "/" + v] {
            let d = try TaskCatalog.open(path)
            #expect(d.tasks.map(\.id) == ["2", "10"], "\(path)")          // number order, finops ignored
            #expect(d.tasks[1].truth == .file(root + "/\(v)/Scenario-10/ground_truth.yaml") && d.tasks[0].truth == nil)
            #expect(d.task("scenario_10")?.name == "Scenario-10" && d.task("Scenario-3") == nil)
        }
        #expect(try TaskCatalog.open(root).layout == .itbenchLite)
    }

    @Test func itbenchAAEmbedsTheTruthAndNamesBadRowsByLine() throws {
        let row = { (n: Int) in
            String(decoding: try! JSONSerialization.data(withJSONObject: ["scenario_id": "Scenario-\(n)", "category": "sre", "ground_truth_yaml": Self.truth]), as: UTF8.self)
        }
        let root = try tree(["sre/Scenario-1/k8s_objects_raw.tsv": "x\n", "sre/Scenario-3/alerts/alerts_at_1.json": "[]",
                             "sre/data.jsonl": row(1) + "\n{broken\n" + row(3) + "\n" + row(7) + "\n" + #"{"scenario_id": "Scenario-8"}"# + "\n"])
        for path in [root, root + "/sre"] {
            let d = try TaskCatalog.open(path)
            #expect(d.layout == .itbenchAA && d.tasks.map(\.id) == ["1", "3", "7"])
            #expect(d.tasks[0].truth == .embedded(text: Self.truth, origin: root + "/sre/data.jsonl:1"))
            #expect(d.tasks[1].truth?.description == root + "/sre/data.jsonl:3")
            #expect(d.tasks[2].snapshot == nil && d.snapshots.count == 2)       // a truth without its snapshot
            #expect(d.problems == [root + "/sre/data.jsonl:2: not a JSON object; skipped", root + "/sre/data.jsonl:5: Scenario-8 has no ground_truth_yaml"])
        }
    }

    @Test func groundTruthRepositoryAndPlainFolders() throws {
        let gt = try tree(["scenario_1/groundtruth_v1.yaml": Self.truth, "scenario_1/groundtruth.yaml": Self.truth, "scenario_20/groundtruth_v1.yaml": Self.truth])
        let d = try TaskCatalog.open(gt)
        #expect(d.layout == .groundTruthRepo && d.tasks.map(\.id) == ["1", "20"] && d.tasks[0].truthDirectory == gt + "/scenario_1")
        let folder = try tree(["incident-01/otel_traces_raw.tsv": "x\n", "incident-01/ground_truth.yaml": Self.truth, "extra.yaml": Self.truth,
                               "Scenario-2/otel_traces_raw.tsv": "x\n", "scenario_2/otel_traces_raw.tsv": "x\n", "notes/readme.txt": "hi"])
        let f = try TaskCatalog.open(folder)
        #expect(f.layout == .folder && f.tasks.map(\.id) == ["2", "2", "extra", "incident-01"])
        #expect(f.problems.count == 1 && f.problems[0].contains("task 2 appears 2 times"))
        #expect(try TaskCatalog.open(folder + "/incident-01").layout == .snapshot)
        #expect(throws: SnapshotError.self) { try TaskCatalog.open(folder + "/notes") }
        #expect(throws: SnapshotError.self) { try TaskCatalog.open(folder + "/missing") }
    }
}
