import Foundation

/// Where a task's ground truth lives: a file, or YAML text embedded in a dataset file (ITBench-AA's `data.jsonl`),
/// named by file and line.
public enum TruthSource: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case embedded(text: String, origin: String)

    /// The file, or `FILE:LINE` of the embedded text: what every message and score report names.
    public var description: String {
        switch self {
        case .file(let p): return p
        case .embedded(_, let origin): return origin
        }
    }
}

/// One task of a dataset: a snapshot to investigate and the ground truth that scores it (either may be missing: the
/// ground-truth repository has no snapshots, an unlabelled folder has no truths).
public struct DatasetTask: Sendable, Equatable {
    /// Canonical id (`2` for `Scenario-2`, `scenario_2`, `2`; other names lowercased).
    public var id: String
    /// The name as the dataset spells it.
    public var name: String
    public var snapshot: String?
    public var truth: TruthSource?
    /// The task folder holding its ground-truth files, when they are files (versions are chosen among them).
    public var truthDirectory: String?

    public init(id: String, name: String, snapshot: String?, truth: TruthSource?, truthDirectory: String?) {
        self.id = id; self.name = name; self.snapshot = snapshot; self.truth = truth; self.truthDirectory = truthDirectory
    }
}

/// A snapshot or a dataset opened as tasks (see `TaskCatalog`).
public struct Dataset: Sendable {
    public enum Layout: String, Sendable {
        case snapshot, itbenchLite = "itbench-lite", itbenchAA = "itbench-aa", groundTruthRepo = "ground-truth-repo", folder
    }
    public var root: String
    public var layout: Layout
    public var tasks: [DatasetTask]
    /// Rows that do not read, duplicate ids, several snapshot versions: each names its file (and line).
    public var problems: [String] = []

    /// The task with this id in any spelling (`Scenario-2`, `scenario_2`, `2`), or whose folder or snapshot is `key`.
    public func task(_ key: String) -> DatasetTask? {
        let id = TaskCatalog.canonicalID(PathText.name(key))
        if let t = tasks.first(where: { $0.id == id }) { return t }
        let std = URL(fileURLWithPath: key).standardizedFileURL.path
        return tasks.first { $0.snapshot.map { URL(fileURLWithPath: $0).standardizedFileURL.path } == std }
    }

    /// The tasks that have a snapshot.
    public var snapshots: [DatasetTask] { tasks.filter { $0.snapshot != nil } }
}
