import Foundation
import Snapshot
import Trajectory

/// The entities an investigator submitted as root causes, in order, with where they came from.
public struct Submission: Sendable, Codable {
    public enum Format: String, Sendable, Codable {
        case jsonList = "json-list", rootCauses = "root-causes", structured = "structured-answer", ibmAgentOutput = "ibm-agent-output"
        case plainText = "plain-text", trajectory = "trajectory-final-answer"
    }
    public var format: Format
    /// Entity strings as written.
    public var entities: [String]
    /// Where the answer was read from (file, and for trajectories the step).
    public var source: String

    public struct ParseError: Error, CustomStringConvertible {
        public let source: String
        public let reason: String
        public var description: String { "\(source): \(reason)" }
    }

    public init(format: Format, entities: [String], source: String) {
        self.format = format; self.entities = entities; self.source = source
    }

    public static func load(path: String) throws -> Submission {
        let data: Data
        do { data = try InputFile.read(path) } catch { throw ParseError(source: InputFile.displayName(path), reason: "cannot read: \(error)") }
        return try parse(data, source: InputFile.displayName(path))
    }

    /// Detects the shape: a JSON list of strings; `{"root_causes": [...]}` with strings or `{name, kind, namespace}`
    /// objects (the structured answer file); IBM's `agent_output.json` (`entities[]` with `contributing_factor`);
    /// a trajectory whose final answer holds one of these; or plain text with one entity per line.
    /// The most entities a submission may hold: a benchmark answer names a handful, and scoring 100,000 took 20 s.
    public static let maxEntities = 1_000

    public static func parse(_ data: Data, source: String = "<input>") throws -> Submission {
        let s = try parseUnbounded(data, source: source)
        guard s.entities.count <= maxEntities else {
            throw ParseError(source: source, reason: "\(s.entities.count) entities; a submission may hold at most \(maxEntities)")
        }
        return s
    }

    static func parseUnbounded(_ data: Data, source: String) throws -> Submission {
        // Trimmed on bytes: Foundation's trimmingCharacters goes through UTF-16 on Linux (a third of a batch's time).
        let (lo, hi) = data.withUnsafeBytes { b -> (Int, Int) in
            func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0B || c == 0x0C }
            var lo = 0, hi = b.count
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { lo = 3 }   // a UTF-8 byte-order mark
            while lo < hi, space(b[lo]) { lo += 1 }
            while hi > lo, space(b[hi - 1]) { hi -= 1 }
            return (lo, hi)
        }
        if lo == hi { throw ParseError(source: source, reason: "empty submission") }
        let body = data.subdata(in: (data.startIndex + lo)..<(data.startIndex + hi))
        // A document with a step or message list (a trajectory): only its other top-level members can be an answer
        // shape, so only they are parsed here; the trajectory reader decodes the records once, on its own.
        if body.first == UInt8(ascii: "{"), let head = TrajectoryReader.documentHead(body),
           let json = try? JSONSerialization.jsonObject(with: head) {
            if let s = try fromJSON(json, source: source) { return s }
            if let t = try TrajectoryAnswer.extract(from: data, source: source) { return t }
        }
        if body.first == UInt8(ascii: "[") || body.first == UInt8(ascii: "{") {
            let json: Any
            do { json = try JSONSerialization.jsonObject(with: body) } catch {
                // JSONL trajectories are not one JSON document: read them as trajectories.
                if let t = try TrajectoryAnswer.extract(from: data, source: source) { return t }
                let ns = error as NSError
                let message = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
                // Darwin gives the offset in userInfo; swift-corelibs only in the message ("around character 27").
                let index = (ns.userInfo["NSJSONSerializationErrorIndex"] as? Int)
                    ?? message.firstRange(of: /around character (\d+)/).flatMap { Int(message[$0].split(separator: " ").last ?? "") }
                let at = index.map { idx in " at line \(data.prefix(lo + idx).filter { $0 == 0x0A }.count + 1)" } ?? ""
                throw ParseError(source: source, reason: "invalid JSON\(at): \(message)")
            }
            if let s = try fromJSON(json, source: source) { return s }
            if let t = try TrajectoryAnswer.extract(from: data, source: source) { return t }
            throw ParseError(source: source, reason: "JSON of an unknown shape: expected a list of entities, {\"root_causes\": [...]}, {\"entities\": [...]} or a trajectory")
        }
        var out: [String] = []
        let text = String(decoding: data, as: UTF8.self)
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("- ") || line.hasPrefix("* ") { line.removeFirst(2) }
            line = line.trimmingCharacters(in: CharacterSet(charactersIn: " \"'`,"))
            guard EntityRef.parse(line) != nil, !line.contains(" ") else {
                throw ParseError(source: source, reason: "line \(i + 1): '\(line.prefix(80))' is not an entity (ns/Kind/name, Kind/name, ns/name)")
            }
            out.append(line)
        }
        return Submission(format: .plainText, entities: out, source: source)
    }

    /// `true`, `"true"`, `"True"`, `"yes"`, `"y"`, `1`, `"1"`: the spellings of true that answer files use.
    static func isTruthy(_ v: Any?) -> Bool {
        switch v {
        case let b as Bool: return b
        case let n as NSNumber: return n.doubleValue != 0
        case let s as String: return ["true", "yes", "y", "1", "t"].contains(s.trimmingCharacters(in: .whitespaces).lowercased())
        default: return false
        }
    }

    /// The answer shapes that are plain JSON documents; nil when `json` is none of them.
    public static func fromJSON(_ json: Any, source: String) throws -> Submission? {
        func entity(_ any: Any, _ where_: String) throws -> String {
            if let s = any as? String { return s }
            if let d = any as? [String: Any], let name = d["name"] as? String {
                if name.contains("/") { return name }
                let kind = d["kind"] as? String
                let ns = d["namespace"] as? String
                return [ns, kind, name].compactMap { $0 }.joined(separator: "/")
            }
            throw ParseError(source: source, reason: "\(where_): expected an entity string or {name, kind, namespace}")
        }
        if let list = json as? [Any] {
            guard list.allSatisfy({ $0 is String || (($0 as? [String: Any])?["name"] is String) }) else { return nil }
            return Submission(format: .jsonList, entities: try list.enumerated().map { try entity($1, "[\($0)]") }, source: source)
        }
        guard let obj = json as? [String: Any] else { return nil }
        if let rc = obj["root_causes"] as? [Any] {
            let structured = rc.contains { $0 is [String: Any] } || obj["schema_version"] != nil
            return Submission(format: structured ? .structured : .rootCauses,
                              entities: try rc.enumerated().map { try entity($1, "root_causes[\($0)]") }, source: source)
        }
        if let ents = obj["entities"] as? [Any], obj["spec"] == nil {
            var out: [String] = []
            for (i, e) in ents.enumerated() {
                guard let d = e as? [String: Any] else { throw ParseError(source: source, reason: "entities[\(i)]: expected an object") }
                if isTruthy(d["contributing_factor"]) { out.append(try entity(d, "entities[\(i)]")) }
            }
            if out.isEmpty && !ents.isEmpty {
                throw ParseError(source: source, reason: "IBM agent_output shape ({\"entities\": [...]}) with \(ents.count) entities, none marked "
                                 + "contributing_factor true (read as true: true, \"true\", \"yes\", 1), so no root cause can be read")
            }
            return Submission(format: .ibmAgentOutput, entities: out, source: source)
        }
        return nil
    }
}
