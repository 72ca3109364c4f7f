import AgentTools
import ArgumentParser
import Foundation
import Snapshot

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a snapshot: files, record counts, time window, namespaces, entities, diagnostics.",
        discussion: """
        Examples:
          triage info                          # the default shipped snapshot
          triage info Snapshots/<name> --json  # machine-readable: counts, entities, window, diagnostics
        """)
    @Argument(help: ArgumentHelp("Snapshot directory (default: $TRIAGE_SNAPSHOT, the current directory if it is a snapshot, else the first shipped snapshot).",
                                 valueName: "snapshot"), completion: .directory)
    var directory: String?
    @Option(name: .customLong("snapshot"), help: ArgumentHelp("Snapshot directory (the same as the bare argument).", valueName: "dir"), completion: .directory)
    var snapshotOption: String?
    @Option(help: ArgumentHelp("With a dataset as the snapshot (ITBench-Lite, ITBench-AA, a folder of snapshots): the task, as Scenario-2, scenario_2 or 2.", valueName: "id")) var task: String?
    @Flag(help: "Print JSON (the envelope of docs/INTERFACE.md; the same as the info tool's).") var json = false
    @Flag(help: "List the tasks of a dataset or folder of snapshots (default: the shipped ones) instead.") var list = false
    @Flag(help: "Index the snapshot's files afresh (and save that index) instead of reading the saved index; its diagnostics are stored with it.") var reindex = false
    @Option(help: ArgumentHelp("Append this call to an ATIF trajectory (default: $TRIAGE_RECORD).", valueName: "file"), completion: .file(extensions: ["json"]))
    var record: String?

    var snapshot: String? { snapshotOption ?? directory }

    func validate() throws {
        if let a = directory, let b = snapshotOption, a != b { throw ValidationError("give the snapshot once: '\(a)' or --snapshot '\(b)'") }
    }

    func run() throws {
        if list { try listSnapshots(); return }
        let started = Date()
        // Like every other command, info reads the saved index (diagnostics included) when it is current.
        let s = try SnapshotOpener.openCached(SnapshotOpener.resolvePath(snapshot, task: task), reindex: reindex)
        _ = Unmanaged.passRetained(s)   // left to the process's exit, not freed column by column first
        let info = s.info()
        let result = Toolbox.run("info", ToolArgs(), context: ToolContext(snapshotPath: s.root, surface: .cli, opener: { s }))
        if let rec = Recorder.from(option: record) {
            do {
                try rec.append(tool: "info", arguments: [:], output: result.text, isError: result.isError, started: started, finished: Date(), snapshot: s.root)
            } catch { FileHandle.standardError.write(Data("triage: not recorded: \(error)\n".utf8)) }
        }
        if json {
            print(result.json)
            return
        }
        print(Self.render(info, description: SnapshotCatalog.description(of: s.root), savedIndex: s.fromSavedIndex))
        if snapshot == nil, let dir = SnapshotCatalog.shippedDirectory() {
            let others = SnapshotCatalog.list(dir).map { ($0 as NSString).lastPathComponent }.filter { $0 != s.name }
            if !others.isEmpty { print("\nAlso shipped  " + others.joined(separator: ", ") + "  (triage info --list)") }
        }
    }

    /// One line per task of the dataset (any layout TaskCatalog reads): id, name, size, where its ground truth is,
    /// description.
    func listSnapshots() throws {
        let dir = snapshot ?? SnapshotCatalog.shippedDirectory()
        guard let dir else { throw CLIError(message: "no shipped Snapshots/ directory found; pass a directory of snapshots or a dataset") }
        let dataset: Dataset
        do { dataset = try TaskCatalog.open(dir) } catch { throw CLIError(message: "\(error)") }
        for p in dataset.problems { FileHandle.standardError.write(Data("triage: warning: \(p)\n".utf8)) }
        struct Entry: Encodable {
            let task: String; let name: String; let path: String?; let bytes: Int; let labelled: Bool; let truth: String?; let description: String?
        }
        let entries = dataset.tasks.map { t -> Entry in
            let layout = t.snapshot.flatMap { try? SnapshotLayout(root: $0) }
            return Entry(task: t.id, name: t.name, path: t.snapshot, bytes: layout?.entries.reduce(0) { $0 + $1.size } ?? 0, labelled: t.truth != nil,
                         truth: t.truth.map { Self.shortTruth($0, root: dataset.root) }, description: t.snapshot.flatMap { SnapshotCatalog.description(of: $0) })
        }
        if json {
            print(JSONOutput.text(JSONOutput.success("info", ["rows": entries.map { JSONOutput.plain($0) }, "total": entries.count,
                                                              "layout": dataset.layout.rawValue, "root": dataset.root, "problems": dataset.problems])))
            return
        }
        let withSnapshot = entries.filter { $0.path != nil }.count, labelled = entries.filter(\.labelled).count
        print("\(dataset.root): \(dataset.layout.rawValue), \(entries.count) task\(entries.count == 1 ? "" : "s"), \(withSnapshot) with a snapshot, \(labelled) labelled")
        print(Format.table([["TASK", "NAME", "SIZE", "GROUND TRUTH", "DESCRIPTION"]]
                           + entries.map { [$0.task, $0.name, $0.path == nil ? "-" : Format.bytes($0.bytes), $0.truth ?? "-", $0.description ?? ""] },
                           rightAligned: [2]))
    }

    /// The ground truth's place relative to the dataset root (`Scenario-2/ground_truth.yaml`, `sre/data.jsonl:3`).
    static func shortTruth(_ t: TruthSource, root: String) -> String {
        func relative(_ path: String) -> String {
            let prefix = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
            let std = URL(fileURLWithPath: path).standardizedFileURL.path
            return std.hasPrefix(prefix) ? String(std.dropFirst(prefix.count)) : path
        }
        switch t {
        case .file(let p): return relative(p)
        case .embedded(_, let origin):
            guard let colon = origin.lastIndex(of: ":") else { return origin }
            return relative(String(origin[..<colon])) + origin[colon...]
        }
    }

    static func render(_ i: SnapshotInfo, description: String?, savedIndex: Bool = false) -> String {
        var out: [String] = []
        let how = savedIndex ? "saved index read in" : "indexed in"
        out.append("Snapshot  \(i.name)  (\(i.path), \(Format.bytes(i.bytes)), \(how) \(String(format: "%.2f", i.load_seconds)) s)")
        if let d = description { out.append("          \(d)") }
        if let s = i.window.start, let e = i.window.end { out.append("Window    \(s) → \(e)") }
        if let s = i.window.incident_start { out.append("Incident  from \(s): \(i.window.incident_start_reason ?? "")") }
        out.append("")
        let c = i.counts
        out.append(Format.table([
            ["alerts", Format.count(c.alerts), "distinct label sets in \(c.alert_files) alert file(s)"],
            ["events", Format.count(c.events), "after folding \(Format.count(c.event_rows)) rows (duplicate API versions, updates)"],
            ["objects", Format.count(c.objects), "\(Format.count(c.object_rows)) observations"],
            ["spans", Format.count(c.spans), "\(Format.count(c.traces)) traces"],
            ["logs", Format.count(c.log_records), "records"],
            ["metrics", Format.count(c.metric_series), "series, \(Format.count(c.metric_samples)) samples after de-duplication"],
        ], rightAligned: [1]))
        out.append("")
        out.append("Files")
        let alertFiles = i.files.filter { $0.kind == .alerts }
        var rows: [[String]] = []
        if !alertFiles.isEmpty {
            rows.append(["  alerts/ (\(alertFiles.count) files)", Format.bytes(alertFiles.reduce(0) { $0 + $1.bytes }), Format.count(alertFiles.reduce(0) { $0 + $1.records }) + " records"])
        }
        let metricFiles = i.files.filter { $0.kind == .metrics }
        for f in i.files where f.kind != .alerts && f.kind != .metrics {
            rows.append(["  " + f.path, Format.bytes(f.bytes), Format.count(f.records) + " records"])
        }
        if !metricFiles.isEmpty {
            rows.append(["  metrics/ (\(metricFiles.count) files)", Format.bytes(metricFiles.reduce(0) { $0 + $1.bytes }), Format.count(metricFiles.reduce(0) { $0 + $1.records }) + " records"])
        }
        out.append(Format.table(rows, rightAligned: [1, 2]))
        out.append("")
        out.append("Namespaces  " + i.namespaces.joined(separator: ", "))
        out.append("Entities    " + i.entities.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let problems = i.diagnostics.filter { $0.severity != .info }
        out.append("")
        out.append(problems.isEmpty ? "Diagnostics none" : "Diagnostics (\(problems.count))")
        for d in problems.prefix(50) { out.append("  " + d.description) }
        if problems.count > 50 { out.append("  … \(problems.count - 50) more; use --json") }
        let notes = i.diagnostics.filter { $0.severity == .info }
        if !notes.isEmpty { out.append("Notes       " + notes.prefix(6).map { "\($0.file): \($0.reason)" }.joined(separator: "; ") + (notes.count > 6 ? "; …" : "")) }
        return out.joined(separator: "\n")
    }
}
