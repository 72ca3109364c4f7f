import Foundation

/// A user regex compiled for searching record text, with the literal that every match must
/// contain (used to skip records with `memmem` before running the regex, as ripgrep does).
public struct TextPattern: Sendable {
    public let source: String
    public let ignoreCase: Bool
    /// Runs every match with a step budget; `exhausted` tells when some match ran out of it. Compiled when first
    /// needed for plain text (see `LazyRegex`).
    private let compiled: LazyRegex
    var regex: BudgetRegex { compiled.regex }
    /// Whether some match ran out of its step budget, so the answer may be incomplete (queries then fail clearly).
    public var exhausted: Bool { compiled.exhausted }
    /// The pattern's bytes when it is plain ASCII text (no regex syntax), lowercased when `ignoreCase`: matched in
    /// ASCII text byte for byte, which is what ICU's match of it is there.
    private let plainASCII: [UInt8]?
    /// Bytes every match contains, when the pattern has such a literal (case-sensitive patterns only).
    public let requiredLiteral: [UInt8]?
    /// True when the pattern is nothing but a literal (no regex run needed; compared case-insensitively when `ignoreCase`).
    public let isPureLiteral: Bool
    /// For case-insensitive patterns: the required literal, ASCII-lowercased, to find in lowercased bytes.
    public let foldedLiteral: [UInt8]?

    public struct PatternError: Error, CustomStringConvertible {
        public let pattern: String
        public let position: Int?
        public let reason: String
        public var description: String {
            if let position { return "bad regex '\(pattern)' at position \(position): \(reason)" }
            return "bad regex '\(pattern)': \(reason)"
        }
    }

    public init(_ pattern: String, ignoreCase: Bool = false) throws {
        guard !pattern.isEmpty else { throw PatternError(pattern: pattern, position: 0, reason: "empty pattern") }
        source = pattern
        self.ignoreCase = ignoreCase
        if let pos = RegexSafety.nestedRepetition(in: pattern) {
            throw PatternError(pattern: pattern, position: pos,
                               reason: "a repeated group that itself repeats (like (a+)+) can take exponential time; write it without the nesting")
        }
        if LazyRegex.isPlainText(pattern) {
            compiled = LazyRegex(plainText: pattern, ignoreCase: ignoreCase)
            plainASCII = pattern.utf8.allSatisfy({ $0 < 0x80 }) ? Array((ignoreCase ? pattern.lowercased() : pattern).utf8) : nil
        } else {
            do {
                // ICU directly: Foundation's NSRegularExpression leaks its buffer on an invalid pattern (the fuzzer's
                // leak checker found it), which a long-running MCP server would pay for on every bad regex.
                compiled = LazyRegex(try BudgetRegex(pattern, ignoreCase: ignoreCase))
            } catch {
                let (pos, why) = Self.locateError(pattern)
                throw PatternError(pattern: pattern, position: pos, reason: why)
            }
            plainASCII = nil
        }
        let plan = Self.plan(pattern, ignoreCase: ignoreCase)
        requiredLiteral = plan.required; foldedLiteral = plan.folded; isPureLiteral = plan.pure
    }

    /// What a pattern's text says without compiling it: the literal every match contains, and whether the pattern is
    /// nothing else (so a search can start on the literal while the regex compiles).
    public struct LiteralPlan: Sendable {
        /// `requiredLiteral`, `foldedLiteral` and `isPureLiteral` as the pattern would have them.
        public let required: [UInt8]?, folded: [UInt8]?, pure: Bool
        /// The bytes to look for, and whether to look with A-Z folded.
        public var literal: [UInt8]? { required ?? folded }
        public var foldCase: Bool { required == nil }
    }

    public static func plan(_ pattern: String, ignoreCase: Bool) -> LiteralPlan {
        let (lit, pure) = literal(of: pattern)
        return LiteralPlan(required: ignoreCase ? nil : lit.flatMap { $0.count >= 2 ? Array($0.utf8) : nil },
                           folded: ignoreCase ? lit.flatMap { l in l.utf8.count >= 2 && l.utf8.allSatisfy { $0 < 0x80 } ? Array(l.lowercased().utf8) : nil } : nil,
                           pure: pure && (lit?.utf8.count ?? 0) >= 2)
    }

    /// Whether `text` contains a match.
    public func matches(_ text: String) -> Bool {
        if let needle = plainASCII, let found = Self.asciiRanges(text, needle, fold: ignoreCase, limit: 1) { return !found.isEmpty }
        return regex.firstMatch(in: text)
    }

    /// The non-overlapping occurrences of `needle` from the left, as ICU finds a literal's matches (at most `limit`),
    /// when `text` is ASCII (offsets are then the same in UTF-8 and UTF-16); nil otherwise.
    static func asciiRanges(_ text: String, _ needle: [UInt8], fold: Bool, limit: Int = .max) -> [Range<Int>]? {
        var t = text
        return t.withUTF8 { b -> [Range<Int>]? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            var out: [Range<Int>] = [], at = 0
            let raw = UnsafeRawBufferPointer(b)
            while out.count < limit, at + needle.count <= b.count, let base = raw.baseAddress,
                  let hit = needle.withUnsafeBytes({ c_memmem(base + at, b.count - at, $0.baseAddress!, needle.count, foldCase: fold) }) {
                let start = base.distance(to: UnsafeRawPointer(hit))
                out.append(start..<(start + needle.count))
                at = start + needle.count
            }
            return out
        }
    }

    /// UTF-16 ranges of every match in `text` (for highlighting).
    public func ranges(in text: String) -> [Range<String.Index>] {
        let u = text.utf16
        if let needle = plainASCII, let found = Self.asciiRanges(text, needle, fold: ignoreCase) {
            return found.map { r in u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound) }
        }
        return regex.utf16Ranges(in: text).map { r in u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound) }
    }

    /// The longest literal run of a top-level concatenation, and whether the whole pattern is that literal.
    static func literal(of p: String) -> (String?, Bool) {
        let c = Array(p)
        var runs: [String] = []
        var cur = ""
        var i = 0
        var pure = true
        var depth = 0
        func flush() { if !cur.isEmpty { runs.append(cur); cur = "" } }
        while i < c.count {
            let ch = c[i]
            if depth > 0 {
                if ch == "\\" { i += 2; continue }
                if ch == "(" { depth += 1 } else if ch == ")" { depth -= 1 }
                i += 1; continue
            }
            switch ch {
            case "|": return (nil, false)
            case "\\":
                guard i + 1 < c.count else { return (nil, false) }
                let e = c[i + 1]
                if "dDwWsSbBAzZGQEpPkKRXhHvVN0123456789xuc".contains(e) { pure = false; flush() } else { cur.append(e) }
                i += 2
                continue
            case "(": pure = false; flush(); depth += 1
            case "[":
                pure = false; flush()
                var j = i + 1
                if j < c.count && c[j] == "^" { j += 1 }
                if j < c.count && c[j] == "]" { j += 1 }
                while j < c.count && c[j] != "]" { if c[j] == "\\" { j += 1 }; j += 1 }
                i = j
            case "*", "?", "{":
                pure = false
                if !cur.isEmpty { cur.removeLast() }
                flush()
                if ch == "{" { while i < c.count && c[i] != "}" { i += 1 } }
            case "+":
                pure = false; flush()
            case ".", "^", "$":
                pure = false; flush()
            default: cur.append(ch)
            }
            i += 1
        }
        flush()
        let best = runs.max { $0.utf8.count < $1.utf8.count }
        return (best, pure && runs.count == 1)
    }

    /// Finds where a pattern is broken, for the error message.
    static func locateError(_ p: String) -> (Int?, String) {
        let c = Array(p)
        var stack: [Int] = []
        var i = 0
        while i < c.count {
            switch c[i] {
            case "\\":
                if i + 1 >= c.count { return (i, "trailing backslash") }
                i += 1
            case "[":
                var j = i + 1
                if j < c.count && c[j] == "^" { j += 1 }
                if j < c.count && c[j] == "]" { j += 1 }
                while j < c.count && c[j] != "]" { if c[j] == "\\" { j += 1 }; j += 1 }
                if j >= c.count { return (i, "unclosed '['") }
                i = j
            case "(": stack.append(i)
            case ")":
                if stack.isEmpty { return (i, "unmatched ')'") }
                stack.removeLast()
            case "*", "+", "?":
                if i == 0 || "(|".contains(c[i - 1]) { return (i, "nothing to repeat before '\(c[i])'") }
                if i >= 1 && "*+".contains(c[i - 1]) && c[i] != "?" && c[i] != "+" { return (i, "repeated quantifier") }
            case "{":
                if i == 0 { return (i, "nothing to repeat before '{'") }
            default: break
            }
            i += 1
        }
        if let open = stack.last { return (open, "unclosed '('") }
        return (nil, "invalid regular expression")
    }
}
