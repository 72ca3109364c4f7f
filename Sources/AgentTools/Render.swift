import Foundation
import Snapshot

/// Output helpers: aligned tables, explicit truncation notes, and capped JSON.
enum Render {
    static func time(_ t: Nanos?) -> String { t.map { Timestamp.format($0, fraction: 0) } ?? "-" }

    /// A page note: "… 1,234 more rows; use --limit/--offset".
    static func pageNote(shown: Int, offset: Int, total: Int) -> String? {
        let rest = total - offset - shown
        if rest > 0 { return "… \(Format.count(rest)) more row(s) (showing \(offset + 1)-\(offset + shown) of \(Format.count(total))); use --limit/--offset" }
        if total == 0 { return "(no rows)" }
        return nil
    }

    /// Cuts text to `cap` characters with a note saying so.
    static func cap(_ text: String, _ cap: Int) -> String {
        guard text.count > cap else { return text }
        let note = "\n… output truncated from \(Format.count(text.count)) to \(Format.count(cap)) characters; narrow the query or use --limit/--offset\n"
        return String(text.prefix(max(0, cap - note.count))) + note
    }

    /// Pretty, key-sorted JSON of a result object; when longer than `cap`, the `rows` array is halved until it fits
    /// and `truncated: true` is set.
    static func json(_ object: [String: Any], cap: Int) -> String {
        var obj = object
        func encode(_ o: [String: Any]) -> String {
            (try? JSONSerialization.data(withJSONObject: o, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
                .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        var out = encode(obj)
        while out.count > cap, var rows = obj["rows"] as? [Any], rows.count > 1 {
            rows.removeLast(rows.count / 2)
            obj["rows"] = rows
            obj["truncated"] = true
            obj["note"] = "rows cut to stay below \(cap) characters; lower --limit or page with --offset"
            out = encode(obj)
        }
        return out
    }

    /// Any Encodable as a JSON-compatible value.
    static func plain<T: Encodable>(_ v: T) -> Any {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        guard let d = try? enc.encode(v), let o = try? JSONSerialization.jsonObject(with: d, options: [.fragmentsAllowed]) else { return NSNull() }
        return o
    }
}
