import Foundation
import Testing
import TestSupport
@testable import Scoring
import Snapshot

@Suite struct GroundTruthTests {
    static let repoRoot = TestPaths.repoRoot
    static let gtDir = TestPaths.groundTruth

    @Test func everyRealGroundTruthParses() throws {
        guard FileManager.default.fileExists(atPath: Self.gtDir) else {
            print("../shared/itbench/groundtruth is absent: real ground-truth tests skipped"); return
        }
        var v1 = 0, v2 = 0, wrapped = 0, files = (v1: 0, v2: 0), placeholders: [String] = []
        for scenario in try FileManager.default.contentsOfDirectory(atPath: Self.gtDir).sorted() {
            for file in ["groundtruth_v1.yaml", "groundtruth.yaml"] {
                let path = "\(Self.gtDir)/\(scenario)/\(file)"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                if file == "groundtruth.yaml" { files.v2 += 1 } else { files.v1 += 1 }
                let gt = try GroundTruth.load(path: path)
                // Every file names a root cause, or is an empty placeholder (no entity at all), which is told apart.
                if gt.isPlaceholder { placeholders.append("\(scenario)/\(file)") }
                else { #expect(!gt.rootCauseGroups.isEmpty, "\(path) has no root cause") }
                switch gt.schema {
                case .v2: v2 += 1
                case .v1wrapped: wrapped += 1; v1 += 1
                case .v1flat: v1 += 1
                }
                if gt.schema != .v2 {
                    // Propagations point at known groups, or the unknown id is reported as a warning.
                    for p in gt.propagations {
                        for id in [p.source, p.target] { #expect(gt.group(id) != nil || gt.warnings.contains { $0.contains("'\(id)'") }) }
                    }
                }
            }
        }
        // Every file of the folder, whatever it holds (62 scenarios today: 61 v1 files, scenario 51 has only v2).
        #expect(v1 == files.v1 && v2 == files.v2 && v1 + v2 > 0)
        #expect(placeholders.allSatisfy { $0.hasSuffix("/groundtruth.yaml") }, "only v2 files are placeholders: \(placeholders)")
        if FileManager.default.fileExists(atPath: "\(Self.gtDir)/scenario_37") { #expect(placeholders.contains("scenario_37/groundtruth.yaml")) }
        #expect(wrapped > 0)
        // Real files reference unknown ids (scenario 14 alerts, 25 propagations): kept as warnings.
        #expect(try GroundTruth.load(path: "\(Self.gtDir)/scenario_25/groundtruth_v1.yaml").warnings.contains { $0.contains("'node'") })
        // Scenario 38: two root causes and the invalid regex `*.*` survive parsing.
        let s38 = try GroundTruth.load(path: "\(Self.gtDir)/scenario_38/groundtruth_v1.yaml")
        #expect(s38.rootCauseGroups.count == 2)
        #expect(s38.rootCauseGroups.allSatisfy { $0.filter == ["*.*"] })
        let s2 = try GroundTruth.load(path: "\(Self.gtDir)/scenario_2/groundtruth_v1.yaml")
        #expect(s2.schema == .v1flat)
        #expect(s2.rootCauseGroups.map(\.name) == ["flagd-config"])
    }

    @Test func badGroundTruthNamesFileAndField() {
        let e1 = #expect(throws: GroundTruth.LoadError.self) { try GroundTruth.parse("groups:\n  - id: a\n    kind: Pod\n", file: "gt.yaml") }
        #expect(e1?.description == "gt.yaml: groups[0] (a): needs `name` or `filter`")
        let e2 = #expect(throws: GroundTruth.LoadError.self) {
            try GroundTruth.parse("groups:\n  - {id: a, kind: Pod, name: x}\npropagations:\n  - {source: a, target: b}\n", file: "gt.yaml", strict: true)
        }
        #expect(e2?.description == "gt.yaml: propagations[0].target: unknown group id 'b'")
        let e3 = #expect(throws: GroundTruth.LoadError.self) { try GroundTruth.parse("groups: [\n", file: "gt.yaml") }
        #expect(e3?.field == "-")
        let e4 = #expect(throws: GroundTruth.LoadError.self) {
            try GroundTruth.parse("apiVersion: itbench.io/v1\nspec:\n  groups:\n    - {id: a, kind: Pod, name: x}\n  aliases:\n    - [a, zz]\n", file: "w.yaml", strict: true)
        }
        #expect(e4?.description == "w.yaml: spec.aliases[0]: unknown group id 'zz'")
        let lenient = try? GroundTruth.parse("groups:\n  - {id: a, kind: Pod, name: x, root_cause: true}\npropagations:\n  - {source: a, target: node}\n", file: "l.yaml")
        #expect(lenient?.warnings == ["l.yaml: propagations[0].target: unknown group id 'node'"])
    }

    @Test func shippedGroundTruthsParseAndTheirRootCausesExist() throws {
        let dir = (Self.repoRoot as NSString).appendingPathComponent("Snapshots")
        let snaps = SnapshotCatalog.list(dir)
        #expect(!snaps.isEmpty)
        for path in snaps {
            guard let gtPath = SnapshotLayout.groundTruthPath(in: path) else { Issue.record("\(path) has no ground truth"); continue }
            let gt = try GroundTruth.load(path: gtPath)
            #expect(gt.schema == .v1flat)
            let s = try Snapshot.load(path)
            for g in gt.rootCauseGroups {
                let ns = g.namespace
                let present = s.objects(kind: g.kind, namespace: ns).contains { o in
                    if let n = g.name { return o.entity.name == n }
                    // Owned-object suffix relaxation: a `checkout-.*` Deployment group names the Deployment `checkout`.
                    return g.filter.contains { f in
                        [f, f.hasSuffix("-.*") ? String(f.dropLast(3)) : f].contains { p in
                            (try? Regex("^(?:\(p))$")).map { o.entity.name.wholeMatch(of: $0) != nil } ?? false
                        }
                    }
                }
                #expect(present, "\(path): root cause \(g.id) not among the recorded objects")
            }
        }
    }
}
