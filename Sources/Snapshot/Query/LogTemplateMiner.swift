/// Mines log templates as Drain does (He et al., ICWS 2017; drain3): variable tokens (numbers, ids, hashes,
/// addresses) are masked, messages are grouped by token count and first token, and a message joins the most similar
/// template of its group when at least `similarity` of its tokens agree; positions that differ become `<*>`.
public struct LogTemplateMiner: Sendable {
    public static let wildcard = "<*>"
    public var similarity = 0.5
    /// Tokens beyond this are folded into one `…` token (bounds the cost of huge bodies).
    public var maxTokens = 48
    /// Templates per group before new messages only match exactly (bounds the cost on pathological input).
    public var maxPerGroup = 200

    public private(set) var templates: [[String]] = []
    private var groups: [String: [Int]] = [:]

    public init() {}

    /// Adds a message; returns the index of its template.
    public mutating func add(_ message: Substring) -> Int {
        let tokens = Self.tokens(message, max: maxTokens)
        let key = "\(tokens.count)|" + (tokens.first.map { $0 == Self.wildcard ? "" : $0 } ?? "")
        var best = -1, bestScore = -1.0
        for t in groups[key] ?? [] {
            let s = Self.score(templates[t], tokens)
            if s > bestScore { bestScore = s; best = t }
        }
        if best >= 0, bestScore >= similarity {
            var t = templates[best]
            for i in t.indices where t[i] != tokens[i] { t[i] = Self.wildcard }
            templates[best] = t
            return best
        }
        if (groups[key]?.count ?? 0) >= maxPerGroup, best >= 0 { return best }
        templates.append(tokens)
        groups[key, default: []].append(templates.count - 1)
        return templates.count - 1
    }

    /// The template's text.
    public func text(_ i: Int) -> String { templates[i].joined(separator: " ") }

    /// Share of positions where the template and the tokens agree (a wildcard agrees with anything).
    static func score(_ t: [String], _ tokens: [String]) -> Double {
        guard t.count == tokens.count, !t.isEmpty else { return t.isEmpty && tokens.isEmpty ? 1 : 0 }
        var same = 0
        for i in t.indices where t[i] == tokens[i] || t[i] == wildcard { same += 1 }
        return Double(same) / Double(t.count)
    }

    /// Whitespace tokens with variable parts masked.
    static func tokens(_ s: Substring, max: Int) -> [String] {
        var out: [String] = []
        for raw in s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            if out.count == max { out.append("…"); break }
            out.append(mask(raw))
        }
        return out
    }

    /// A token with its variable part masked: `key=<*>` for a variable value, `<*>` for a variable token, its
    /// surrounding punctuation kept (`(<*>)`, `<*>,`).
    static func mask(_ token: Substring) -> String {
        if let eq = token.firstIndex(of: "="), eq != token.startIndex {
            let value = token[token.index(after: eq)...]
            return isVariable(value) ? String(token[...eq]) + wildcard : String(token)
        }
        // A path is masked segment by segment: /api/v1/product/OLJCESPC7Z → /api/v1/product/<*>.
        // Byte tests only: Foundation's `contains(String)` costs microseconds per call on Linux.
        if token.utf8.contains(UInt8(ascii: "/")), !token.hasPrefix("HTTP/"), !token.hasPrefix("http/") {
            return token.split(separator: "/", omittingEmptySubsequences: false).map { $0.isEmpty ? String($0) : mask($0) }
                .joined(separator: "/")
        }
        let punct: (Character) -> Bool = { c in
            switch c { case "(", ")", "[", "]", "{", "}", ",", ";", ":", "\"", "'": return true; default: return false }
        }
        let core = token.drop(while: punct).reversed().drop(while: punct).reversed()
        guard !core.isEmpty, isVariable(Substring(core)) else { return String(token) }
        let lead = token.prefix(while: punct), trail = String(token.reversed().prefix(while: punct).reversed())
        return String(lead) + wildcard + trail
    }

    /// Numbers (with units), hex and ids, addresses, hashes: anything with a digit that is not a short word with
    /// one (`v1`, `http2`, `HTTP/1.1` stay), or a long hex string.
    static func isVariable(_ t: Substring) -> Bool {
        var digits = 0, hex = 0, letters = 0
        for u in t.utf8 {
            if u >= 48 && u <= 57 { digits += 1; hex += 1 }
            else if (u >= 97 && u <= 102) || (u >= 65 && u <= 70) { hex += 1; letters += 1 }
            else if (u >= 65 && u <= 90) || (u >= 97 && u <= 122) { letters += 1 }
        }
        if digits == 0 { return t.utf8.count >= 16 && hex == t.utf8.count }       // a hash of letters a-f only
        if letters == 0 { return true }                                           // 42, 3.5, 10.0.0.1, 2025-12-15
        if t.utf8.count <= 5 && digits == 1 { return false }                      // v1, http2, s3
        if t.hasPrefix("HTTP/") || t.hasPrefix("http/") { return false }
        return true                                                               // 12ms, 7d9c4f-x2, 0x1f, uuids
    }
}
