import ArgumentParser
import Foundation
import Snapshot

/// How a query command prints its answer (docs/INTERFACE.md, "Streams").
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, jsonl, csv
}

/// The rows of a JSON envelope as JSON Lines or CSV, for piping into other tools: the same fields as `--json`.
enum RowStream {
    /// The result of a JSON envelope (nil when the text is not a success envelope).
    static func result(ofEnvelope json: String) -> Any? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["result"]
    }

    /// The result's `rows` (nil when it has none).
    static func resultRows(ofEnvelope json: String) -> [Any]? {
        (result(ofEnvelope: json) as? [String: Any])?["rows"] as? [Any]
    }

    /// The result's `rows`, or the result itself as one row when it has none (an entity summary, a manifest).
    static func rows(ofEnvelope json: String) -> [Any] {
        guard let result = result(ofEnvelope: json) else { return [] }
        return (result as? [String: Any])?["rows"] as? [Any] ?? [result]
    }

    static func jsonl(_ rows: [Any]) -> String {
        rows.map { JSONOutput.text($0, compact: true) + "\n" }.joined()
    }

    /// A header of every field (sorted, as the JSON keys are; fields only later rows have come after); nested values
    /// as JSON text.
    static func csv(_ rows: [Any]) -> String {
        var header: [String] = []
        var seen = Set<String>()
        for case let r as [String: Any] in rows {
            for k in r.keys.sorted() where seen.insert(k).inserted { header.append(k) }
        }
        if header.isEmpty {   // rows that are not objects (read-file's lines): one column
            return "value\n" + rows.map { field(cell($0)) + "\n" }.joined()
        }
        var out = header.map(field).joined(separator: ",") + "\n"
        for case let r as [String: Any] in rows {
            out += header.map { field(r[$0].map(cell) ?? "") }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func cell(_ v: Any) -> String {
        switch v {
        case let s as String: return s
        case is [Any], is [String: Any]: return JSONOutput.text(v, compact: true)
        case let n as NSNumber: return JSONOutput.text(n, compact: true)
        default: return "\(v)"
        }
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
