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
        var tokens: [Int32] = []
        Self.eachToken(message, max: maxTokens) { tok in tokens.append(intern(tok)) }
        let t = add(tokens: tokens)
        if memo.count < maxMemo { memo[key] = t }
        return t
    }

    /// Adds a message a `LogTokenizer` prepared, exactly as `add(bytes:)` would: the memo first, then its tokens
    /// mapped into this vocabulary (`remap`, by the tokenizer's ids, -1 for not yet met; `tokenBytes` are the bytes of
    /// the tokenizer's ids so far) in the order met.
    mutating func add(prepared p: LogTokenizer.Prepared, tokenBytes: [[UInt8]], remap: inout [Int32]) -> Int {
        if let t = memo[p.key] { return t }
        if remap.count < tokenBytes.count { remap += [Int32](repeating: -1, count: tokenBytes.count - remap.count) }
        var tokens: [Int32] = []
        tokens.reserveCapacity(p.tokens.count)
        for x in p.tokens {
            if remap[Int(x)] < 0 { remap[Int(x)] = tokenBytes[Int(x)].withUnsafeBufferPointer { intern($0) } }
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
        var out: [[UInt8]] = []
        eachToken(s, max: max) { out.append(Array($0)) }
        return out
    }

    /// The masked tokens of `s` one by one (each valid only inside `body`; `TokenMask` masks them), as `maskedTokens`.
    static func eachToken(_ s: [UInt8], max: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        s.withUnsafeBufferPointer { sp in
            guard let p = sp.baseAddress else { return }
            let n = sp.count
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: TokenMask.capacity(for: n))
            defer { out.deallocate() }
            var i = 0, tokens = 0
            while i < n {
                while i < n, isSpace(p[i]) { i += 1 }
                guard i < n else { break }
                var j = i
                while j < n, !isSpace(p[j]) { j += 1 }
                if tokens == max { ellipsisBytes.withUnsafeBufferPointer(body); break }
                var count = 0
                TokenMask.mask(p, i, j, into: out, &count)
                body(UnsafeBufferPointer(start: out, count: count))
                tokens += 1
                i = j
            }
        }
    }

    static let ellipsisBytes = Array("…".utf8)

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
}
