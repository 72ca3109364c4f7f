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

    // Indexes load on first use when they come from the persistent cache (a CLI call touches only what it needs).
    private let eventsBox: LazyBox<EventIndex?>
    private let objectsBox: LazyBox<ObjectIndex?>
    private let tracesBox: LazyBox<TraceIndex?>
    private let digestBox: LazyBox<SpanDigest?>
    private let logsBox: LazyBox<LogIndex?>
    private let logDigestBox: LazyBox<LogDigest?>
    private let metricsBox: LazyBox<[MetricFileIndex]>
    private let spanSearchBox: LazyBox<SpanSearchDigest?>
    private let logBodiesBox: LazyBox<LogBodyStore?>
    var events: EventIndex? { eventsBox.value }
    var objects: ObjectIndex? { objectsBox.value }
    var traces: TraceIndex? { tracesBox.value }
    var logs: LogIndex? { logsBox.value }
    /// Span aggregates (its own small cache section): answers span counts and rollups without reading the spans.
    var spanDigest: SpanDigest? { digestBox.value }
    var metricFiles: [MetricFileIndex] { metricsBox.value }
    /// Log counts per service, level and 10-second slot (its own small cache section).
    var logDigest: LogDigest? { logDigestBox.value }
    /// Span names and error messages with the first spans of each (its own small cache section): what `search` reads.
    var spanSearch: SpanSearchDigest? { spanSearchBox.value }
    /// Every log body as text, one after another (its own cache section; only a saved index has it): what text search
    /// and template mining read instead of the log file.
    var logBodies: LogBodyStore? { logBodiesBox.value }
    /// The body store when it holds a body for every record of `l` (it is read without the log index, so the two can
    /// be read at once), else nil: then the log file is read.
    func bodyStore(for l: LogIndex) -> LogBodyStore? { uncheckedBodyStore(for: l).flatMap { $0.isIntact ? $0 : nil } }
    /// As `bodyStore(for:)`, its bytes not checked yet: for a caller that checks them as it reads them.
    func uncheckedBodyStore(for l: LogIndex) -> LogBodyStore? { logBodies.flatMap { $0.count == l.count ? $0 : nil } }
    let alertStore: AlertStore
    let tracesFile: ByteFile?
    let logsFile: ByteFile?
    let objectsFile: ByteFile?
    /// Entity table, ownership and dependency edges, derived at load.
    public let graph: EntityGraph
    let cache = QueryCache()
    /// How long loading took, in seconds.
    public let loadSeconds: Double
    /// Whether this snapshot was read from its saved index (`IndexCache`) rather than indexed from its files.
    public internal(set) var fromSavedIndex = false

    public struct FileStats: Sendable, Codable {
        public var path: String
        public var kind: SnapshotLayout.FileKind
        public var bytes: Int
        public var records: Int
    }

    convenience init(root: String, layout: SnapshotLayout, diagnostics: [Diagnostic], files: [FileStats], events: EventIndex?,
                     objects: ObjectIndex?, traces: TraceIndex?, logs: LogIndex?, metricFiles: [MetricFileIndex], alertStore: AlertStore,
                     tracesFile: ByteFile?, logsFile: ByteFile?, objectsFile: ByteFile?, graph: EntityGraph, loadSeconds: Double) {
        self.init(root: root, layout: layout, diagnostics: diagnostics, files: files, events: LazyBox(value: events), objects: LazyBox(value: objects),
                  traces: LazyBox(value: traces), spanDigest: LazyBox { traces.map(SpanDigest.build) },
                  spanSearch: LazyBox { traces.map { SpanSearchDigest.build($0) } }, logs: LazyBox(value: logs),
                  logDigest: LazyBox { logs.map(LogDigest.build) }, logBodies: LazyBox(value: nil), metricFiles: LazyBox(value: metricFiles), alertStore: alertStore,
                  tracesFile: tracesFile, logsFile: logsFile, objectsFile: objectsFile, graph: graph, loadSeconds: loadSeconds)
    }

    init(root: String, layout: SnapshotLayout, diagnostics: [Diagnostic], files: [FileStats], events: LazyBox<EventIndex?>,
         objects: LazyBox<ObjectIndex?>, traces: LazyBox<TraceIndex?>, spanDigest: LazyBox<SpanDigest?>, spanSearch: LazyBox<SpanSearchDigest?>, logs: LazyBox<LogIndex?>, logDigest: LazyBox<LogDigest?>,
         logBodies: LazyBox<LogBodyStore?>, metricFiles: LazyBox<[MetricFileIndex]>,
         alertStore: AlertStore, tracesFile: ByteFile?, logsFile: ByteFile?, objectsFile: ByteFile?, graph: EntityGraph, loadSeconds: Double) {
        self.root = root
        self.spanSearchBox = spanSearch; self.logBodiesBox = logBodies
        self.name = (root as NSString).lastPathComponent
        self.layout = layout; self.diagnostics = diagnostics; self.files = files
        self.eventsBox = events; self.objectsBox = objects; self.tracesBox = traces; self.digestBox = spanDigest; self.logsBox = logs; self.logDigestBox = logDigest
        self.metricsBox = metricFiles; self.alertStore = alertStore
        self.tracesFile = tracesFile; self.logsFile = logsFile; self.objectsFile = objectsFile
        self.graph = graph; self.loadSeconds = loadSeconds
    }

    /// Loads and indexes the snapshot at `path`. `progress(done, total)` is called with bytes indexed.
    public static func load(_ path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Snapshot {
        try SnapshotLoader(path: path, progress: progress).load()
    }
}

/// A value computed on first access, once, thread-safely.
final class LazyBox<T>: @unchecked Sendable {
    private var stored: T?
    private var make: (() -> T)?
    private let lock = NSLock()
    init(value: T) { stored = value }
    init(_ make: @escaping () -> T) { self.make = make }
    var value: T {
        lock.lock(); defer { lock.unlock() }
        if let v = stored { return v }
        let v = make!()
        stored = v; make = nil
        return v
    }
}
