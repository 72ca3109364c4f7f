import Foundation

/// Any JSON value, for the free-form parts of a typed record (tool arguments, `extra`, message content).
public enum JSONValue: Codable, Sendable, Equatable {
    case string(String), int(Int), number(Double), bool(Bool), null, array([JSONValue]), object([String: JSONValue])

    public init(from d: Decoder) throws {
        let c = try d.singleValueContainer()
        // Strings first: most free-form values in trajectories are text.
        if let s = try? c.decode(String.self) { self = .string(s) }
        else if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to e: Encoder) throws {
        var c = e.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .number(let x): try c.encode(x)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// A `JSONSerialization`-compatible value (dictionaries, arrays, strings, numbers) as a `JSONValue`; nil when it
    /// is not JSON. Goes through JSON text, so numbers and booleans keep their kind on every platform.
    public init?(jsonObject v: Any) {
        guard JSONSerialization.isValidJSONObject([v]),
              let data = try? JSONSerialization.data(withJSONObject: [v], options: [.fragmentsAllowed]),
              case .array(let a)? = try? JSONDecoder().decode(JSONValue.self, from: data), let first = a.first else { return nil }
        self = first
    }

    /// The value as `JSONSerialization` would give it.
    public var any: Any {
        switch self {
        case .string(let s): return s
        case .int(let i): return i
        case .number(let x): return x
        case .bool(let b): return b
        case .null: return NSNull()
        case .array(let a): return a.map(\.any)
        case .object(let o): return o.mapValues(\.any)
        }
    }

    /// The readable text of a value: a string as is, a list of content parts joined by lines, a part's
    /// `text` or `content`.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .array(let a): return a.map(\.text).joined(separator: "\n")
        case .object(let o): return (o["text"] ?? o["content"] ?? o["thinking"])?.text ?? ""
        case .int(let i): return String(i)
        case .number(let x): return String(x)
        case .bool(let b): return String(b)
        case .null: return ""
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
}
