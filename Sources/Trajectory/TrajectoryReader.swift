import Foundation
import Snapshot

/// A parsed trajectory: its format, steps, and the problems met (with their position); whatever parsed before a
/// problem is kept.
public struct Trajectory: Sendable {
    public enum Format: String, Sendable, Codable {
        case atif = "ATIF", stirrup = "Stirrup", openAI = "OpenAI chat", anthropic = "Anthropic messages"
        case codexExec = "Codex exec --json", codexRollout = "Codex rollout", claudeCode = "Claude Code", unknown
    }
    public var format: Format
    public var steps: [Step]
    public var problems: [String]
    public var source: String
    /// How the run ended, with the evidence (an error message, a stop reason) when there is one.
    public var ending: Ending = .unknown
    public var endingDetail: String? = nil
    /// The first and last timestamps of any record in the file, trailing events (token counts, turn ends) included.
    public var startTime: Date? = nil
    public var endTime: Date? = nil
    /// The snapshot a triage recording names (`extra.snapshot`), when it names one.
    public var namedSnapshot: String? = nil

    public enum Ending: String, Sendable, Codable {
        case finished, contextExhausted = "context window exhausted", turnAborted = "turn aborted", maxTurns = "max turns"
        case cutOff = "cut off", unknown
    }

    public var toolCalls: [(step: Int, call: Step.ToolCall)] { steps.flatMap { s in s.toolCalls.map { (s.index, $0) } } }
}

/// Reads every supported trajectory format, detected from its content.
///
/// One structural pass finds the records (`JSONRecords`); each is then decoded on its own, and tool outputs over
/// `TrajectoryReader.inlineLimit` bytes stay in the file until shown, so a 100 MB trajectory is read in one pass
/// with memory for its step list, not its text.
public enum TrajectoryReader {
    public struct ReadError: Error, CustomStringConvertible { public let description: String }

    /// Outputs longer than this (bytes) are read back from the file when asked for instead of kept in memory.
    public static let inlineLimit = 2048

    /// Reads a trajectory file without loading it whole.
    /// `inlineLimit`: outputs longer than this many bytes stay in the file until asked for.
    public static func load(path: String, inlineLimit: Int = inlineLimit) throws -> Trajectory {
        if InputFile.isStream(path) {
            let data: Data
            do { data = try InputFile.read(path) } catch { throw ReadError(description: "\(InputFile.displayName(path)): cannot read: \(error)") }
            return try parse(data, source: InputFile.displayName(path), inlineLimit: inlineLimit)
        }
        let file: ByteFile
        do { file = try ByteFile(path: path) } catch { throw ReadError(description: "\(path): cannot read file: \(error)") }
        return try read(TrajectoryBytes(file: file), source: path, inlineLimit: inlineLimit)
    }

    /// For a complete JSON document holding a record list (`steps`, `messages`, `history`, `full_msg_history`): its
    /// other top-level members as one small JSON object, found without building the document; nil otherwise.
    public static func documentHead(_ data: Data) -> Data? {
        let r = JSONRecords.scan(TrajectoryBytes(data: data))
        guard r.shape == .object, !r.endsInside, !r.lists.isEmpty else { return nil }
        return r.head
    }

    public static func parse(_ data: Data, source: String = "<input>", inlineLimit: Int = inlineLimit) throws -> Trajectory {
        try read(TrajectoryBytes(data: data), source: source, inlineLimit: inlineLimit)
    }

    static func read(_ bytes: TrajectoryBytes, source: String, inlineLimit: Int) throws -> Trajectory {
        let records = JSONRecords.scan(bytes)
        let cx = ReadContext(bytes: bytes, source: source, inlineLimit: inlineLimit)
        var t: Trajectory
        switch records.shape {
        case .object: t = try document(records, cx)
        case .array: t = try array(records, cx)
        case .lines: t = try lines(records, cx)
        }
        if records.dropped > 0 { cx.problem("\(source): more than \(JSONRecords.maxRecords) records; the last \(records.dropped) are not read") }
        t.problems = cx.problems + t.problems + (cx.suppressed > 0 ? ["\(source): \(cx.suppressed) more problems not listed"] : [])
        conclude(&t, trail: cx.trail)
        if cx.broken > 0 && t.ending == .unknown { t.ending = .cutOff; t.endingDetail = "the file ends in a broken record" }
        return t
    }

    /// A JSON object holding a step or message list (ATIF, Stirrup, OpenAI and Anthropic message dumps).
    static func document(_ r: JSONRecords, _ cx: ReadContext) throws -> Trajectory {
        let head = r.head.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:]
        cx.trail.note(head, index: 0)
        let listed = r.lists.values.reduce(0) { $0 + $1.count }
        if r.endsInside {
            guard listed > 0 else { throw ReadError(description: "\(cx.source): the JSON document ends before its first complete step or message") }
            cx.problem("\(cx.source): the file ends inside the document; the \(listed) complete records before the end are kept")
            cx.broken += 1
        }
        var t: Trajectory
        if let steps = r.lists["steps"], (head["schema_version"] as? String)?.hasPrefix("ATIF") == true || head["agent"] != nil {
            t = atif(steps, cx)
            t.namedSnapshot = r.head.flatMap { try? JSONDecoder().decode(ATIF.Header.self, from: $0) }?.snapshot
            return t
        } else if let h = r.lists["full_msg_history"] {
            t = messages(h, cx, flatten: true)
        } else if let m = r.lists["messages"] {
            t = messages(m, cx, flatten: false)
        } else if let h = r.lists["history"] {
            t = messages(h, cx, flatten: true)
        } else {
            return Trajectory(format: .unknown, steps: [], problems: ["\(cx.source): a JSON object without steps, messages or history"], source: cx.source)
        }
        t.namedSnapshot = (head["extra"] as? [String: Any])?["snapshot"] as? String
        return t
    }

    /// A top-level JSON array: a message list, a list of message lists, or JSON-lines events saved as one array.
    static func array(_ r: JSONRecords, _ cx: ReadContext) throws -> Trajectory {
        let spans = r.lists[""] ?? []
        if r.endsInside {
            guard !spans.isEmpty else { throw ReadError(description: "\(cx.source): the JSON array ends before its first complete element") }
            cx.problem("\(cx.source): the file ends inside the array; the \(spans.count) complete elements before the end are kept")
            cx.broken += 1
        }
        let first = spans.first.flatMap { cx.peek($0) }
        if first is [Any] { return messages(spans, cx, flatten: true) }
        if let d = first as? [String: Any], d["type"] != nil, d["role"] == nil { return events(spans, cx) }
        return messages(spans, cx, flatten: false)
    }

    /// JSON lines: one object per line; what parses is kept and the rest reported.
    static func lines(_ r: JSONRecords, _ cx: ReadContext) throws -> Trajectory {
        let spans = r.lists[""] ?? []
        guard !spans.isEmpty else { throw ReadError(description: "\(cx.source): empty file") }
        // A single broken JSON document rather than JSON lines: no line reads on its own.
        if !spans.prefix(50).contains(where: { cx.peek($0) != nil }) {
            let firstLine = String(decoding: cx.bytes.slice(spans[0].start..<min(spans[0].end, spans[0].start + 60)), as: UTF8.self)
            throw ReadError(description: "\(cx.source): neither JSON nor JSON lines: \(cx.source):\(spans[0].line): not valid JSON (\(firstLine)…)")
        }
        cx.linesMode = true
        return events(spans, cx)
    }

    // MARK: shared helpers

    static func str(_ v: Any?) -> String {
        switch v {
        case let s as String: return s
        case let a as [Any]: return a.map { x -> String in
            if let d = x as? [String: Any] { return str(d["text"] ?? d["content"] ?? d["thinking"] ?? "") }
            return str(x)
        }.joined(separator: "\n")
        case let d as [String: Any]: return str(d["text"] ?? d["content"] ?? "")
        case nil: return ""
        case is NSNull: return ""
        default: return "\(v!)"
        }
    }

    /// A tool call with its arguments kept both as JSON text and as scalar fields.
    static func call(_ id: String, _ name: String, _ raw: Any?, output: LazyText? = nil, isError: Bool = false) -> Step.ToolCall {
        var fields: [String: String] = [:]
        var obj: [String: Any]? = raw as? [String: Any]
        if obj == nil, let s = raw as? String, s.hasPrefix("{") { obj = (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any] }
        if let o = obj {
            for (k, v) in o {
                switch v {
                case let x as String: fields[k] = x
                case let a as [Any]: fields[k] = a.map { str($0) }.joined(separator: " ")
                case is [String: Any]: break
                default: fields[k] = "\(v)"
                }
            }
        }
        var c = Step.ToolCall(id: id, name: name, arguments: json(raw), fields: fields, isError: isError)
        c.outputText = output
        return c
    }

    static func json(_ v: Any?) -> String {
        if let s = v as? String { return s }
        // Flat objects of strings, numbers and string lists: written directly (JSONSerialization is slow on many small objects).
        if let d = v as? [String: Any], d.values.allSatisfy({ $0 is String || $0 is NSNumber || $0 is [String] }) {
            let q = Format.jsonQuote
            let parts = d.keys.sorted().map { k -> String in
                let val: String
                switch d[k]! {
                case let s as String: val = q(s)
                case let n as NSNumber: val = n.isJSONBoolean ? (n.boolValue ? "true" : "false") : n.stringValue
                case let a as [String]: val = "[" + a.map(q).joined(separator: ",") + "]"
                default: val = "null"
                }
                return q(k) + ":" + val
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        guard let v, JSONSerialization.isValidJSONObject(v), let d = try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: d, as: UTF8.self)
    }

    nonisolated(unsafe) static let isoFractional: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]; return f
    }()
    nonisolated(unsafe) static let isoPlain: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime]; return f
    }()
    static let dateLock = NSLock()

    static func date(_ v: Any?) -> Date? {
        if let s = v as? String {
            dateLock.lock(); defer { dateLock.unlock() }
            return isoFractional.date(from: s) ?? isoPlain.date(from: s)
        }
        if let n = v as? Double, n.isFinite, abs(n) < 1e15 { return Date(timeIntervalSince1970: n > 1e12 ? n / 1000 : n) }
        return nil
    }
}

/// What one read of a trajectory carries along: its bytes, the problems met, and the events that tell how it ended.
final class ReadContext {
    let bytes: TrajectoryBytes
    let source: String
    private(set) var problems: [String] = []
    private(set) var suppressed = 0
    /// Records that did not read (a cut-off file ends in one).
    var broken = 0
    var linesMode = false
    var trail = EventTrail()
    let inlineLimit: Int

    init(bytes: TrajectoryBytes, source: String, inlineLimit: Int) { self.bytes = bytes; self.source = source; self.inlineLimit = inlineLimit }

    /// Keeps the first 500 problems (a damaged file can have a million).
    func problem(_ p: String) { if problems.count < 500 { problems.append(p) } else { suppressed += 1 } }

    func decode(_ s: JSONRecords.Span) -> Any? { try? JSONSerialization.jsonObject(with: bytes.slice(s.range)) }

    /// Records decoded while the format was being detected, by start offset, so `each` does not decode them again.
    private var kept: [Int: Any] = [:]

    /// `decode`, keeping the value for `each`.
    func peek(_ s: JSONRecords.Span) -> Any? {
        if let v = kept[s.start] { return v }
        let v = decode(s)
        if let v { kept[s.start] = v }
        return v
    }

    /// A decoded record, where it lies, and (for message lists nested in a list) how to find it in its element.
    struct Record { let value: Any; let span: JSONRecords.Span; let locate: ((Any) -> Any?)? }

    /// Decodes the records one at a time, reporting the ones that do not read; nested lists are flattened.
    func each(_ spans: [JSONRecords.Span], flatten: Bool, _ body: (Record) -> Void) {
        for s in spans {
            guard let v = kept.removeValue(forKey: s.start) ?? decode(s) else { notJSON(s); continue }
            if flatten, let list = v as? [Any] {
                for (k, item) in list.enumerated() { body(Record(value: item, span: s, locate: { ($0 as? [Any]).flatMap { k < $0.count ? $0[k] : nil } })) }
            } else {
                body(Record(value: v, span: s, locate: nil))
            }
        }
    }

    /// `text`, or a reference to it in the file when it is large (found again in the record by `find`).
    func lazy(_ text: String, _ r: Record, _ find: @escaping (Any) -> String?) -> LazyText {
        let locate = r.locate
        return lazy(text, r.span) { data in
            (try? JSONSerialization.jsonObject(with: data)).flatMap { v in (locate.map { $0(v) } ?? v).flatMap(find) }
        }
    }

    /// `text`, or a reference to it in the file when it is large (found again by decoding the record's bytes).
    func lazy(_ text: String, _ span: JSONRecords.Span, decoding find: @escaping (Data) -> String?) -> LazyText {
        let n = text.utf8.count
        guard n > inlineLimit, n > 0 else { return .inline(text) }
        return .deferred(DeferredText(bytes: bytes, range: span.range, find: find), bytes: n)
    }

    /// Decodes the records one at a time, reporting the ones that are not JSON; `body` gets nil for a record that is
    /// JSON but not an object.
    func eachObject(_ spans: [JSONRecords.Span], _ body: ([String: Any]?, JSONRecords.Span) -> Void) {
        for s in spans {
            guard let v = try? JSONSerialization.jsonObject(with: bytes.slice(s.range), options: .fragmentsAllowed) else { notJSON(s); continue }
            body(v as? [String: Any], s)
        }
    }

    func notJSON(_ s: JSONRecords.Span) {
        broken += 1
        let text = String(decoding: bytes.slice(s.start..<min(s.end, s.start + 60)), as: UTF8.self)
        problem(linesMode ? "\(source):\(s.line): not valid JSON (\(text)…); the steps before it are kept"
                          : "\(source): record \(s.line) (byte \(s.start)): not valid JSON (\(text)…); skipped")
    }
}
