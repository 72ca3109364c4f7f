import ArgumentParser
import Foundation
import Snapshot

/// Opens the snapshot named on the command line (or the default one), with progress on a terminal.
enum SnapshotOpener {
    /// The snapshot to open: `given` (a snapshot, or a dataset with `task` naming one of its tasks), else
    /// $TRIAGE_SNAPSHOT, the current directory, the first shipped snapshot. A dataset without `task` is refused with
    /// its task list, unless `firstTask` (the TUI opens the first task and offers the rest in its picker).
    static func resolvePath(_ given: String?, task: String? = nil, firstTask: Bool = false) throws -> String {
        try resolveTask(given, task: task, firstTask: firstTask).path
    }

    static func resolveTask(_ given: String?, task: String? = nil, firstTask: Bool = false) throws -> (path: String, task: DatasetTask?, dataset: Dataset?) {
        guard given != nil || task != nil else { return (try resolveDefault(), nil, nil) }
        let base = try given ?? SnapshotCatalog.shippedDirectory() ?? resolveDefault()
        if task == nil, (try? SnapshotLayout(root: base)) != nil { return (base, nil, nil) }
        let dataset: Dataset
        do { dataset = try TaskCatalog.open(base) } catch {
            // Not a dataset either: the snapshot loader's own message says why.
            if task == nil { return (base, nil, nil) }
            throw CLIError(message: "\(error)")
        }
        let ids = dataset.snapshots.map(\.name)
        let listing = ids.prefix(12).joined(separator: ", ") + (ids.count > 12 ? ", … (\(ids.count) in all)" : "")
        if let task {
            guard let t = dataset.task(task) else {
                throw CLIError(message: "\(base): no task '\(task)' in this \(dataset.layout.rawValue) dataset (tasks: \(listing))")
            }
            guard let p = t.snapshot else { throw CLIError(message: "\(base): task \(t.name) has a ground truth but no snapshot here") }
            return (p, t, dataset)
        }
        if dataset.layout == .snapshot { return (base, dataset.tasks.first, dataset) }
        if firstTask, let t = dataset.snapshots.first { return (t.snapshot!, t, dataset) }
        throw CLIError(message: "\(base): a \(dataset.layout.rawValue) dataset of \(dataset.tasks.count) tasks; choose one with --task (tasks: \(listing))")
    }

    static func resolveDefault() throws -> String {
        if let env = ProcessInfo.processInfo.environment["TRIAGE_SNAPSHOT"], !env.isEmpty { return env }
        if (try? SnapshotLayout(root: FileManager.default.currentDirectoryPath)) != nil { return FileManager.default.currentDirectoryPath }
        guard let d = SnapshotCatalog.defaultSnapshot() else {
            throw CLIError(message: "no snapshot given and no shipped Snapshots/ directory found (set TRIAGE_SNAPSHOTS or pass a path)")
        }
        return d
    }

    /// Through the persistent index cache (for the per-call tool commands).
    static func openCached(_ path: String, saveInBackground: Bool = false, reindex: Bool = false) throws -> Snapshot {
        let reporter = ProgressReporter(enabled: isatty(2) == 1)
        defer { reporter.finish() }
        do { return try IndexCache.open(path, saveInBackground: saveInBackground, reindex: reindex) { done, total in reporter.report(done, total) } } catch { throw CLIError(message: "\(error)") }
    }

    static func open(_ given: String?) throws -> Snapshot {
        let path = try resolvePath(given)
        let tty = isatty(2) == 1
        let reporter = ProgressReporter(enabled: tty)
        do {
            let s = try Snapshot.load(path) { done, total in reporter.report(done, total) }
            reporter.finish()
            return s
        } catch {
            reporter.finish()
            throw CLIError(message: "\(error)")
        }
    }
}


/// Indexing progress on stderr, at most ten updates a second.
final class ProgressReporter: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false
    init(enabled: Bool) { self.enabled = enabled }

    func report(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        shown = true
        let pct = total > 0 ? Double(done) * 100 / Double(total) : 100
        FileHandle.standardError.write(String(format: "\rindexing %3.0f%%  %@ / %@ ", pct, Format.bytes(done), Format.bytes(total)).data(using: .utf8)!)
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
    }
}
