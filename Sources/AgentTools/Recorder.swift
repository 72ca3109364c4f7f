import Foundation
import Snapshot

/// Appends tool calls to a session trajectory in ATIF (Harbor's Agent Trajectory Interchange Format, v1.7): one agent
/// step per call with its arguments, output and time. Safe across processes (an exclusive lock around
/// read-append-rename), and every write is atomic, so a crash never leaves a broken file.
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

    /// Records one call.
    public func append(tool: String, arguments: [String: Any], output: String, isError: Bool, started: Date, finished: Date,
                       snapshot: String?) throws {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw RecordError(description: "\(lockPath): cannot open lock file") }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        var root: [String: Any]
        if let data = FileManager.default.contents(atPath: path), !data.isEmpty {
            guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any], obj["steps"] is [Any] else {
                throw RecordError(description: "\(path): exists but is not an ATIF trajectory; refusing to overwrite it")
            }
            root = obj
        } else {
            root = ["schema_version": "ATIF-v1.7", "session_id": UUID().uuidString.lowercased(),
                    "agent": ["name": agentName, "version": TriageVersion.string], "steps": [Any](),
                    // An absolute path: replay resolves a relative one against the trajectory's own directory.
                    "extra": ["recorder": "triage", "snapshot": snapshot.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""]]
        }
        var steps = root["steps"] as? [Any] ?? []
        let n = steps.count + 1
        let callID = "call_\(n)"
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        steps.append([
            "step_id": n, "timestamp": iso.string(from: started), "source": "agent", "message": "",
            "tool_calls": [["tool_call_id": callID, "function_name": tool, "arguments": arguments]],
            "observation": ["results": [["source_call_id": callID, "content": output]]],
            "extra": ["duration_ms": Int(finished.timeIntervalSince(started) * 1000), "is_error": isError],
        ] as [String: Any])
        root["steps"] = steps
        var fm = root["final_metrics"] as? [String: Any] ?? [:]
        fm["total_steps"] = steps.count
        root["final_metrics"] = fm
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try AtomicFile.write(data, to: path)
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
