import Foundation

/// A parameter of an agent tool: the same definition drives CLI options, MCP JSON schemas and validation.
public struct ToolParam: Sendable {
    public enum Kind: String, Sendable { case string, integer, number, boolean, stringList = "array" }
    public let name: String
    public let kind: Kind
    public let description: String
    public var required = false
    public var allowed: [String]? = nil
    /// Bounds of a number (inclusive unless `exclusiveBounds`) and the value used when the parameter is not given;
    /// they go into the MCP input schema and are enforced by `Toolbox.validate`.
    public var minimum: Double? = nil
    public var maximum: Double? = nil
    public var exclusiveBounds = false
    public var defaultValue: ToolValue? = nil
    public init(_ name: String, _ kind: Kind, _ description: String, required: Bool = false, allowed: [String]? = nil,
                minimum: Double? = nil, maximum: Double? = nil, exclusiveBounds: Bool = false, defaultValue: ToolValue? = nil) {
        self.name = name; self.kind = kind; self.description = description; self.required = required; self.allowed = allowed
        self.minimum = minimum; self.maximum = maximum; self.exclusiveBounds = exclusiveBounds; self.defaultValue = defaultValue
        // Every number has a range, stated in the schema and enforced: a whole number at most a billion, a number at
        // most 1e15, neither negative unless the catalog says otherwise.
        if kind == .integer || kind == .number {
            if self.minimum == nil { self.minimum = 0 }
            if self.maximum == nil { self.maximum = kind == .integer ? Self.maxInteger : Self.maxNumber }
        }
    }

    /// The largest whole number any tool parameter takes.
    public static let maxInteger: Double = 1_000_000_000
    /// The largest number any tool parameter takes.
    public static let maxNumber: Double = 1e15

    /// The range of a numeric parameter as text: `from 0 to 1000`, `strictly between 0 and 1`.
    public var rangeText: String {
        func n(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        let lo = minimum ?? 0, hi = maximum ?? Self.maxNumber
        return exclusiveBounds ? "strictly between \(n(lo)) and \(n(hi))" : "from \(n(lo)) to \(n(hi))"
    }
}

/// One tool of the agent backend (CLI subcommand and MCP tool).
public struct ToolSpec: Sendable {
    /// MCP tool name and CLI subcommand.
    public let name: String
    /// What the tool is for, written for a model choosing tools.
    public let description: String
    public let parameters: [ToolParam]
    /// CLI examples for --help.
    public let examples: [String]
    /// Sets of parameters of which one must be given (`trace`: `id` or `entity`); the input schema's `anyOf`.
    public var oneOfRequired: [[String]] = []
    /// Whether the tool only reads (every tool but `submit_root_causes`).
    public var readOnly = true

    public init(name: String, description: String, parameters: [ToolParam], examples: [String], oneOfRequired: [[String]] = [], readOnly: Bool = true) {
        self.name = name; self.description = description; self.parameters = parameters; self.examples = examples
        self.oneOfRequired = oneOfRequired; self.readOnly = readOnly
    }
}

extension ToolSpec {
    /// The description with option and tool names spelled for `surface` (`--changes` or `changes=true`).
    public func describe(_ surface: ToolContext.Surface) -> String { Render.spell(description, surface) }
}

extension ToolResult {
    /// Text produced with `.unspelled` as `surface` spells it.
    public static func spell(_ text: String, _ surface: ToolContext.Surface) -> String { Render.spell(text, surface) }
}

extension ToolParam {
    /// The description with option names spelled for `surface`.
    public func describe(_ surface: ToolContext.Surface) -> String { Render.spell(description, surface) }
}

/// A JSON-like argument value.
public enum ToolValue: Sendable, Equatable {
    case string(String), int(Int), double(Double), bool(Bool), list([String])
}

/// Validated arguments of one call.
public struct ToolArgs: Sendable {
    public var values: [String: ToolValue]
    public init(_ values: [String: ToolValue] = [:]) { self.values = values }

    public func string(_ k: String) -> String? {
        switch values[k] {
        case .string(let s)?: return s.isEmpty ? nil : s
        case .int(let i)?: return String(i)
        case .double(let d)?: return String(d)
        default: return nil
        }
    }
    public func int(_ k: String) -> Int? {
        switch values[k] { case .int(let i)?: return i; case .double(let d)?: return Int(exactly: d); case .string(let s)?: return Int(s); default: return nil }
    }
    public func double(_ k: String) -> Double? {
        switch values[k] { case .double(let d)?: return d; case .int(let i)?: return Double(i); case .string(let s)?: return Double(s); default: return nil }
    }
    public func bool(_ k: String) -> Bool {
        switch values[k] { case .bool(let b)?: return b; case .string(let s)?: return ["true", "1", "yes"].contains(s.lowercased()); default: return false }
    }
    /// These arguments with `k` set when `v` is given (nil, false and an empty list leave it unset).
    public func with(_ k: String, _ v: String?) -> ToolArgs { var a = self; if let v { a.values[k] = .string(v) }; return a }
    public func with(_ k: String, _ v: Int?) -> ToolArgs { var a = self; if let v { a.values[k] = .int(v) }; return a }
    public func with(_ k: String, _ v: Double?) -> ToolArgs { var a = self; if let v { a.values[k] = .double(v) }; return a }
    public func with(_ k: String, _ v: Bool) -> ToolArgs { var a = self; if v { a.values[k] = .bool(true) }; return a }
    public func with(_ k: String, _ v: [String]) -> ToolArgs { var a = self; if !v.isEmpty { a.values[k] = .list(v) }; return a }

    public func list(_ k: String) -> [String] {
        switch values[k] { case .list(let l)?: return l; case .string(let s)?: return [s]; default: return [] }
    }
}

/// The answer of a tool: text for a reader with limited context, JSON for programs (the envelope of
/// docs/INTERFACE.md), and on failure the error's stable code.
public struct ToolResult: Sendable {
    public var text: String
    /// The JSON envelope, rendered the first time it is read (a command-line call printing text never renders it).
    public var json: String { envelope.value }
    public var isError: Bool
    /// The error code when `isError` (`bad_argument`, `unknown_entity`, `timeout`, …).
    public var code: String?
    private let envelope: LazyText
    public init(text: String, json: String, isError: Bool = false, code: String? = nil) {
        self.init(text: text, isError: isError, code: code) { json }
    }
    init(text: String, isError: Bool = false, code: String? = nil, json: @escaping () -> String) {
        self.text = text; self.isError = isError; self.code = code; self.envelope = LazyText(json)
    }

    /// Text made once, on first use, from a value built when the call ran and never changed after.
    final class LazyText: @unchecked Sendable {
        private let lock = NSLock()
        private var make: (() -> String)?
        private var made: String?
        init(_ make: @escaping () -> String) { self.make = make }
        var value: String {
            lock.lock(); defer { lock.unlock() }
            if let made { return made }
            let v = make?() ?? ""
            made = v; make = nil
            return v
        }
    }
}

/// A refused or failed call: the message is shown to the caller, and the server keeps serving.
public struct ToolError: Error, CustomStringConvertible, Sendable {
    public let code: String
    public let message: String
    public init(_ code: String, _ message: String) { self.code = code; self.message = message }
    public var description: String { message }
}
