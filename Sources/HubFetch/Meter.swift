import Foundation
import Snapshot

/// Download progress: on a terminal one line redrawn at most five times a second (files, bytes, rate, time left);
/// otherwise one quiet line per file.
final class Meter: @unchecked Sendable {
    let total: Int, files: Int, interactive: Bool
    let say: @Sendable (String) -> Void
    private let lock = NSLock()
    private var done = 0, skipped = 0, filesDone = 0
    private let start = Date()
    private var last = Date.distantPast

    init(total: Int, files: Int, interactive: Bool, say: @escaping @Sendable (String) -> Void) {
        self.total = total; self.files = files; self.interactive = interactive; self.say = say
    }

    func add(_ n: Int) { lock.lock(); done += n; lock.unlock(); redraw() }
    /// Bytes that need no download (present, cached, resumed).
    func skip(_ n: Int) { lock.lock(); done += n; skipped += n; lock.unlock(); redraw() }

    func fileDone(_ f: HubRepo.File, _ how: DatasetFetcher.How) {
        lock.lock(); filesDone += 1; lock.unlock()
        if !interactive {
            let word = how == .downloaded ? "fetched" : how == .cache ? "from the Hugging Face cache" : "up to date"
            say("\(word): \(f.path) (\(Format.bytes(f.size)))")
        }
        redraw(force: true)
    }

    func fileFailed(_ f: HubRepo.File, _ why: String) {
        lock.lock(); filesDone += 1; lock.unlock()
        say((interactive ? "\r\u{1B}[K" : "") + "failed: \(f.path): \(why)")
    }

    func redraw(force: Bool = false) {
        guard interactive else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard force || now.timeIntervalSince(last) > 0.2 else { return }
        last = now
        let secs = max(0.001, now.timeIntervalSince(start))
        let rate = Double(done - skipped) / secs
        let left = rate > 0 ? Double(total - done) / rate : 0
        let pct = total > 0 ? Double(done) * 100 / Double(total) : 100
        say(String(format: "\r\u{1B}[K%3.0f%%  %d/%d files  %@ / %@  %@/s  %@ left", pct, filesDone, files, Format.bytes(done), Format.bytes(total),
                   Format.bytes(Int(rate)), rate > 0 ? Self.clock(left) : "--"))
    }

    func finish() { if interactive { say("\n") } }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
