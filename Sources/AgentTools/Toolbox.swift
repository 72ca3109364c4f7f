import Foundation
import Snapshot

/// Runs agent tools against the snapshot of a `ToolContext`: validates arguments, enforces the time limit and output
/// cap, and turns every failure into a structured error result (the caller keeps serving).
public enum Toolbox {
    public static let maxLimit = 1000
    public static let maxArgumentLength = 4096

    /// Runs a tool; never throws. Errors come back as `isError` results with a message and a JSON `error` object.
    public static func run(_ name: String, _ args: ToolArgs, context ctx: ToolContext) -> ToolResult {
        do {
            guard let spec = ToolCatalog.spec(name) else {
                throw ToolError("unknown_tool", "unknown tool '\(name.prefix(60))'; tools: " + ToolCatalog.all.map(\.name).joined(separator: ", "))
            }
            try validate(args, spec)
            let started = Date()
            var (text, json) = try dispatch(spec.name, args, ctx)
            if Date().timeIntervalSince(started) > ctx.timeLimit { throw ToolError("timeout", "\(spec.name) exceeded its \(Int(ctx.timeLimit)) s time limit") }
            text = Render.cap(Render.spell(text, ctx.surface), ctx.outputCap)
            if let note = json["note"] as? String { json["note"] = Render.spell(note, ctx.surface) }
            let (name, cap, body) = (spec.name, max(ctx.outputCap * 4, 80_000), json)
            return ToolResult(text: text) { Render.json(JSONOutput.success(name, body), cap: cap) }
        } catch let e as ToolError {
            return failure(name, e.code, Render.spell(e.message, ctx.surface))
        } catch let e as TextPattern.PatternError {
            return failure(name, "bad_regex", e.description)
        } catch {
            return failure(name, "error", "\(error)")
        }
    }

    /// A failed call as a result: the text for a model, the JSON failure envelope, and the code.
    public static func failure(_ tool: String, _ code: String, _ message: String) -> ToolResult {
        ToolResult(text: "error: \(message)", json: Render.json(JSONOutput.failure(String(tool.prefix(60)), code: code, message: message), cap: 20_000),
                   isError: true, code: code)
    }

    /// A query's own error as a tool error: a regex past its step budget is the caller's pattern (bad_regex), a
    /// deadline is a timeout.
    static func queryError(_ e: SnapshotError) -> ToolError {
        if case .badArgument(let m) = e { return ToolError("bad_regex", m) }
        return ToolError("timeout", "\(e)")
    }


    static func validate(_ args: ToolArgs, _ spec: ToolSpec) throws {
        for (k, v) in args.values {
            guard let p = spec.parameters.first(where: { $0.name == k }) else {
                throw ToolError("bad_argument", "\(spec.name): unknown parameter '\(k.prefix(40))'; parameters: " + spec.parameters.map(\.name).joined(separator: ", "))
            }
            switch (p.kind, v) {
            case (.string, .string(let s)):
                if s.count > maxArgumentLength { throw ToolError("bad_argument", "\(spec.name): \(k) is \(s.count) characters; at most \(maxArgumentLength)") }
                if s.contains("\u{0}") { throw ToolError("bad_argument", "\(spec.name): \(k) contains a NUL byte") }
                if let allowed = p.allowed, !allowed.map({ $0.lowercased() }).contains(s.lowercased()) {
                    throw ToolError("bad_argument", "\(spec.name): \(k) must be one of \(allowed.joined(separator: ", "))")
                }
            // Numbers: the type here, the range below. 1e30, 2.5, NaN and infinities are refused for a whole number,
            // never converted later; a 30-digit string is not a whole number that fits.
            case (.integer, .int): break
            case (.integer, .double(let d)) where Int(exactly: d) != nil: break
            case (.integer, .string(let s)) where Int(s) != nil: break
            case (.number, .int): break
            case (.number, .double(let d)) where d.isFinite: break
            case (.number, .string(let s)) where Double(s)?.isFinite == true: break
            case (.integer, _), (.number, _):
                throw ToolError("bad_argument", "\(spec.name): ‹\(k)› must be a \(p.kind == .integer ? "whole number" : "number") \(p.rangeText)")
            case (.boolean, .bool): break
            case (.stringList, .list(let l)):
                if l.count > 100 || l.contains(where: { $0.count > 512 }) { throw ToolError("bad_argument", "\(spec.name): \(k) is too long (at most 100 entries of 512 characters)") }
            case (.stringList, .string): break
            case (.boolean, .string(let s)) where ["true", "false", "1", "0", "yes", "no"].contains(s.lowercased()): break
            default: throw ToolError("bad_argument", "\(spec.name): \(k) must be \(p.kind.rawValue)")
            }
        }
        for p in spec.parameters where p.required && args.values[p.name] == nil {
            throw ToolError("bad_argument", "\(spec.name): missing required parameter '\(p.name)'")
        }
        // Bounds from the catalog (the same ones the MCP input schema states).
        for p in spec.parameters where p.minimum != nil || p.maximum != nil {
            guard let v = args.double(p.name) else { continue }
            let lo = p.minimum ?? -.infinity, hi = p.maximum ?? .infinity
            let inside = p.exclusiveBounds ? (v > lo && v < hi) : (v >= lo && v <= hi)
            if !inside { throw ToolError("bad_argument", "\(spec.name): ‹\(p.name)› must be \(p.rangeText)") }
        }
        if !spec.oneOfRequired.isEmpty, !spec.oneOfRequired.contains(where: { set in set.allSatisfy { k in args.values[k].map { $0 != .bool(false) } ?? false } }) {
            throw ToolError("bad_argument", "\(spec.name): give " + spec.oneOfRequired.map { $0.joined(separator: " and ") }.joined(separator: ", or "))
        }
    }

    static func dispatch(_ name: String, _ a: ToolArgs, _ ctx: ToolContext) throws -> (String, [String: Any]) {
        switch name {
        case "files": return try files(ctx)
        case "read_file": return try readFile(a, ctx)
        case "submit_root_causes": return try submit(a, ctx)
        default: break
        }
        let s: Snapshot
        do { s = try ctx.snapshot() } catch { throw ToolError("bad_snapshot", "\(error)") }
        switch name {
        case "info": return info(s)
        case "alerts": return try alerts(a, s)
        case "events": return try events(a, s)
        case "traces": return try traces(a, s)
        case "trace": return try trace(a, s)
        case "metrics": return try metrics(a, s)
        case "logs": return try logs(a, s, ctx)
        case "topology": return try topology(a, s)
        case "object": return try object(a, s)
        case "entity": return try entity(a, s)
        case "search": return try search(a, s, ctx)
        case "compare": return try compare(a, s)
        case "suspects":
            guard ctx.hints else { throw ToolError("forbidden", "suspects is switched off in this session (no hints)") }
            return suspects(a, s)
        default: throw ToolError("unknown_tool", "unknown tool '\(name)'")
        }
    }

    // MARK: shared argument handling

    static func page(_ a: ToolArgs, default d: Int = 50) -> (limit: Int, offset: Int) {
        (min(maxLimit, max(0, a.int("limit") ?? d)), max(0, a.int("offset") ?? 0))
    }

    /// Resolves `entity`; unknown names fail with the nearest names.
    static func entityArg(_ a: ToolArgs, _ s: Snapshot, key: String = "entity") throws -> EntityID? {
        guard let raw = a.string(key) else { return nil }
        do { return try s.entity(raw) } catch { throw ToolError("unknown_entity", "\(error)") }
    }

    static func window(_ a: ToolArgs, _ s: Snapshot) throws -> TimeWindow? {
        guard a.string("since") != nil || a.string("until") != nil else { return nil }
        let rec = s.windows.recording ?? TimeWindow(start: 0, end: Int64.max / 2)
        func parse(_ k: String, _ fallback: Nanos) throws -> Nanos {
            guard let v = a.string(k) else { return fallback }
            guard let t = Timestamp.parseUser(v, reference: rec.end) else {
                throw ToolError("bad_argument", "\(k): '\(v.prefix(40))' is not a time (use '2025-12-15 17:40', '17:40' or '-10m')")
            }
            return t
        }
        return TimeWindow(start: try parse("since", rec.start), end: try parse("until", rec.end))
    }

    static func rowsJSON<T: Encodable>(_ rows: [T], total: Int, limit: Int, offset: Int) -> [String: Any] {
        ["rows": rows.map { Render.plain($0) }, "total": total, "limit": limit, "offset": offset]
    }
}
