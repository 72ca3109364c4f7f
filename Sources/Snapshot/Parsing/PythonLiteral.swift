/// A value of a Python literal, as found in the attribute cells of snapshot TSVs
/// (`{'k8s.namespace.name': 'otel-demo', 'ok': True}`).
public indirect enum PyValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case none
    case list([PyValue])
    /// Key order is kept as written.
    case dict([(String, PyValue)])

    public static func == (a: PyValue, b: PyValue) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }

    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public subscript(key: String) -> PyValue? {
        if case .dict(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// The dict as `[key: display string]` (nested values rendered as Python text).
    public var flatStrings: [String: String] {
        guard case .dict(let pairs) = self else { return [:] }
        var out = [String: String]()
        for (k, v) in pairs { out[k] = v.stringValue ?? v.description }
        return out
    }

    public var description: String {
        switch self {
        case .string(let s): return "'\(s)'"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .dict(let p): return "{" + p.map { "'\($0.0)': \($0.1.description)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Parser for Python `repr` literals (dicts, lists, tuples, strings with either quote, numbers,
/// `True`/`False`/`None`), the format of attribute columns. Not JSON: single quotes, escapes as Python writes them.
public struct PythonLiteral {
    public struct ParseError: Error, CustomStringConvertible {
        public let position: Int
        public let reason: String
        public var description: String { "Python literal, byte \(position): \(reason)" }
    }

    private let b: [UInt8]
    private var i = 0
    private var depth = 0
    /// Deeper nesting is refused (real attribute cells nest a few levels; `[` × 100,000 overflowed the stack).
    public static let maxDepth = 200

    private init(_ bytes: [UInt8]) { b = bytes }

    public static func parse(_ text: String) throws -> PyValue { try parse(Array(text.utf8)) }

    public static func parse(_ bytes: [UInt8]) throws -> PyValue {
        var p = PythonLiteral(bytes)
        p.skipWS()
        if p.i >= p.b.count { return .dict([]) }
        let v = try p.value()
        p.skipWS()
        if p.i < p.b.count { throw ParseError(position: p.i, reason: "unexpected trailing text") }
        return v
    }

    /// Fast path: the string value of `key` in a flat dict cell, without parsing the rest.
    /// Handles both quote styles and backslash escapes; returns nil when absent.
    public static func quickString(_ key: StaticString, in cell: UnsafeBufferPointer<UInt8>) -> Substring? {
        guard let r = quickRange(key, in: cell) else { return nil }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: cell[r]), as: UTF8.self))
    }

    /// Byte range of the (unescaped-only-if-simple) value of `key`; nil when absent or escaped.
    public static func quickRange(_ key: StaticString, in cell: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let k = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
        let n = cell.count, m = k.count
        guard m > 0, n > m + 4 else { return nil }
        var i = 0
        while i + m + 4 <= n {
            // Look for  'key': '
            if cell[i] == 0x27 || cell[i] == 0x22 {
                let q = cell[i]
                var match = true
                for j in 0..<m where cell[i + 1 + j] != k[j] { match = false; break }
                if match && cell[i + 1 + m] == q && cell[i + 2 + m] == 0x3A && cell[i + 3 + m] == 0x20 {
                    let vq = i + 4 + m < n ? cell[i + 4 + m] : 0
                    guard vq == 0x27 || vq == 0x22 else { return nil }
                    let start = i + 5 + m
                    var e = start
                    while e < n && cell[e] != vq {
                        if cell[e] == 0x5C { return nil }  // escaped value: caller falls back to a full parse
                        e += 1
                    }
                    return e < n ? start..<e : nil
                }
            }
            i += 1
        }
        return nil
    }

    private mutating func skipWS() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x09 || b[i] == 0x0D { i += 1 }
    }

    private mutating func value() throws -> PyValue {
        skipWS()
        guard i < b.count else { throw ParseError(position: i, reason: "unexpected end") }
        switch b[i] {
        case 0x7B: return try dict()
        case 0x5B: return try seq(close: 0x5D)
        case 0x28: return try seq(close: 0x29)
        case 0x27, 0x22: return .string(try str())
        default:
            // Bytes-literal prefix b'..' is read as a string.
            if (b[i] == 0x62 || b[i] == 0x75 || b[i] == 0x72) && i + 1 < b.count && (b[i + 1] == 0x27 || b[i + 1] == 0x22) {
                i += 1
                return .string(try str())
            }
            return try atom()
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth { throw ParseError(position: i, reason: "nested deeper than \(Self.maxDepth) levels") }
    }

    private mutating func dict() throws -> PyValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var pairs = [(String, PyValue)]()
        skipWS()
        if i < b.count && b[i] == 0x7D { i += 1; return .dict(pairs) }
        while true {
            let k = try value()
            skipWS()
            guard i < b.count, b[i] == 0x3A else { throw ParseError(position: i, reason: "expected ':' in dict") }
            i += 1
            let v = try value()
            pairs.append((k.stringValue ?? k.description, v))
            skipWS()
            guard i < b.count else { throw ParseError(position: i, reason: "unterminated dict") }
            if b[i] == 0x2C { i += 1; skipWS(); if i < b.count && b[i] == 0x7D { i += 1; return .dict(pairs) }; continue }
            if b[i] == 0x7D { i += 1; return .dict(pairs) }
            throw ParseError(position: i, reason: "expected ',' or '}' in dict")
        }
    }

    private mutating func seq(close: UInt8) throws -> PyValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var items = [PyValue]()
        skipWS()
        if i < b.count && b[i] == close { i += 1; return .list(items) }
        while true {
            items.append(try value())
            skipWS()
            guard i < b.count else { throw ParseError(position: i, reason: "unterminated list") }
            if b[i] == 0x2C { i += 1; skipWS(); if i < b.count && b[i] == close { i += 1; return .list(items) }; continue }
            if b[i] == close { i += 1; return .list(items) }
            throw ParseError(position: i, reason: "expected ',' or closing bracket")
        }
    }

    private mutating func str() throws -> String {
        let q = b[i]
        let start = i
        i += 1
        var out = [UInt8]()
        while i < b.count {
            let c = b[i]
            if c == q { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == 0x5C && i + 1 < b.count {
                let e = b[i + 1]
                i += 2
                switch e {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x30: out.append(0x00)
                case 0x78, 0x75, 0x55:
                    let len = e == 0x78 ? 2 : e == 0x75 ? 4 : 8
                    guard i + len <= b.count, let v = UInt32(String(decoding: b[i..<(i + len)], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(v) else {
                        throw ParseError(position: i, reason: "bad escape")
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += len
                default: out.append(e)  // \\ \' \" and unknown escapes
                }
                continue
            }
            out.append(c)
            i += 1
        }
        throw ParseError(position: start, reason: "unterminated string")
    }

    private mutating func atom() throws -> PyValue {
        let start = i
        while i < b.count, !(b[i] == 0x2C || b[i] == 0x7D || b[i] == 0x5D || b[i] == 0x29 || b[i] == 0x3A || b[i] == 0x20) { i += 1 }
        let s = String(decoding: b[start..<i], as: UTF8.self)
        switch s {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        case "": throw ParseError(position: start, reason: "expected a value")
        default:
            if let v = Int64(s) { return .int(v) }
            if let d = Double(s) { return .double(d) }
            if s == "inf" || s == "nan" || s == "-inf" { return .double(Double(s) ?? .nan) }
            throw ParseError(position: start, reason: "unknown token '\(s.prefix(20))'")
        }
    }
}
