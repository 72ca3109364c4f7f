import ArgumentParser
import Foundation
import Scoring
import Snapshot
import TUI

struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Hand-label a snapshot's ground truth in the TUI, or validate one (--check).",
        discussion: """
        In the TUI: m marks the focused entity as a root cause, A makes it an alias of the last root cause,
        :prop CONDITION | EFFECT adds a propagation to the focused entity, :alert NAME attaches an alert,
        :group KIND NAMESPACE REGEX adds a regex group (with a live preview of what it matches; :rootgroup for a root),
        :gt shows the ground truth, :save writes it (ITBench v1, atomic, previous file kept as .bak).

        Examples:
          triage label Snapshots/incident-02                       # edits its ground_truth.yaml
          triage label --check ground_truth.yaml --snapshot DIR    # validate without the TUI
        """)
    @Argument(help: "Snapshot directory.") var snapshot: String?
    @Option(help: "Validate this ground truth and exit.") var check: String?
    @Option(name: .customLong("snapshot"), help: "Snapshot for --check.") var checkSnapshot: String?
    @Option(help: "Where to save (default: the snapshot's ground_truth.yaml).") var out: String?
    @OptionGroup var ui: TUIOptions
    @Option(help: "Load this ground truth and save it to --out unchanged (dangling references dropped).") var rewrite: String?
    @Flag(help: "With --check: print JSON (the envelope of docs/INTERFACE.md).") var json = false

    func run() throws {
        if let rewrite {
            guard let out else { throw ValidationError("--rewrite needs --out") }
            let (gt, notes) = GroundTruthFile.repairDangling(try GroundTruth.load(path: rewrite))
            for n in notes { FileHandle.standardError.write("note: \(n)\n".data(using: .utf8)!) }
            try GroundTruthFile.save(gt, to: out)
            return
        }
        if let check {
            let gt: GroundTruth
            do { gt = try GroundTruth.load(path: check, strict: true) } catch {
                if json { exitWith(.input, JSONOutput.text(JSONOutput.failure("label", code: "bad_input", message: "\(error)"))) }
                throw CLIError(message: "\(error)")
            }
            let snap = try (checkSnapshot ?? snapshot).map { try SnapshotOpener.openCached(SnapshotOpener.resolvePath($0)) }
            let problems = GroundTruthFile.validate(gt, snapshot: snap)
            // Warnings do not fail the check: filters that are not regexes, and another version beside it that disagrees.
            var warnings = gt.warnings
            if let d = (try? GroundTruthChoice.file(check))?.disagreement { warnings.append(d) }
            if gt.isPlaceholder { warnings.append("an empty \(gt.version) placeholder (it names no entity at all): triage score uses the other version beside it") }
            if json {
                let r: [String: Any] = ["file": check, "version": gt.version, "valid": problems.isEmpty, "groups": gt.groups.count,
                                        "root_causes": gt.rootCauseGroups.count, "propagations": gt.propagations.count,
                                        "problems": problems, "warnings": warnings]
                print(JSONOutput.text(JSONOutput.success("label", r)))
                if !problems.isEmpty { throw ExitCode(1) }
                return
            }
            for w in warnings { FileHandle.standardError.write(Data("⚠ \(check): \(w)\n".utf8)) }
            if problems.isEmpty {
                print("✔ \(check): valid \(gt.version) (\(gt.groups.count) groups, \(gt.rootCauseGroups.count) root causes, \(gt.propagations.count) propagations)")
                return
            }
            for p in problems { print("✘ \(check): \(p)") }
            throw ExitCode(1)
        }
        let path = try SnapshotOpener.resolvePath(snapshot)
        let s = try SnapshotOpener.openCached(path, saveInBackground: !ui.headless)
        let target = out ?? (path as NSString).appendingPathComponent("ground_truth.yaml")
        let existing = FileManager.default.fileExists(atPath: target) ? try? GroundTruth.load(path: target) : nil
        let app = AppState(snapshot: s, truthPath: nil)
        app.labelling = LabelSession(path: target, existing: existing)
        if try !ui.run(app) {
            throw CLIError(message: "label needs a terminal (or --headless)")
        }
    }
}
