import Foundation

/// A loaded, indexed incident snapshot. Immutable after loading and safe to share across threads.
///
/// Every consumer (TUI, CLI tools, MCP server, replay) queries it through the methods in `Query/`.
/// It holds compact indexes; record bodies stay on disk and are read back by offset when asked for.
/// The ground truth is not part of it.
public final class Snapshot: @unchecked Sendable {
    public let root: String
    public let name: String
    public let layout: SnapshotLayout
    public let diagnostics: [Diagnostic]
    /// Per file: path, kind, size and records read.
    public let files: [FileStats]

    let events: EventIndex?
    let objects: ObjectIndex?
    let traces: TraceIndex?
    let logs: LogIndex?
    let metricFiles: [MetricFileIndex]
    let alertStore: AlertStore
    let tracesFile: ByteFile?
    let logsFile: ByteFile?
    let objectsFile: ByteFile?
    /// Entity table, ownership and dependency edges, derived at load.
    public let graph: EntityGraph
    let cache = QueryCache()
    /// How long loading took, in seconds.
    public let loadSeconds: Double

    public struct FileStats: Sendable, Codable {
        public var path: String
        public var kind: SnapshotLayout.FileKind
        public var bytes: Int
        public var records: Int
    }

    init(root: String, layout: SnapshotLayout, diagnostics: [Diagnostic], files: [FileStats], events: EventIndex?,
         objects: ObjectIndex?, traces: TraceIndex?, logs: LogIndex?, metricFiles: [MetricFileIndex], alertStore: AlertStore,
         tracesFile: ByteFile?, logsFile: ByteFile?, objectsFile: ByteFile?, graph: EntityGraph, loadSeconds: Double) {
        self.root = root
        self.name = (root as NSString).lastPathComponent
        self.layout = layout; self.diagnostics = diagnostics; self.files = files
        self.events = events; self.objects = objects; self.traces = traces; self.logs = logs
        self.metricFiles = metricFiles; self.alertStore = alertStore
        self.tracesFile = tracesFile; self.logsFile = logsFile; self.objectsFile = objectsFile
        self.graph = graph; self.loadSeconds = loadSeconds
    }

    /// Loads and indexes the snapshot at `path`. `progress(done, total)` is called with bytes indexed.
    public static func load(_ path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Snapshot {
        try SnapshotLoader(path: path, progress: progress).load()
    }
}
