import Foundation
import Snapshot
import Yams

/// A ground truth in any of the real ITBench shapes: v1 flat, v1 wrapped (`apiVersion: itbench.io/v1`, `spec:`)
/// or v2 (`spec.entities`). Loaded only by the scorer, never through the snapshot query layer.
public struct GroundTruth: Sendable, Codable {
    public enum Schema: String, Sendable, Codable { case v1flat = "v1-flat", v1wrapped = "v1-wrapped", v2 }

    /// An entity group: a kind and namespace plus either exact `name` or name `filter` regexes.
    public struct Group: Sendable, Codable, Hashable {
        public var id: String
        public var kind: String
        public var namespace: String?
        public var name: String?
        public var filter: [String]
        public var rootCause: Bool
        public init(id: String, kind: String, namespace: String?, name: String?, filter: [String], rootCause: Bool) {
            (self.id, self.kind, self.namespace, self.name, self.filter, self.rootCause) = (id, kind, namespace, name, filter, rootCause)
        }
    }
    public struct Propagation: Sendable, Codable, Hashable {
        public var source: String
        public var target: String
        public var condition: String
        public var effect: String
        public init(source: String, target: String, condition: String, effect: String) {
            (self.source, self.target, self.condition, self.effect) = (source, target, condition, effect)
        }
    }
    public struct AlertRef: Sendable, Codable, Hashable {
        public var id: String
        public var groupID: String?
        public var description: String?
        public init(id: String, groupID: String?, description: String?) {
            (self.id, self.groupID, self.description) = (id, groupID, description)
        }
    }
    public struct Fault: Sendable, Codable, Hashable {
        public var category: String
        public var condition: String
        public var mechanism: String
        public var entityGroup: String?
        public var entityKind: String?
        public var entityName: String?
        /// What the fault changed (`changed: {element, from, to}`), when the file says.
        public var changedElement: String? = nil
        public var changedFrom: String? = nil
        public var changedTo: String? = nil
        public init(category: String, condition: String, mechanism: String, entityGroup: String?, entityKind: String?, entityName: String?,
                    changedElement: String? = nil, changedFrom: String? = nil, changedTo: String? = nil) {
            (self.category, self.condition, self.mechanism, self.entityGroup, self.entityKind, self.entityName) =
                (category, condition, mechanism, entityGroup, entityKind, entityName)
            (self.changedElement, self.changedFrom, self.changedTo) = (changedElement, changedFrom, changedTo)
        }
    }
    /// A recommended action (`recommended_actions[].solution`): its id and steps.
    public struct Action: Sendable, Codable, Hashable {
        public var id: String
        public var steps: [String]
        public init(id: String, steps: [String]) { (self.id, self.steps) = (id, steps) }
    }

    public var schema: Schema
    public var name: String?
    public var groups: [Group]
    public var aliases: [[String]]
    public var propagations: [Propagation]
    public var alerts: [AlertRef]
    public var faults: [Fault]
    /// Recommended actions, kept so a labelling save writes back what it read.
    public var actions: [Action] = []
    /// Problems that do not affect scoring (e.g. an alert naming an unknown group, as in real scenario 14).
    public var warnings: [String] = []
    /// The file it was read from, when it was read from a file.
    public var source: String?

    public init(schema: Schema, name: String?, groups: [Group], aliases: [[String]], propagations: [Propagation], alerts: [AlertRef],
                faults: [Fault], actions: [Action] = [], warnings: [String] = [], source: String? = nil) {
        (self.schema, self.name, self.groups, self.aliases, self.propagations, self.alerts) = (schema, name, groups, aliases, propagations, alerts)
        (self.faults, self.actions, self.warnings, self.source) = (faults, actions, warnings, source)
    }

    /// `v1` (flat or wrapped: groups, aliases, propagations) or `v2` (`spec.entities`).
    public var version: String { schema == .v2 ? "v2" : "v1" }

    public var rootCauseGroups: [Group] { groups.filter(\.rootCause) }
    /// An empty file that names no entity at all (real scenario 37's `groundtruth.yaml`: `entities: []`): a
    /// placeholder, never a task whose answer is "nothing". `GroundTruthChoice` uses the other version instead.
    public var isPlaceholder: Bool { groups.isEmpty }
    public func group(_ id: String) -> Group? { groups.first { $0.id == id } }

    /// Errors name the file and the field at fault.
    public struct LoadError: Error, CustomStringConvertible {
        public let file: String
        public let field: String
        public let reason: String
        public var description: String { "\(file): \(field): \(reason)" }
    }

    /// `strict`: a reference to an unknown group id is an error; otherwise it is kept as a warning
    /// (real ITBench files have such references, e.g. scenario 14's alerts and scenario 25's propagations).
    public static func load(path: String, strict: Bool = false) throws -> GroundTruth {
        let name = InputFile.displayName(path)
        let data: Data
        do { data = try InputFile.read(path) } catch { throw LoadError(file: name, field: "-", reason: "cannot read: \(error)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(file: name, field: "-", reason: "not UTF-8 text")
        }
        var gt = try parse(text, file: name, strict: strict)
        gt.source = name
        return gt
    }

    /// A task's ground truth from a file or from YAML embedded in a dataset file.
    public static func load(_ source: TruthSource, strict: Bool = false) throws -> GroundTruth {
        switch source {
        case .file(let p): return try load(path: p, strict: strict)
        case .embedded(let text, let origin):
            var gt = try parse(text, file: origin, strict: strict)
            gt.source = origin
            return gt
        }
    }

    /// Whether a filter is run as a regex: valid, and without nested repetition (which could backtrack without limit).
    /// A filter that is not usable matches only the name its group id carries (rule 6).
    public static func isUsableFilter(_ f: String) -> Bool {
        (try? BudgetRegex(f)) != nil && RegexSafety.nestedRepetition(in: f) == nil
    }

    /// The object name a group id spells out, for a group whose filter cannot be used: `accounting-horizontal-pod-autoscaler-1`
    /// of kind HorizontalPodAutoscaler → `accounting` (a trailing number, then the kind in any spelling, are removed).
    public static func nameCarried(byGroupID id: String, kind: String) -> String? {
        var s = id.lowercased()
        if let r = s.range(of: "-[0-9]+$", options: .regularExpression) { s.removeSubrange(r) }
        for k in Kind.spellings(of: kind).sorted(by: { $0.count > $1.count }) where s.hasSuffix("-" + k) {
            s.removeLast(k.count + 1)
            break
        }
        return s.isEmpty || Kind.spellings(of: kind).contains(s) ? nil : s
    }

    public static func parse(_ text: String, file: String = "<input>", strict: Bool = false) throws -> GroundTruth {
        var warnings: [String] = []
        func problem(_ field: String, _ reason: String) throws {
            if strict { throw LoadError(file: file, field: field, reason: reason) }
            warnings.append("\(file): \(field): \(reason)")
        }
        let any: Any?
        // The basic resolver keeps every scalar a string: no per-scalar regex tag resolution (3× faster on real files).
        do { any = try BoundedYAML.load(text) } catch let e as BoundedYAML.TooLarge {
            throw LoadError(file: file, field: "-", reason: "YAML \(e)")
        } catch {
            throw LoadError(file: file, field: "-", reason: "YAML syntax: \(error)")
        }
        guard let root = any as? [String: Any] else { throw LoadError(file: file, field: "(root)", reason: "expected a mapping") }
        let api = root["apiVersion"] as? String
        let body = (root["spec"] as? [String: Any]) ?? root
        let name = (root["metadata"] as? [String: Any])?["name"] as? String
        func str(_ d: [String: Any], _ k: String) -> String? {
            if let s = d[k] as? String { return s }
            if let v = d[k], !(v is [Any]), !(v is [String: Any]) { return "\(v)" }
            return nil
        }
        if api == "itbench.io/v2" || (body["entities"] != nil && body["groups"] == nil) {
            guard let ents = body["entities"] as? [Any] else { throw LoadError(file: file, field: "spec.entities", reason: "expected a list") }
            var groups: [Group] = []
            for (i, e) in ents.enumerated() {
                guard let d = e as? [String: Any], let kind = d["kind"] as? String,
                      let meta = d["metadata"] as? [String: Any], let n = meta["name"] as? String else {
                    throw LoadError(file: file, field: "spec.entities[\(i)]", reason: "needs kind and metadata.name")
                }
                groups.append(Group(id: "entity-\(i + 1)", kind: Kind.normalize(kind), namespace: meta["namespace"] as? String,
                                    name: n, filter: [], rootCause: true))
            }
            let alerts = ((body["alerts"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any]).flatMap { str($0, "name") } }
                .map { AlertRef(id: $0, groupID: nil, description: nil) }
            return GroundTruth(schema: .v2, name: name, groups: groups, aliases: [], propagations: [], alerts: alerts, faults: [])
        }
        guard let rawGroups = body["groups"] as? [Any] else {
            throw LoadError(file: file, field: root["spec"] != nil ? "spec.groups" : "groups", reason: "missing or not a list")
        }
        let prefix = root["spec"] != nil ? "spec." : ""
        var groups: [Group] = []
        for (i, g) in rawGroups.enumerated() {
            guard let d = g as? [String: Any] else { throw LoadError(file: file, field: "\(prefix)groups[\(i)]", reason: "expected a mapping") }
            guard let id = str(d, "id") else { throw LoadError(file: file, field: "\(prefix)groups[\(i)].id", reason: "missing") }
            guard let kind = str(d, "kind") else { throw LoadError(file: file, field: "\(prefix)groups[\(i)].kind", reason: "missing") }
            let filter = ((d["filter"] as? [Any]) ?? []).map { "\($0)" }
            let nm = str(d, "name")
            for f in filter {
                let why: String
                if (try? BudgetRegex(f)) == nil { why = "is not a valid regex" }   // ICU directly: Foundation leaks on an invalid pattern
                else if RegexSafety.nestedRepetition(in: f) != nil { why = "nests repetitions (like (a+)+) and could backtrack without limit" }
                else { continue }
                let fallback = Self.nameCarried(byGroupID: id, kind: kind).map { "matching the name '\($0)' carried by the group id instead" }
                    ?? "the group matches nothing (its id carries no name)"
                warnings.append("\(file): \(prefix)groups[\(i)] (\(id)): filter '\(f)' \(why); \(fallback)")
            }
            if filter.isEmpty && nm == nil {
                throw LoadError(file: file, field: "\(prefix)groups[\(i)] (\(id))", reason: "needs `name` or `filter`")
            }
            groups.append(Group(id: id, kind: Kind.normalize(kind), namespace: str(d, "namespace"), name: nm, filter: filter,
                                rootCause: ["true", "yes", "on"].contains((str(d, "root_cause") ?? "").lowercased())))
        }
        let ids = Set(groups.map(\.id))
        var aliases: [[String]] = []
        for (i, a) in ((body["aliases"] as? [Any]) ?? []).enumerated() {
            guard let list = a as? [Any] else { throw LoadError(file: file, field: "\(prefix)aliases[\(i)]", reason: "expected a list of group ids") }
            let members = list.map { "\($0)" }
            for m in members where !ids.contains(m) {
                try problem("\(prefix)aliases[\(i)]", "unknown group id '\(m)'")
            }
            // An empty set (scenario 47: `aliases: [[]]`) relates nothing: dropped, so a save writes what counts.
            if members.isEmpty { continue }
            aliases.append(members)
        }
        var props: [Propagation] = []
        for (i, p) in ((body["propagations"] as? [Any]) ?? []).enumerated() {
            guard let d = p as? [String: Any], let s = str(d, "source"), let t = str(d, "target") else {
                throw LoadError(file: file, field: "\(prefix)propagations[\(i)]", reason: "needs source and target")
            }
            for (f, v) in [("source", s), ("target", t)] where !ids.contains(v) {
                try problem("\(prefix)propagations[\(i)].\(f)", "unknown group id '\(v)'")
            }
            props.append(Propagation(source: s, target: t, condition: str(d, "condition") ?? "", effect: str(d, "effect") ?? ""))
        }
        var alerts: [AlertRef] = []
        for (i, a) in ((body["alerts"] as? [Any]) ?? []).enumerated() {
            guard let d = a as? [String: Any], let id = str(d, "id") ?? str(d, "name") else {
                throw LoadError(file: file, field: "\(prefix)alerts[\(i)]", reason: "needs id")
            }
            let gid = str(d, "group_id")
            if let gid, !ids.contains(gid) {
                try problem("\(prefix)alerts[\(i)].group_id", "unknown group id '\(gid)'")
            }
            alerts.append(AlertRef(id: id, groupID: gid, description: (d["metadata"] as? [String: Any]).flatMap { str($0, "description") }))
        }
        var faults: [Fault] = []
        for f in (body["fault"] as? [Any]) ?? [] {
            guard let d = f as? [String: Any] else { continue }
            let e = d["entity"] as? [String: Any] ?? [:]
            let c = d["changed"] as? [String: Any] ?? [:]
            faults.append(Fault(category: str(d, "category") ?? "", condition: str(d, "condition") ?? "",
                                mechanism: str(d, "fault_mechanism") ?? "", entityGroup: str(e, "group_id"),
                                entityKind: str(e, "kind"), entityName: str(e, "name"),
                                changedElement: str(c, "element"), changedFrom: str(c, "from"), changedTo: str(c, "to")))
        }
        var actions: [Action] = []
        for a in (body["recommended_actions"] as? [Any]) ?? [] {
            guard let sol = (a as? [String: Any])?["solution"] as? [String: Any] else { continue }
            actions.append(Action(id: str(sol, "id") ?? "", steps: ((sol["actions"] as? [Any]) ?? []).map { "\($0)" }))
        }
        return GroundTruth(schema: api == nil ? .v1flat : .v1wrapped, name: name, groups: groups, aliases: aliases,
                           propagations: props, alerts: alerts, faults: faults, actions: actions, warnings: warnings)
    }
}
