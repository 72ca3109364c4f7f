import Foundation
import Snapshot

/// Output helpers: aligned tables, explicit truncation notes, and capped JSON.
enum Render {
    static func time(_ t: Nanos?) -> String { t.map { Timestamp.format($0, fraction: 0) } ?? "-" }

    /// A page note: "… 1,234 more rows; use --limit/--offset".
    static func pageNote(shown: Int, offset: Int, total: Int) -> String? {
        let rest = total - offset - shown
        if rest > 0 { return "… \(Format.count(rest)) more row(s) (showing \(offset + 1)-\(offset + shown) of \(Format.count(total))); use ‹limit›/‹offset›" }
        if total == 0 { return "(no rows)" }
        return nil
    }

    /// Cuts text to `cap` characters with a note saying so.
    static func cap(_ text: String, _ cap: Int) -> String {
        guard text.count > cap else { return text }
        let note = "\n… output truncated from \(Format.count(text.count)) to \(Format.count(cap)) characters; narrow the query or use ‹limit›/‹offset›\n"
        return String(text.prefix(max(0, cap - note.count))) + note
    }

    /// The envelope as JSON text; when longer than `cap`, the result's `rows` are halved until it fits and
    /// `truncated: true` is set.
    static func json(_ envelope: [String: Any], cap: Int) -> String {
        var env = envelope
        var out = JSONOutput.text(env)
        while out.utf8.count > cap, var result = env["result"] as? [String: Any], var rows = result["rows"] as? [Any], rows.count > 1 {
            rows.removeLast(rows.count / 2)
            result["rows"] = rows
            result["truncated"] = true
            result["note"] = "rows cut to stay below \(cap) characters; lower limit or page with offset"
            env["result"] = result
            out = JSONOutput.text(env)
        }
        return out
    }

    /// Any Encodable as a JSON-compatible value.
    static func plain<T: Encodable>(_ v: T) -> Any { JSONOutput.plain(v) }

    /// Option names in hints, spelled for where the text is read: `‹changes›` is `--changes` on the command line and
    /// `changes=true` over MCP; `‹limit›` is `--limit` and `limit`.
    static func spell(_ text: String, _ surface: ToolContext.Surface) -> String {
        guard surface != .unspelled, text.contains("‹") else { return text }
        var out = "", rest = Substring(text)
        while let open = rest.firstIndex(of: "‹"), let close = rest[open...].firstIndex(of: "›") {
            out += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            if name.hasPrefix("tool:") {
                let tool = name.dropFirst(5)
                out += surface == .cli ? "triage " + tool.replacingOccurrences(of: "_", with: "-") : String(tool)
            } else {
                out += surface == .cli ? "--" + name.replacingOccurrences(of: "_", with: "-") : (flags.contains(String(name)) ? "\(name)=true" : String(name))
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Boolean parameters, spelled `name=true` over MCP.
    static let flags: Set<String> = Set(ToolCatalog.all.flatMap { $0.parameters.filter { $0.kind == .boolean }.map(\.name) })
}
