import Foundation

/// Indexes every file of a snapshot, the large ones in parallel, and derives the entity graph.
struct SnapshotLoader {
    let path: String
    let progress: (@Sendable (Int, Int) -> Void)?

    init(path: String, progress: (@Sendable (Int, Int) -> Void)?) {
        self.path = (path as NSString).standardizingPath
        self.progress = progress
    }

    /// Thread-safe collector of results from the parallel tasks.
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var events: EventIndex?, objects: ObjectIndex?, traces: TraceIndex?, logs: LogIndex?
        /// The entity graph's half built from the objects (during the scan of the other files).
        var objectGraph: EntityGraph?
        var alerts: AlertStore?
        var metrics: [MetricFileIndex] = []
        var diagnostics: [Diagnostic] = []
        var stats: [Snapshot.FileStats] = []
        var files: [String: ByteFile] = [:]
        var done = 0
        var bytesDone = 0
        func with(_ f: () -> Void) { lock.lock(); f(); lock.unlock() }
    }

    func load() throws -> Snapshot {
        let start = Date()
        let layout = try SnapshotLayout(root: path)
        let results = Results()
        results.diagnostics = layout.diagnostics
        let tsvKinds: [SnapshotLayout.FileKind] = [.events, .objects, .logs, .traces, .metrics]
        var tasks = layout.entries.filter { tsvKinds.contains($0.kind) }
        // One file per signal: extra copies are reported, not merged.
        var seen = Set<SnapshotLayout.FileKind>()
        tasks = tasks.filter { e in
            if e.kind == .metrics { return true }
            if seen.contains(e.kind) {
                results.diagnostics.append(Diagnostic(.warning, file: e.path, reason: "a second \(e.kind.rawValue) file; ignored"))
                return false
            }
            seen.insert(e.kind); return true
        }
        tasks.sort { $0.size > $1.size }
        let queue = tasks
        let total = max(1, tasks.reduce(0) { $0 + $1.size })
        let progress = self.progress
        let root = path
        let next = Results()  // used only for its lock + counter as a work queue
        // The files, largest first, then the alerts (their own small files), which the worker that ends first reads.
        let alertPaths = layout.paths(.alerts)
        let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), queue.count + 1)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                var taskIndex = -1
                next.with { taskIndex = next.done; next.done += 1 }
                guard taskIndex <= queue.count else { return }
                guard taskIndex < queue.count else {
                    let store = PhaseLog.time("alerts") { AlertStore.load(root: root, paths: alertPaths) }
                    results.with { results.alerts = store }
                    return
                }
                let entry = queue[taskIndex]
                PhaseLog.time("index \(entry.path)") { Self.index(entry, root: root, results: results, total: total, progress: progress) }
            }
        }
        var alertStore = results.alerts!
        results.diagnostics += alertStore.diagnostics
        for f in alertStore.files {
            results.stats.append(Snapshot.FileStats(path: f.path, kind: .alerts, bytes: layout.entries.first { $0.path == f.path }?.size ?? 0, records: f.count))
        }
        let metrics = results.metrics.sorted { $0.path < $1.path }
        let graph = results.objectGraph ?? EntityGraph.fromObjects(nil, file: nil)
        PhaseLog.time("entity graph") {
            graph.addTelemetry(events: results.events, traces: results.traces, logs: results.logs, metrics: metrics,
                               topologyFiles: layout.paths(.topology).map { (path as NSString).appendingPathComponent($0) },
                               diagnostics: &results.diagnostics)
        }
        for i in alertStore.alerts.indices { alertStore.alerts[i].entity = graph.resolveAlert(alertStore.alerts[i]) }
        let kindOrder: [SnapshotLayout.FileKind] = [.alerts, .events, .objects, .traces, .logs, .metrics]
        let stats = results.stats.sorted { (kindOrder.firstIndex(of: $0.kind) ?? 9, $0.path) < (kindOrder.firstIndex(of: $1.kind) ?? 9, $1.path) }
        progress?(total, total)
        return Snapshot(root: path, layout: layout, diagnostics: results.diagnostics, files: stats, events: results.events,
                        objects: results.objects, traces: results.traces, logs: results.logs, metricFiles: metrics,
                        alertStore: alertStore, tracesFile: results.files["traces"], logsFile: results.files["logs"],
                        objectsFile: results.files["objects"], graph: graph, loadSeconds: Date().timeIntervalSince(start))
    }

    static func index(_ entry: SnapshotLayout.Entry, root: String, results: Results, total: Int,
                      progress: (@Sendable (Int, Int) -> Void)?) {
        let full = (root as NSString).appendingPathComponent(entry.path)
        let file: ByteFile
        do { file = try ByteFile(path: full) } catch {
            results.with { results.diagnostics.append(Diagnostic(.error, file: entry.path, reason: "cannot open: \(error)")) }
            return
        }
        // Progress: bytes scanned (deltas from any thread) added to the shared total.
        let addBytes: @Sendable (Int) -> Void = { delta in
            var sum = 0
            results.with { results.bytesDone += delta; sum = results.bytesDone }
            progress?(min(sum, total), total)
        }
        var reported = 0
        let onProgress: (Int) -> Void = { done in
            if done > reported { addBytes(done - reported); reported = done }
        }
        var summary = TSVScanSummary()
        switch entry.kind {
        case .events:
            let (idx, s) = EventIndex.build(file, displayName: entry.path, progress: onProgress)
            summary = s
            results.with { results.events = idx; results.files["events"] = file }
        case .objects:
            let (idx, s) = ObjectIndex.build(file, displayName: entry.path, progress: onProgress)
            summary = s
            let graph = PhaseLog.time("entity graph from objects") { EntityGraph.fromObjects(idx, file: file) }
            results.with { results.objects = idx; results.files["objects"] = file; results.objectGraph = graph }
        case .traces:
            let (idx, s) = TraceIndex.build(file, displayName: entry.path, addBytes: addBytes)
            summary = s
            results.with { results.traces = idx; results.files["traces"] = file }
        case .logs:
            let (idx, s) = LogIndex.build(file, displayName: entry.path, addBytes: addBytes)
            summary = s
            results.with { results.logs = idx; results.files["logs"] = file }
        case .metrics:
            guard let (target, name) = MetricFileIndex.parseName((entry.path as NSString).lastPathComponent) else { return }
            let (idx, s) = MetricFileIndex.build(file, displayName: entry.path, target: target, targetName: name, progress: onProgress)
            summary = s
            results.with { results.metrics.append(idx) }
        default: return
        }
        results.with {
            results.diagnostics += summary.diagnostics
            results.stats.append(Snapshot.FileStats(path: entry.path, kind: entry.kind, bytes: file.size, records: summary.records))
        }
    }
}
