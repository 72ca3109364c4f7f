import Foundation
import Scoring
import Snapshot

/// Hand-labelling a ground truth in the TUI: root causes, aliases, propagations, explained alerts and regex groups,
/// saved in the ITBench v1 schema.
public final class LabelSession {
    public private(set) var truth: GroundTruth
    public let path: String
    /// The group the next alias or propagation attaches to.
    public private(set) var anchor: String?

    /// What was repaired when an existing file opened (references to unknown group ids are dropped; they never score).
    public private(set) var notes: [String] = []

    public init(path: String, existing: GroundTruth?) {
        self.path = path
        (truth, notes) = existing.map(GroundTruthFile.repairDangling) ?? (GroundTruth(), [])
        anchor = truth.rootCauseGroups.last?.id
    }

    static func groupID(_ e: EntityID) -> String {
        "\(e.name)-\(e.kind.lowercased())".replacingOccurrences(of: "[^a-z0-9-]", with: "-", options: .regularExpression)
    }

    /// The group for an entity (exact name), created when missing.
    @discardableResult
    func group(for e: EntityID, root: Bool = false) -> String {
        if let i = truth.groups.firstIndex(where: { $0.kind == e.kind && $0.name == e.name && $0.namespace == e.namespace }) {
            if root { truth.groups[i].rootCause = true }
            return truth.groups[i].id
        }
        var id = Self.groupID(e)
        var n = 2
        while truth.groups.contains(where: { $0.id == id }) { id = Self.groupID(e) + "-\(n)"; n += 1 }
        truth.groups.append(.init(id: id, kind: e.kind, namespace: e.namespace, name: e.name, filter: [], rootCause: root))
        return id
    }

    /// Marks (or unmarks) an entity as a root cause.
    public func toggleRoot(_ e: EntityID) -> String {
        if let i = truth.groups.firstIndex(where: { $0.kind == e.kind && $0.name == e.name && $0.namespace == e.namespace }), truth.groups[i].rootCause {
            truth.groups[i].rootCause = false
            return "\(e) is no longer a root cause"
        }
        anchor = group(for: e, root: true)
        return "\(e) marked as a root cause (group \(anchor!))"
    }

    /// Makes an entity an alias of the anchor group (the same semantic entity).
    public func alias(_ e: EntityID) -> String {
        guard let a = anchor else { return "mark a root cause first (m)" }
        let g = group(for: e)
        if g == a { return "\(e) is the anchor group \(a) itself: focus another entity to alias it" }
        if let i = truth.aliases.firstIndex(where: { $0.contains(a) }) {
            if !truth.aliases[i].contains(g) { truth.aliases[i].append(g) }
        } else { truth.aliases.append([a, g]) }
        return "\(e) is an alias of \(a)"
    }

    /// A propagation edge from the anchor to an entity; the entity becomes the next anchor (to chain).
    public func propagate(to e: EntityID, condition: String, effect: String) -> String {
        guard let a = anchor else { return "mark a root cause first (m)" }
        let g = group(for: e)
        truth.propagations.append(.init(source: a, target: g, condition: condition, effect: effect))
        anchor = g
        return "propagation \(a) → \(g)"
    }

    public func alert(_ name: String, on e: EntityID) -> String {
        let g = group(for: e)
        truth.alerts.append(.init(id: name, groupID: g, description: nil))
        return "alert \(name) explained by \(g)"
    }

    /// A regex group; returns it with the snapshot entities it matches (live preview).
    public func filterGroup(kind: String, namespace: String?, regex: String, root: Bool, snapshot: Snapshot) -> String {
        let k = Kind.normalize(kind)
        var id = "\(k.lowercased())-\(truth.groups.count + 1)"
        while truth.groups.contains(where: { $0.id == id }) { id += "x" }
        let g = GroundTruth.Group(id: id, kind: k, namespace: namespace, name: nil, filter: [regex], rootCause: root)
        let hits = GroundTruthFile.preview(g, in: snapshot)
        truth.groups.append(g)
        if root { anchor = id }
        return "group \(id) /\(regex)/ matches \(hits.count): " + hits.prefix(4).map(\.name).joined(separator: ", ") + (hits.count > 4 ? ", …" : "")
    }

    /// Removes a group and every alias, propagation and alert that refers to it.
    public func drop(_ id: String) -> String {
        guard truth.groups.contains(where: { $0.id == id }) else {
            return "no group '\(id)'; groups: " + truth.groups.map(\.id).joined(separator: ", ")
        }
        truth.groups.removeAll { $0.id == id }
        truth.aliases = truth.aliases.map { $0.filter { $0 != id } }.filter { $0.count > 1 }
        truth.propagations.removeAll { $0.source == id || $0.target == id }
        truth.alerts.removeAll { $0.groupID == id }
        if anchor == id { anchor = truth.rootCauseGroups.last?.id }
        return "dropped group \(id) and its references"
    }

    public func save(snapshot: Snapshot) -> String {
        do {
            try GroundTruthFile.save(truth, to: path, snapshot: snapshot)
            return "saved \(path) (\(truth.groups.count) groups, \(truth.rootCauseGroups.count) root causes)"
        } catch { return "not saved: \(error)" }
    }

    /// Lines for the ground-truth page.
    func lines(snapshot: Snapshot) -> [(String, Role)] {
        var out: [(String, Role)] = [("Ground truth → \(path)   (m root cause · A alias · :prop COND | EFFECT · :alert NAME · :group KIND NS REGEX · :drop ID · :save)", .header)]
        for g in truth.groups {
            if !g.rootCause, GroundTruthFile.preview(g, in: snapshot).isEmpty {
                out.append(("⚠ group \(g.id) matches nothing in this snapshot (:drop \(g.id) removes it)", .warn))
            }
            out.append(("\(g.rootCause ? "★ root " : "  group") \(g.id): \(g.kind) \(g.namespace ?? "-")/\(g.name ?? "/" + g.filter.joined(separator: " ") + "/")", g.rootCause ? .bad : .normal))
        }
        for n in notes { out.append(("note: \(n)", .dim)) }
        for a in truth.aliases { out.append(("  aliases: " + a.joined(separator: " = "), .accent)) }
        for p in truth.propagations { out.append(("  \(p.source) → \(p.target): \(p.condition) ⇒ \(p.effect)", .warn)) }
        for a in truth.alerts { out.append(("  alert \(a.id) on \(a.groupID ?? "-")", .info)) }
        let problems = GroundTruthFile.validate(truth, snapshot: snapshot)
        out.append((problems.isEmpty ? "✔ valid" : "✘ " + problems.joined(separator: "; "), problems.isEmpty ? .good : .bad))
        return out
    }
}
