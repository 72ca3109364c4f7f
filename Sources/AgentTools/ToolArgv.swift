/// Command-line arguments of a tool (`--entity svc/cart --hide-noise`, a bare main argument) to `ToolArgs`.
/// Used by the CLI and by replay, which re-runs the `triage …` commands an agent typed.
public enum ToolArgv {
    /// Options every CLI tool command accepts (not tool parameters); the ones that take a value.
    public static let commonWithValue: Set<String> = ["--snapshot", "--max-output", "--timeout", "--record", "--out"]
    public static let commonFlags: Set<String> = ["--json", "--feedback"]

    /// The parameter a bare argument fills.
    public static func positional(_ tool: String) -> String? {
        switch tool {
        case "trace": return "id"
        case "search": return "query"
        case "read_file": return "path"
        case "submit_root_causes": return "root_causes"
        case "info", "files": return nil
        default: return "entity"
        }
    }

    /// Tool parameters from argv; common options are skipped (and returned) so callers can read them.
    public static func parse(_ tool: String, _ argv: [String]) throws -> (args: ToolArgs, common: [String: String]) {
        guard let spec = ToolCatalog.spec(tool) else { throw ToolError("unknown_tool", "unknown tool '\(tool)'") }
        var args = ToolArgs()
        var common: [String: String] = [:]
        var list: [String] = []
        var i = 0
        func value(_ flag: String) throws -> String {
            guard i + 1 < argv.count else { throw ToolError("bad_argument", "\(flag) needs a value") }
            i += 1
            return argv[i]
        }
        while i < argv.count {
            let a = argv[i]
            if commonWithValue.contains(a) { common[a] = try value(a) }
            else if commonFlags.contains(a) { common[a] = "true" }
            else if a.hasPrefix("--") {
                var name = String(a.dropFirst(2)).replacingOccurrences(of: "-", with: "_")
                var inline: String? = nil
                if let eq = name.firstIndex(of: "=") { inline = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
                guard let p = spec.parameters.first(where: { $0.name == name }) else {
                    throw ToolError("bad_argument", "unknown option '\(a)' for \(tool); see --help")
                }
                switch p.kind {
                case .boolean: args.values[name] = .bool(inline.map { ["true", "1", "yes"].contains($0.lowercased()) } ?? true)
                case .integer:
                    let v = try inline ?? value(a)
                    guard let n = Int(v) else { throw ToolError("bad_argument", "\(a) takes a whole number \(p.rangeText), got '\(v.prefix(40))'") }
                    args.values[name] = .int(n)
                case .number:
                    let v = try inline ?? value(a)
                    guard let n = Double(v), n.isFinite else { throw ToolError("bad_argument", "\(a) takes a number \(p.rangeText), got '\(v.prefix(40))'") }
                    args.values[name] = .double(n)
                case .string: args.values[name] = .string(try inline ?? value(a))
                case .stringList: list.append(try inline ?? value(a))
                }
            } else if let pos = positional(tool) {
                if tool == "submit_root_causes" { list.append(a) }
                else if args.values[pos] == nil { args.values[pos] = .string(a) }
                else { throw ToolError("bad_argument", "unexpected argument '\(a)'") }
            } else {
                throw ToolError("bad_argument", "unexpected argument '\(a)'")
            }
            i += 1
        }
        if !list.isEmpty { args.values["root_causes"] = .list(list) }
        return (args, common)
    }

    /// Splits a shell command line into words (single and double quotes, backslash escapes); nil on unbalanced quotes.
    public static func shellWords(_ s: String) -> [String]? {
        var words: [String] = [], cur = "", quote: Character? = nil, has = false
        var it = s.makeIterator()
        while let c = it.next() {
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"", let n = it.next() { cur.append(n) } else { cur.append(c) }
            } else if c == "'" || c == "\"" { quote = c; has = true }
            else if c == "\\", let n = it.next() { cur.append(n); has = true }
            else if c == " " || c == "\t" || c == "\n" { if has || !cur.isEmpty { words.append(cur); cur = ""; has = false } }
            else if c == "|" || c == ";" || c == "&" { if has || !cur.isEmpty { words.append(cur); cur = ""; has = false }; words.append(String(c)) }
            else { cur.append(c) }
        }
        if quote != nil { return nil }
        if has || !cur.isEmpty { words.append(cur) }
        return words
    }

    /// `triage logs --pattern x` (or `/path/to/triage …`, the first command of a pipeline) → (tool, args).
    public static func triageCommand(_ cmd: String) -> (tool: String, args: ToolArgs)? {
        guard let words = shellWords(cmd) else { return nil }
        let first = words.prefix { !["|", ";", "&"].contains($0) }
        guard let bin = first.first, bin == "triage" || bin.hasSuffix("/triage"), first.count >= 2 else { return nil }
        let tool = first[first.index(after: first.startIndex)]
        let name = tool == "submit" ? "submit_root_causes" : tool.replacingOccurrences(of: "-", with: "_")
        guard ToolCatalog.spec(name) != nil, let parsed = try? parse(name, Array(first.dropFirst(2))) else { return nil }
        return (name, parsed.args)
    }
}
