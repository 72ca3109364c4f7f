import CByteScan

/// Mines log templates as Drain does (He et al., ICWS 2017; drain3): variable tokens (numbers, ids, hashes,
/// addresses) are masked, messages are grouped by token count and first token, and a message joins the most similar
/// template of its group when at least `similarity` of its tokens agree; positions that differ become `<*>`.
///
/// Works on bytes: tokens are split and masked without `String` operations and interned to integers, so comparing a
/// message with a template is comparing integers; a message seen before verbatim reuses its template at once.
public struct LogTemplateMiner: Sendable {
    public static let wildcard = "<*>"
    public var similarity = 0.5
    /// Tokens beyond this are folded into one `…` token (bounds the cost of huge bodies).
    public var maxTokens = 48
    /// Templates per group before new messages only match exactly (bounds the cost on pathological input).
    public var maxPerGroup = 200
    /// Distinct messages remembered verbatim (bounds the memo's memory).
    public var maxMemo = 100_000

    private var templates: [[Int32]] = []
    private var groups: [GroupKey: [Int]] = [:]
    private var vocabulary: [String] = [wildcard, "…"]
    private var ids: TokenTable = {
        var t = TokenTable()
        for w in [wildcard, "…"] { _ = Array(w.utf8).withUnsafeBufferPointer { t.id($0) } }
        return t
    }()
    private var memo: [Bytes: Int] = [:]
    private static let wildcardID: Int32 = 0, ellipsisID: Int32 = 1

    private struct GroupKey: Hashable { let count: Int; let first: Int32 }

    /// Bytes as a dictionary key hashed once, eight bytes at a time (`bs_hash`), instead of by SipHash per byte on
    /// every lookup (two thirds of mining went to hashing byte arrays).
    struct Bytes: Hashable, Sendable {
        let bytes: [UInt8]
        let hash: UInt64
        init(_ b: [UInt8]) {
            bytes = b
            hash = b.withUnsafeBufferPointer { p in p.baseAddress.map { bs_hash($0, p.count) } ?? 0 }
        }
        func hash(into h: inout Hasher) { h.combine(hash) }
        static func == (a: Bytes, b: Bytes) -> Bool { a.hash == b.hash && a.bytes == b.bytes }
    }

    public init() {}

    /// Number of templates mined so far.
    public var count: Int { templates.count }

    /// Adds a message; returns the index of its template.
    @discardableResult
    public mutating func add(_ message: Substring) -> Int { add(bytes: Array(message.utf8)) }

    /// Adds a message given as UTF-8 bytes; returns the index of its template.
    public mutating func add(bytes message: [UInt8]) -> Int {
        let key = Bytes(message)
        if let t = memo[key] { return t }
        // One buffer masks every token in turn: tokenizing allocates nothing per token.
        var buffer: [UInt8] = [], tokens: [Int32] = []
        buffer.reserveCapacity(64)
        Self.eachToken(message, max: maxTokens, into: &buffer) { tok in tokens.append(intern(tok)) }
        let t = add(tokens: tokens)
        if memo.count < maxMemo { memo[key] = t }
        return t
    }

    /// Adds a message a `LogTokenizer` prepared, exactly as `add(bytes:)` would: the memo first, then its tokens
    /// mapped into this vocabulary (`remap`, by the tokenizer's ids, -1 for not yet met) in the order met.
    mutating func add(prepared p: LogTokenizer.Prepared, from tokenizer: LogTokenizer, remap: inout [Int32]) -> Int {
        if let t = memo[p.key] { return t }
        if remap.count < tokenizer.tokenBytes.count { remap += [Int32](repeating: -1, count: tokenizer.tokenBytes.count - remap.count) }
        var tokens: [Int32] = []
        tokens.reserveCapacity(p.tokens.count)
        for x in p.tokens {
            if remap[Int(x)] < 0 { remap[Int(x)] = tokenizer.tokenBytes[Int(x)].withUnsafeBufferPointer { intern($0) } }
            tokens.append(remap[Int(x)])
        }
        let t = add(tokens: tokens)
        if memo.count < maxMemo { memo[p.key] = t }
        return t
    }

    private mutating func add(tokens: [Int32]) -> Int {
        let key = GroupKey(count: tokens.count, first: tokens.first.map { $0 == Self.wildcardID ? -1 : $0 } ?? -2)
        var best = -1, bestScore = -1.0
        for t in groups[key] ?? [] {
            let s = Self.score(templates[t], tokens)
            if s > bestScore { bestScore = s; best = t }
        }
        if best >= 0, bestScore >= similarity {
            for i in templates[best].indices where templates[best][i] != tokens[i] { templates[best][i] = Self.wildcardID }
            return best
        }
        if (groups[key]?.count ?? 0) >= maxPerGroup, best >= 0 { return best }
        templates.append(tokens)
        groups[key, default: []].append(templates.count - 1)
        return templates.count - 1
    }

    private mutating func intern(_ token: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, isNew) = ids.id(token)
        if isNew { vocabulary.append(String(decoding: token, as: UTF8.self)) }
        return id
    }

    /// The template's tokens.
    public func template(_ i: Int) -> [String] { templates[i].map { vocabulary[Int($0)] } }

    /// The template's text.
    public func text(_ i: Int) -> String { template(i).joined(separator: " ") }

    /// Share of positions where the template and the tokens agree (a wildcard agrees with anything).
    static func score(_ t: [Int32], _ tokens: [Int32]) -> Double {
        guard t.count == tokens.count, !t.isEmpty else { return t.isEmpty && tokens.isEmpty ? 1 : 0 }
        var same = 0
        for i in t.indices where t[i] == tokens[i] || t[i] == wildcardID { same += 1 }
        return Double(same) / Double(t.count)
    }

    /// Whitespace tokens with variable parts masked, as text (for tests and callers that want strings).
    static func tokens(_ s: Substring, max: Int) -> [String] {
        maskedTokens(Array(s.utf8), max: max).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whitespace tokens with variable parts masked; beyond `max` tokens, one `…`.
    static func maskedTokens(_ s: [UInt8], max: Int) -> [[UInt8]] {
        var out: [[UInt8]] = [], buffer: [UInt8] = []
        eachToken(s, max: max, into: &buffer) { out.append(Array($0)) }
        return out
    }

    /// The masked tokens of `s` one by one (each valid only inside `body`), masked into `buffer`; as `maskedTokens`.
    static func eachToken(_ s: [UInt8], max: Int, into buffer: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var i = 0, n = 0
        while i < s.count {
            while i < s.count, isSpace(s[i]) { i += 1 }
            guard i < s.count else { break }
            var j = i
            while j < s.count, !isSpace(s[j]) { j += 1 }
            buffer.removeAll(keepingCapacity: true)
            if n == max { buffer.append(contentsOf: ellipsisBytes) } else { mask(s[i..<j], into: &buffer) }
            buffer.withUnsafeBufferPointer(body)
            if n == max { break }
            n += 1
            i = j
        }
    }

    static let ellipsisBytes = Array("…".utf8)

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    @inline(__always) static func isPunct(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
        default: return false
        }
    }

    static let wildcardBytes = Array(wildcard.utf8)

    /// A token with its variable part masked: `key=<*>` for a variable value, `<*>` for a variable token, its
    /// surrounding punctuation kept (`(<*>)`, `<*>,`); a path segment by segment (`/api/v1/product/<*>`).
    static func mask(_ token: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        mask(token, into: &out)
        return out
    }

    /// `mask(token)` appended to `out`.
    static func mask(_ token: ArraySlice<UInt8>, into out: inout [UInt8]) {
        if let eq = token.firstIndex(of: UInt8(ascii: "=")), eq != token.startIndex {
            let value = token[(eq + 1)...]
            if isVariable(value) { out.append(contentsOf: token[...eq]); out.append(contentsOf: wildcardBytes) } else { out.append(contentsOf: token) }
            return
        }
        if token.contains(UInt8(ascii: "/")), !hasHTTPPrefix(token) {
            var start = token.startIndex
            for k in token.indices where token[k] == UInt8(ascii: "/") {
                if k > start { mask(token[start..<k], into: &out) }
                out.append(UInt8(ascii: "/"))
                start = k + 1
            }
            if start < token.endIndex { mask(token[start...], into: &out) }
            return
        }
        var lo = token.startIndex, hi = token.endIndex
        while lo < hi, isPunct(token[lo]) { lo += 1 }
        while hi > lo, isPunct(token[hi - 1]) { hi -= 1 }
        guard lo < hi, isVariable(token[lo..<hi]) else { out.append(contentsOf: token); return }
        out.append(contentsOf: token[token.startIndex..<lo]); out.append(contentsOf: wildcardBytes); out.append(contentsOf: token[hi..<token.endIndex])
    }

    static let httpUpper = Array("HTTP/".utf8), httpLower = Array("http/".utf8)

    /// `HTTP/…` or `http/…` (a protocol version, not a path).
    static func hasHTTPPrefix(_ t: ArraySlice<UInt8>) -> Bool { t.starts(with: httpUpper) || t.starts(with: httpLower) }

    /// Numbers (with units), hex and ids, addresses, hashes: anything with a digit that is not a short word with
    /// one (`v1`, `http2`, `HTTP/1.1` stay), or a long hex string.
    static func isVariable(_ t: ArraySlice<UInt8>) -> Bool {
        var digits = 0, hex = 0, letters = 0
        for u in t {
            if u >= 48 && u <= 57 { digits += 1; hex += 1 }
            else if (u >= 97 && u <= 102) || (u >= 65 && u <= 70) { hex += 1; letters += 1 }
            else if (u >= 65 && u <= 90) || (u >= 97 && u <= 122) { letters += 1 }
        }
        if digits == 0 { return t.count >= 16 && hex == t.count }       // a hash of letters a-f only
        if letters == 0 { return true }                                 // 42, 3.5, 10.0.0.1, 2025-12-15
        if t.count <= 5 && digits == 1 { return false }                 // v1, http2, s3
        if hasHTTPPrefix(t) { return false }
        return true                                                     // 12ms, 7d9c4f-x2, 0x1f, uuids
    }
}
