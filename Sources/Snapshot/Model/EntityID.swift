/// The canonical identity of an entity: `namespace/Kind/name`, or `Kind/name` when cluster-scoped.
public struct EntityID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let namespace: String?
    public let kind: String
    public let name: String

    public init(namespace: String?, kind: String, name: String) {
        let k = Kind.normalize(kind)
        self.kind = k
        self.name = name
        let ns = (namespace?.isEmpty ?? true) ? nil : namespace
        self.namespace = Kind.clusterScoped.contains(k) ? nil : ns
    }

    public var description: String {
        if let namespace { return "\(namespace)/\(kind)/\(name)" }
        return "\(kind)/\(name)"
    }

    public static func < (a: EntityID, b: EntityID) -> Bool { a.description < b.description }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        let parts = s.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 3: self = EntityID(namespace: parts[0].isEmpty ? nil : parts[0], kind: parts[1], name: parts[2])
        case 2: self = EntityID(namespace: nil, kind: parts[0], name: parts[1])
        default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an entity id: \(s)"))
        }
    }
}

/// An entity reference as a user or an agent writes it: `ns/Kind/name`, `Kind/name`, `ns/name`,
/// `name`, `kind/name` with kubectl short kinds (`deploy/cart`), any case of kind.
public struct EntityRef: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String?
    public var kind: String?
    public var name: String

    public init(namespace: String?, kind: String?, name: String) {
        self.namespace = namespace; self.kind = kind.map(Kind.normalize); self.name = name
    }

    /// The exact id when kind is known.
    public var exact: EntityID? {
        guard let kind else { return nil }
        return EntityID(namespace: namespace, kind: kind, name: name)
    }

    public var description: String {
        [namespace, kind, name].compactMap { $0 }.joined(separator: "/")
    }

    /// Parses user input. Also accepts `kind.group/name` (`deployment.apps/cart`) and `ns:Kind/name`.
    public static func parse(_ raw: String) -> EntityRef? {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ":", with: "/")
        guard !s.isEmpty, !s.contains(where: { $0.isWhitespace || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) else { return nil }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        func kindOf(_ p: String) -> String? {
            let base = p.split(separator: ".").first.map(String.init) ?? p
            return Kind.canonical(base) ?? Kind.canonical(p)
        }
        switch parts.count {
        case 1: return EntityRef(namespace: nil, kind: nil, name: parts[0])
        case 2:
            if let k = kindOf(parts[0]) { return EntityRef(namespace: nil, kind: k, name: parts[1]) }
            return EntityRef(namespace: parts[0], kind: nil, name: parts[1])
        case 3:
            let k = kindOf(parts[1]) ?? parts[1]
            return EntityRef(namespace: parts[0], kind: k, name: parts[2])
        default: return nil
        }
    }

    /// Whether `id` satisfies this reference (names compare exactly, kinds canonically, namespace if given).
    public func matches(_ id: EntityID) -> Bool {
        if let kind, kind != id.kind { return false }
        if let namespace, let ns = id.namespace, namespace != ns { return false }
        if namespace != nil && id.namespace == nil && kind == nil { return false }
        return name == id.name
    }
}

import Foundation
