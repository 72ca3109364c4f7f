import Foundation
import Snapshot
import Trajectory

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
            try write(fd, at: 0, try header(snapshot) + step(1, tool, arguments, output, isError, started, finished) + Self.tail(1))
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
            try write(fd, at: cut, try ",\n" + step(n + 1, tool, arguments, output, isError, started, finished) + Self.tail(n + 1))
            return
        }
        // Another layout: read it whole once and rewrite it in this one, its steps kept as they are.
        struct Steps: Decodable { let steps: [JSONValue] }
        guard let data = FileManager.default.contents(atPath: path), let old = try? JSONDecoder().decode(ATIF.Header.self, from: data),
              old.schemaVersion.hasPrefix("ATIF"), let steps = try? JSONDecoder().decode(Steps.self, from: data).steps else {
            throw RecordError(description: "\(path): exists but is not an ATIF trajectory; refusing to overwrite it")
        }
        var text = try header(snapshot, from: old)
        text += try steps.map { try ATIF.encodeLine($0) }.joined(separator: ",\n")
        text += (steps.isEmpty ? "" : ",\n") + (try step(steps.count + 1, tool, arguments, output, isError, started, finished)) + Self.tail(steps.count + 1)
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    static let tailMarker = "\n],\n\"final_metrics\": {\"total_steps\": "
    static func tail(_ steps: Int) -> String { tailMarker + "\(steps)}}\n" }

    /// Everything before the first step: the header's fields in a fixed order (schema first), then the opening of
    /// `steps`.
    func header(_ snapshot: String?, from old: ATIF.Header? = nil) throws -> String {
        // An absolute path: replay resolves a relative one against the trajectory's own directory.
        let extra = old?.extra ?? .object(["recorder": .string("triage"),
                                           "snapshot": .string(snapshot.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? "")])
        let h = ATIF.Header(schemaVersion: old?.schemaVersion ?? ATIF.schemaVersion, sessionID: old?.sessionID ?? UUID().uuidString.lowercased(),
                            agent: old?.agent ?? ATIF.Agent(name: agentName, version: TriageVersion.string), extra: extra)
        var fields = ["\"schema_version\": " + (try ATIF.encodeLine(h.schemaVersion))]
        if let id = h.sessionID { fields.append("\"session_id\": " + (try ATIF.encodeLine(id))) }
        if let a = h.agent { fields.append("\"agent\": " + (try ATIF.encodeLine(a))) }
        if let x = h.extra { fields.append("\"extra\": " + (try ATIF.encodeLine(x))) }
        return "{" + fields.joined(separator: ",\n") + ",\n\"steps\": [\n"
    }

    /// One ATIF step (one line): the call with its arguments, its output as the observation, its duration.
    func step(_ n: Int, _ tool: String, _ arguments: [String: Any], _ output: String, _ isError: Bool, _ started: Date, _ finished: Date) throws -> String {
        let callID = "call_\(n)"
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let step = ATIF.Step(stepID: n, timestamp: iso.string(from: started), source: "agent", message: "",
                             toolCalls: [ATIF.ToolCall(toolCallID: callID, functionName: tool, arguments: JSONValue(jsonObject: arguments) ?? .object([:]))],
                             observation: ATIF.Observation(results: [ATIF.ObservationResult(sourceCallID: callID, content: output)]),
                             extra: ATIF.StepExtra(durationMS: Int(max(0, finished.timeIntervalSince(started)) * 1000), isError: isError))
        return try ATIF.encodeLine(step)
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
