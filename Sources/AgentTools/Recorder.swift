import Foundation
import Snapshot

/// Appends tool calls to a session trajectory in ATIF (Harbor's Agent Trajectory Interchange Format, v1.7): one agent
/// step per call with its arguments, output and time. Safe across processes (an exclusive lock on the file), and a
/// call costs one small write at the end of the file, however long the session.
public struct Recorder: Sendable {
    public let path: String
    public let agentName: String

    public init(path: String, agentName: String = "triage") { self.path = path; self.agentName = agentName }

    /// `--record FILE`, else `$TRIAGE_RECORD`.
    public static func from(option: String?) -> Recorder? {
        if let o = option, !o.isEmpty { return Recorder(path: o) }
        if let e = ProcessInfo.processInfo.environment["TRIAGE_RECORD"], !e.isEmpty { return Recorder(path: e) }
        return nil
    }

    public struct RecordError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Records one call: appended in place (the file is not rewritten), under an exclusive lock on the file itself
    /// (no lock file left behind). The document keeps a fixed tail, `\n],\n"final_metrics": {...}}\n`, so an append
    /// cuts the tail and writes the step and a new tail. A trajectory written in another layout (an older triage) is
    /// rewritten once, atomically, in this one; a file that is not a trajectory is never touched.
    public func append(tool: String, arguments: [String: Any], output: String, isError: Bool, started: Date, finished: Date,
                       snapshot: String?) throws {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RecordError(description: "\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        let size = Int(lseek(fd, 0, SEEK_END))
        if size == 0 {
            try write(fd, at: 0, header(snapshot) + step(1, tool, arguments, output, isError, started, finished) + Self.tail(1))
            return
        }
        let tailStart = max(0, size - 4096)
        var tailBytes = [UInt8](repeating: 0, count: size - tailStart)
        _ = tailBytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(tailStart)) }
        let tail = String(decoding: tailBytes, as: UTF8.self)
        if let r = tail.range(of: Self.tailMarker, options: .backwards),
           let n = Int(tail[r.upperBound...].prefix { $0.isNumber }) {
            let cut = tailStart + tail[..<r.lowerBound].utf8.count
            guard ftruncate(fd, off_t(cut)) == 0 else { throw RecordError(description: "\(path): cannot append: \(String(cString: strerror(errno)))") }
            try write(fd, at: cut, ",\n" + step(n + 1, tool, arguments, output, isError, started, finished) + Self.tail(n + 1))
            return
        }
        // Another layout: read it whole once and rewrite it in this one.
        guard let data = FileManager.default.contents(atPath: path),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let steps = obj["steps"] as? [Any] else {
            throw RecordError(description: "\(path): exists but is not an ATIF trajectory; refusing to overwrite it")
        }
        var text = header(snapshot, from: obj)
        text += steps.map { JSONOutput.text($0, compact: true) }.joined(separator: ",\n")
        text += (steps.isEmpty ? "" : ",\n") + step(steps.count + 1, tool, arguments, output, isError, started, finished) + Self.tail(steps.count + 1)
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    static let tailMarker = "\n],\n\"final_metrics\": {\"total_steps\": "
    static func tail(_ steps: Int) -> String { tailMarker + "\(steps)}}\n" }

    /// Everything before the first step: the document's fields in a fixed order, then the opening of `steps`.
    func header(_ snapshot: String?, from old: [String: Any]? = nil) -> String {
        // An absolute path: replay resolves a relative one against the trajectory's own directory.
        let extra = old?["extra"] ?? ["recorder": "triage", "snapshot": snapshot.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""]
        let fields: [(String, Any)] = [("schema_version", old?["schema_version"] ?? "ATIF-v1.7"),
                                       ("session_id", old?["session_id"] ?? UUID().uuidString.lowercased()),
                                       ("agent", old?["agent"] ?? ["name": agentName, "version": TriageVersion.string]), ("extra", extra)]
        return "{" + fields.map { "\"\($0.0)\": " + JSONOutput.text($0.1, compact: true) }.joined(separator: ",\n") + ",\n\"steps\": [\n"
    }

    /// One ATIF step (one line): the call with its arguments, its output as the observation, its duration.
    func step(_ n: Int, _ tool: String, _ arguments: [String: Any], _ output: String, _ isError: Bool, _ started: Date, _ finished: Date) -> String {
        let callID = "call_\(n)"
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let step: [String: Any] = [
            "step_id": n, "timestamp": iso.string(from: started), "source": "agent", "message": "",
            "tool_calls": [["tool_call_id": callID, "function_name": tool, "arguments": arguments]],
            "observation": ["results": [["source_call_id": callID, "content": output]]],
            "extra": ["duration_ms": Int(max(0, finished.timeIntervalSince(started)) * 1000), "is_error": isError],
        ]
        return JSONOutput.text(step, compact: true)
    }

    func write(_ fd: Int32, at offset: Int, _ text: String) throws {
        do { try AtomicFile.writeAll(fd, Array(text.utf8), at: offset, path: path) } catch {
            throw RecordError(description: "\(path): cannot write: \(error)")
        }
    }

    /// JSON-compatible form of tool arguments.
    public static func plain(_ args: ToolArgs) -> [String: Any] {
        var out: [String: Any] = [:]
        for (k, v) in args.values {
            switch v {
            case .string(let s): out[k] = s
            case .int(let i): out[k] = i
            case .double(let d): out[k] = d
            case .bool(let b): out[k] = b
            case .list(let l): out[k] = l
            }
        }
        return out
    }
}
