import ArgumentParser
import Foundation
import Snapshot

/// Opens the snapshot named on the command line (or the default one), with progress on a terminal.
enum SnapshotOpener {
    static func resolvePath(_ given: String?) throws -> String {
        if let given { return given }
        if let env = ProcessInfo.processInfo.environment["TRIAGE_SNAPSHOT"], !env.isEmpty { return env }
        if (try? SnapshotLayout(root: FileManager.default.currentDirectoryPath)) != nil { return FileManager.default.currentDirectoryPath }
        guard let d = SnapshotCatalog.defaultSnapshot() else {
            throw CLIError(message: "no snapshot given and no shipped Snapshots/ directory found (set TRIAGE_SNAPSHOTS or pass a path)")
        }
        return d
    }

    /// Through the persistent index cache (for the per-call tool commands).
    static func openCached(_ path: String, saveInBackground: Bool = false) throws -> Snapshot {
        let reporter = ProgressReporter(enabled: isatty(2) == 1)
        defer { reporter.finish() }
        do { return try IndexCache.open(path, saveInBackground: saveInBackground) { done, total in reporter.report(done, total) } } catch { throw CLIError(message: "\(error)") }
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
