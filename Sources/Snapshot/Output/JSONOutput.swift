import Foundation

/// The one JSON encoder of every command and tool (docs/INTERFACE.md): an envelope
/// `{"command", "version", "ok", "result" | "error"}`, keys in snake_case, times as RFC 3339 strings with the
/// nanoseconds beside them as a string (`start` and `start_ns`), durations in milliseconds named `…_ms`, slashes not
/// escaped, keys sorted. Maps whose keys are data (labels, annotations, attributes, tags, kind counts) keep their keys.
public enum JSONOutput {
    /// The contract's version; bumped when a field changes meaning or goes away.
    public static let schemaVersion = 1

    /// Keys whose values are maps of data, not fields: their keys are kept as they are.
    static let dataMaps: Set<String> = ["labels", "annotations", "attributes", "resource_attributes", "span_attributes",
                                        "log_attributes", "tags", "entities", "counts_by_kind", "kinds", "totals", "manifest",
                                        "value_json", "arguments", "environment"]
    /// Fields holding a time as nanoseconds since the epoch (only integers are times: `from` and `to` of an edge are
    /// entity names and stay as they are).
    static let timeKeys: Set<String> = ["time", "times", "start", "end", "from", "to", "active_at", "first_seen", "last_seen", "first_time",
                                        "last_time", "first_change", "at", "since", "until", "start_time", "end_time", "incident_start", "pivot"]
    /// Fields holding a duration in nanoseconds; written as `<name>_ms`.
    static let durationKeys: Set<String> = ["duration", "p50", "p95", "p99", "total_duration"]

    /// The success envelope around a command's result.
    public static func success(_ command: String, _ result: Any) -> [String: Any] {
        ["command": command, "version": version, "schema_version": schemaVersion, "ok": true, "result": normalize(result)]
    }

    /// The failure envelope: a stable code and a message for people.
    public static func failure(_ command: String, code: String, message: String) -> [String: Any] {
        ["command": command, "version": version, "schema_version": schemaVersion, "ok": false, "error": ["code": code, "message": message]]
    }

    static var version: String { TriageVersion.string }

    /// Pretty, key-sorted JSON text; `compact` for one line (JSONL, logs).
    public static func text(_ object: Any, compact: Bool = false) -> String {
        JSONTextWriter.text(object, pretty: !compact) ?? "null"
    }

    /// Any Encodable as a plain JSON value (before normalising).
    public static func plain<T: Encodable>(_ v: T) -> Any {
        let enc = JSONEncoder()
        enc.dateEncodingStrategy = .iso8601
        guard let d = try? enc.encode(v), let o = try? JSONSerialization.jsonObject(with: d, options: [.fragmentsAllowed]) else { return NSNull() }
        return o
    }

    /// Applies the key, time and duration conventions to a plain JSON value.
    public static func normalize(_ value: Any) -> Any {
        if let d = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (k, v) in d {
                let key = snake(k)
                if dataMaps.contains(key) { out[key] = v; continue }
                if timeKeys.contains(key), let n = nanos(v) {
                    out[key] = Timestamp.rfc3339(n)
                    out[key + "_ns"] = String(n)
                } else if timeKeys.contains(key), let list = v as? [Any], !list.isEmpty, list.allSatisfy({ nanos($0) != nil }) {
                    out[key] = list.map { Timestamp.rfc3339(nanos($0)!) }
                    out[key + "_ns"] = list.map { String(nanos($0)!) }
                } else if durationKeys.contains(key), let n = nanos(v) {
                    out[key + "_ms"] = Double(n) / 1e6
                } else {
                    out[key] = normalize(v)
                }
            }
            return out
        }
        if let a = value as? [Any] { return a.map(normalize) }
        return value
    }

    static func nanos(_ v: Any) -> Int64? {
        if let i = v as? Int64 { return i }
        if let i = v as? Int { return Int64(i) }
        return nil
    }

    /// `firstSeen` → `first_seen`, `traceID` → `trace_id`, `errorRate` → `error_rate`; snake_case stays.
    /// Only identifier-like keys are fields; a key with `/`, `-`, `.` or `:` (an entity, a label) is data and kept.
    public static func snake(_ key: String) -> String {
        guard key.contains(where: { $0.isUppercase }), key.first?.isLetter == true,
              key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return key }
        var out = ""
        let chars = Array(key)
        for (i, c) in chars.enumerated() {
            if c.isUppercase {
                let prevLower = i > 0 && (chars[i - 1].isLowercase || chars[i - 1].isNumber)
                let nextLower = i + 1 < chars.count && chars[i + 1].isLowercase
                if i > 0 && (prevLower || (nextLower && chars[i - 1].isUppercase)) && !out.hasSuffix("_") { out.append("_") }
                out.append(contentsOf: c.lowercased())
            } else { out.append(c) }
        }
        return out
    }
}

extension NSNumber {
    /// Whether JSON gave this number as `true` or `false` (`JSONSerialization` reads booleans as NSNumbers whose
    /// type code is `c`).
    public var isJSONBoolean: Bool { objCType.pointee == CChar(UInt8(ascii: "c")) }
}
