import Foundation

/// Wall-clock phases of opening and saving a snapshot, printed to standard error when `TRIAGE_PHASES` is set, so a
/// slow open can be broken down without a profiler, with the resident and peak memory after each phase (`TRIAGE_PHASES=1 triage info --reindex SNAPSHOT`).
public enum PhaseLog {
    static let enabled = ProcessInfo.processInfo.environment["TRIAGE_PHASES"] != nil
    private static let origin = DispatchTime.now().uptimeNanoseconds
    private static let lock = NSLock()

    /// Runs `body`, and when enabled prints `phase`, its start and its length in milliseconds (thread-safe).
    @inline(__always)
    static func time<T>(_ phase: @autoclosure () -> String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let o = origin   // a lazy static: read before the start time
        let a = DispatchTime.now().uptimeNanoseconds
        let v = try body()
        let b = DispatchTime.now().uptimeNanoseconds
        let line = String(format: "phase %-34@ start %7.1f ms  took %7.1f ms  rss %5d MB (peak %5d MB)\n", phase() as NSString,
                          Double(a &- o) / 1e6, Double(b - a) / 1e6, residentMB("VmRSS"), residentMB("VmHWM"))
        lock.lock(); FileHandle.standardError.write(Data(line.utf8)); lock.unlock()
        return v
    }

    /// A line of /proc/self/status in MB (`VmRSS` now, `VmHWM` the peak); 0 where there is none.
    static func residentMB(_ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    /// Prints `line` when enabled (a count, not a timed phase).
    static func note(_ line: @autoclosure () -> String) {
        guard enabled else { return }
        lock.lock(); FileHandle.standardError.write(Data("note  \(line())\n".utf8)); lock.unlock()
    }
}
