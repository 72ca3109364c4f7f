import Foundation

/// Opens a snapshot, or a whole dataset, as a set of tasks. Layouts (docs/DATASETS.md):
/// - one snapshot directory (one task);
/// - ITBench-Lite: `snapshots/sre/v0.2-…/Scenario-N/` with `ground_truth.yaml` in each (given the dataset root or
///   any folder on the way down);
/// - ITBench-AA: `sre/Scenario-N/` with the ground truth embedded in `sre/data.jsonl` (given the root or `sre/`);
/// - the ITBench ground-truth repository: `scenario_N/groundtruth_v1.yaml` (and `groundtruth.yaml`), no snapshots;
/// - any folder of snapshots and task folders (`*.yaml` ground truths directly in it count as tasks too).
/// The snapshot picker, `info --list`, `practice`, `score --tasks`, `replay` and the MCP server all read tasks here.
public enum TaskCatalog {
    /// `Scenario-2`, `scenario_2`, `scenario2`, `it-bench-sre-public-scenario-2`, `2` → `2`; other names lowercased.
    public static func canonicalID(_ s: String) -> String {
        let l = s.lowercased()
        if !l.isEmpty, l.allSatisfy(\.isNumber) { return String(Int(l) ?? 0) }
        for prefix in ["it-bench-sre-public-scenario-", "scenario-", "scenario_", "scenario"] where l.hasPrefix(prefix) {
            let rest = String(l.dropFirst(prefix.count))
            if !rest.isEmpty, rest.allSatisfy(\.isNumber) { return String(Int(rest) ?? 0) }
        }
        return l
    }

    /// The tasks at `path`. Throws when `path` is not a directory or holds no task at all.
    public static func open(_ path: String) throws -> Dataset {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { throw SnapshotError.notASnapshot(path: path, reason: "no such directory") }
        guard isDir.boolValue else { throw SnapshotError.notASnapshot(path: path, reason: "a file, not a directory") }
        if (try? SnapshotLayout(root: path)) != nil {
            let name = PathText.name(path)
            let truthDir = SnapshotLayout.groundTruthPath(in: path) != nil ? path : nil
            return Dataset(root: path, layout: .snapshot,
                           tasks: [DatasetTask(id: canonicalID(name), name: name, snapshot: path, truth: truthDir.flatMap { SnapshotLayout.groundTruthPath(in: $0) }.map(TruthSource.file), truthDirectory: truthDir)])
        }
        for jsonl in [join(path, "sre/data.jsonl"), join(path, "data.jsonl")] where fm.fileExists(atPath: jsonl) {
            return aa(root: path, jsonl: jsonl)
        }
        for base in [join(path, "snapshots/sre"), join(path, "sre"), path] {
            let versions = subdirectories(base).filter { PathText.name($0).hasPrefix("v0.") || PathText.name($0).hasPrefix("v1.") }
            if let newest = versions.last {
                var d = folder(newest, layout: .itbenchLite)
                d.root = path
                if versions.count > 1 { d.problems.append("\(base): \(versions.count) snapshot versions; using \(PathText.name(newest))") }
                return d
            }
        }
        let d = folder(path, layout: .folder)
        if d.tasks.isEmpty {
            throw SnapshotError.notASnapshot(path: path, reason: "neither a snapshot nor a dataset (no snapshots, task folders, ground truths or data.jsonl found)")
        }
        return d
    }

    /// A folder whose entries are snapshots, task folders with ground-truth files, or ground-truth YAML files.
    static func folder(_ dir: String, layout: Dataset.Layout) -> Dataset {
        let fm = FileManager.default
        var tasks: [DatasetTask] = []
        for sub in subdirectories(dir) {
            let name = PathText.name(sub)
            let isSnapshot = (try? SnapshotLayout(root: sub)) != nil
            let truth = truthFile(in: sub)
            guard isSnapshot || truth != nil else { continue }
            tasks.append(DatasetTask(id: canonicalID(name), name: name, snapshot: isSnapshot ? sub : nil,
                                     truth: truth.map(TruthSource.file), truthDirectory: truth == nil ? nil : sub))
        }
        for n in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where !n.hasPrefix(".") && (n.hasSuffix(".yaml") || n.hasSuffix(".yml")) {
            let p = join(dir, n)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue else { continue }
            let name = (n as NSString).deletingPathExtension
            tasks.append(DatasetTask(id: canonicalID(name), name: name, snapshot: nil, truth: .file(p), truthDirectory: nil))
        }
        var kind = layout
        if kind == .folder, !tasks.isEmpty, tasks.allSatisfy({ $0.snapshot == nil && $0.truthDirectory != nil }) { kind = .groundTruthRepo }
        return Dataset(root: dir, layout: kind, tasks: sorted(tasks), problems: duplicates(tasks, in: dir))
    }

    /// ITBench-AA: scenario folders beside `data.jsonl`, whose rows carry each scenario's ground truth as YAML text.
    static func aa(root: String, jsonl: String) -> Dataset {
        let dir = PathText.parent(jsonl)
        var problems: [String] = []
        var truths: [String: (name: String, source: TruthSource)] = [:]
        switch Result(catching: { try InputFile.read(jsonl) }) {
        case .failure(let e): problems.append("\(jsonl): cannot read: \(e)")
        case .success(let data):
            var line = 0
            for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                line += 1
                guard raw.contains(where: { !JSONSpace.isSpace($0) }) else { continue }
                guard let row = (try? JSONSerialization.jsonObject(with: Data(raw))) as? [String: Any] else {
                    problems.append("\(jsonl):\(line): not a JSON object; skipped"); continue
                }
                guard let sid = (row["scenario_id"] as? String) ?? (row["id_aa"] as? String) else {
                    problems.append("\(jsonl):\(line): no scenario_id; skipped"); continue
                }
                if let category = row["category"] as? String, category != "sre" { continue }
                guard let yaml = row["ground_truth_yaml"] as? String, !yaml.isEmpty else {
                    problems.append("\(jsonl):\(line): \(sid) has no ground_truth_yaml"); continue
                }
                truths[canonicalID(sid)] = (sid, .embedded(text: yaml, origin: "\(jsonl):\(line)"))
            }
        }
        var tasks: [DatasetTask] = []
        var seen = Set<String>()
        for sub in subdirectories(dir) where (try? SnapshotLayout(root: sub)) != nil {
            let name = PathText.name(sub), id = canonicalID(name)
            seen.insert(id)
            tasks.append(DatasetTask(id: id, name: name, snapshot: sub, truth: truths[id]?.source, truthDirectory: nil))
        }
        for (id, t) in truths where !seen.contains(id) {
            tasks.append(DatasetTask(id: id, name: t.name, snapshot: nil, truth: t.source, truthDirectory: nil))
        }
        return Dataset(root: root, layout: .itbenchAA, tasks: sorted(tasks), problems: problems + duplicates(tasks, in: dir))
    }

    /// The first ground-truth file in a task folder.
    static func truthFile(in dir: String) -> String? {
        for n in ["ground_truth.yaml", "ground_truth.yml", "groundtruth_v1.yaml", "groundtruth.yaml"] {
            let p = join(dir, n)
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    static func subdirectories(_ dir: String) -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted().filter { !$0.hasPrefix(".") }.map { join(dir, $0) }.filter {
            var d: ObjCBool = false
            return fm.fileExists(atPath: $0, isDirectory: &d) && d.boolValue
        }
    }

    /// Numeric ids in number order, then the rest by name.
    static func sorted(_ tasks: [DatasetTask]) -> [DatasetTask] {
        tasks.sorted { a, b in
            switch (Int(a.id), Int(b.id)) {
            case let (x?, y?): return x != y ? x < y : a.name < b.name
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.name < b.name
            }
        }
    }

    static func duplicates(_ tasks: [DatasetTask], in dir: String) -> [String] {
        Dictionary(grouping: tasks, by: \.id).filter { $0.value.count > 1 }.keys.sorted().map { id in
            "\(dir): task \(id) appears \(tasks.filter { $0.id == id }.count) times (\(tasks.filter { $0.id == id }.map(\.name).joined(separator: ", "))); the first is used"
        }
    }

    static func join(_ a: String, _ b: String) -> String { (a as NSString).appendingPathComponent(b) }
}

enum JSONSpace {
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
}
