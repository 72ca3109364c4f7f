import Foundation
import Testing
import TestSupport
@testable import AgentTools
import Scoring
@testable import Snapshot

/// The answer never leaks to an agent, whatever the file is called, and a FIFO never blocks a read (issue 14).
@Suite struct AnswerLeakTests {
    static func copy() throws -> String {
        let dir = TestPaths.tempDir("leak")
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.copyItem(atPath: TestPaths.snapshot("incident-02"), toPath: dir)
        return dir
    }

    @Test func backupsTemporariesHiddenFilesScenarioSpecsAndGroundTruthContentAreWithheld() throws {
        let dir = try Self.copy()
        let gt = try String(contentsOfFile: dir + "/ground_truth.yaml", encoding: .utf8)
        let planted = ["ground_truth.yaml.bak", ".ground_truth.yaml.tmp-4242", ".dat.nosync1a2b", ".hidden", "answer-notes.txt",
                       "scenario.yaml", "alerts/.ground_truth.yaml"]
        for p in planted { try gt.write(toFile: dir + "/" + p, atomically: false, encoding: .utf8) }
        try "just notes".write(toFile: dir + "/notes.txt", atomically: false, encoding: .utf8)
        #expect(mkfifo(dir + "/events.fifo", 0o644) == 0)
        let ctx = ToolContext(snapshotPath: dir, opener: { try Snapshot.load(dir) })
        let listing = Toolbox.run("files", ToolArgs([:]), context: ctx)
        for p in planted + ["ground_truth.yaml"] { #expect(!listing.text.contains(p), "\(p) listed") }
        #expect(listing.text.contains("notes.txt"))
        for p in planted + ["ground_truth.yaml", "./ground_truth.yaml", "alerts/../ground_truth.yaml.bak", "events.fifo"] {
            let r = Toolbox.run("read_file", ToolArgs(["path": .string(p)]), context: ctx)
            #expect(r.isError, "\(p) was readable")
            #expect(!r.text.contains("root_cause"), "\(p) leaked")
        }
        #expect(!Toolbox.run("read_file", ToolArgs(["path": .string("notes.txt")]), context: ctx).isError)
        // Nothing in any agent answer carries the ground truth: search, info and entity included.
        for (tool, args) in [("search", ["query": ToolValue.string("root_cause")]), ("info", [:]), ("files", [:])] {
            #expect(!Toolbox.run(tool, ToolArgs(args), context: ctx).text.contains("root_cause: true"), "\(tool)")
        }
        // A FIFO in the snapshot neither blocks loading nor reading.
        let s = try Snapshot.load(dir)
        #expect(s.info().counts.spans > 0)
        #expect(throws: SnapshotError.self) { try ByteFile(path: dir + "/events.fifo") }
    }

    @Test func savingAGroundTruthLeavesNothingAnAgentCanSee() throws {
        let dir = try Self.copy()
        let before = try SnapshotLayout(root: dir).entries.map(\.path)
        let gt = try GroundTruth.load(path: dir + "/ground_truth.yaml")
        // A save killed mid-way left a temporary file behind (its process is gone).
        try "stale".write(toFile: dir + "/.ground_truth.yaml.tmp-999999", atomically: false, encoding: .utf8)
        try GroundTruthFile.save(gt, to: dir + "/ground_truth.yaml")
        try GroundTruthFile.save(gt, to: dir + "/ground_truth.yaml")
        #expect(try SnapshotLayout(root: dir).entries.map(\.path) == before)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(!names.contains { $0.hasPrefix(".ground_truth.yaml.tmp-") || $0.hasPrefix(".dat.nosync") }, "\(names)")
        #expect(names.contains("ground_truth.yaml.bak"))   // kept for the user, withheld from agents
    }
}
