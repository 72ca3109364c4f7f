import Foundation
import Snapshot
import Yams

/// Writes a ground truth in the ITBench v1 flat schema, atomically (temp file + rename, the previous file kept as
/// `<name>.bak`), after validating it. v2 files are written as v1 (one root group per entity).
public enum GroundTruthFile {
    public struct ValidationError: Error, CustomStringConvertible {
        public let problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// The YAML text (stable key order; every scalar single-quoted, so ids, names and regexes read back as written).
    /// The one ground-truth writer: labelling saves and the snapshot generator both use it.
    public static func yaml(_ gt: GroundTruth) -> String {
        func q(_ s: String) -> String {
            if s.contains("\n") { return Format.jsonQuote(s) }
            return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        }
        var y = "---\n"
        y += "alerts:\n" + (gt.alerts.isEmpty ? "  []\n" : "")
        for a in gt.alerts {
            y += "  - " + (a.groupID.map { "group_id: \(q($0))\n    " } ?? "") + "id: \(q(a.id))\n"
            if let d = a.description { y += "    metadata:\n      description: \(q(d))\n" }
        }
        if !gt.aliases.isEmpty {
            y += "aliases:\n"
            for a in gt.aliases { y += "  - [" + a.map(q).joined(separator: ", ") + "]\n" }
        }
        if !gt.faults.isEmpty {
            y += "fault:\n"
            for f in gt.faults {
                y += "  - category: \(q(f.category))\n    condition: \(q(f.condition))\n"
                if let e = f.changedElement {
                    y += "    changed:\n      element: \(q(e))\n      from: \(q(f.changedFrom ?? ""))\n      to: \(q(f.changedTo ?? ""))\n"
                }
                y += "    entity:\n" + (f.entityGroup.map { "      group_id: \(q($0))\n" } ?? "") + "      kind: \(q(f.entityKind ?? ""))\n      name: \(q(f.entityName ?? ""))\n"
                y += "    fault_mechanism: \(q(f.mechanism))\n"
            }
        }
        y += "groups:\n"
        for g in gt.groups {
            y += "  - id: \(q(g.id))\n    kind: \(q(g.kind))\n"
            if let ns = g.namespace { y += "    namespace: \(q(ns))\n" }
            if let n = g.name { y += "    name: \(q(n))\n" }
            if !g.filter.isEmpty { y += "    filter:\n" + g.filter.map { "      - \(q($0))\n" }.joined() }
            if g.rootCause { y += "    root_cause: true\n" }
        }
        y += "metadata:\n  version: v1\n"
        y += "propagations:\n" + (gt.propagations.isEmpty ? "  []\n" : "")
        for p in gt.propagations {
            y += "  - source: \(q(p.source))\n    target: \(q(p.target))\n    condition: \(q(p.condition))\n    effect: \(q(p.effect))\n"
        }
        if !gt.actions.isEmpty {
            y += "recommended_actions:\n"
            for a in gt.actions { y += "  - solution:\n      actions:\n" + a.steps.map { "        - \(q($0))\n" }.joined() + "      id: \(q(a.id))\n" }
        }
        return y
    }

    /// Problems that make a ground truth unusable: no root cause, unknown ids, and (with a snapshot) root causes
    /// that match nothing in it.
    public static func validate(_ gt: GroundTruth, snapshot: Snapshot? = nil) -> [String] {
        var problems: [String] = []
        if gt.rootCauseGroups.isEmpty { problems.append("no group has root_cause: true") }
        let ids = Set(gt.groups.map(\.id))
        // Duplicate ids occur in real files (and are kept as written); references must still resolve.
        for (i, a) in gt.aliases.enumerated() { for m in a where !ids.contains(m) { problems.append("aliases[\(i)]: unknown group id '\(m)'") } }
        for (i, p) in gt.propagations.enumerated() {
            for v in [p.source, p.target] where !ids.contains(v) { problems.append("propagations[\(i)]: unknown group id '\(v)'") }
        }
        for (i, a) in gt.alerts.enumerated() { if let g = a.groupID, !ids.contains(g) { problems.append("alerts[\(i)].group_id: unknown group id '\(g)'") } }
        if let s = snapshot {
            for g in gt.groups where g.rootCause {
                let m = GroupMatcher(g)
                let hits = s.entities.filter { m.match(EntityRef(namespace: $0.namespace, kind: $0.kind, name: $0.name), profile: .lenient) != nil }
                if hits.isEmpty { problems.append("root cause \(g.id) (\(g.kind) \(g.name ?? g.filter.joined(separator: " "))) matches nothing in the snapshot") }
            }
        }
        return problems
    }

    /// Entities of the snapshot a group would match (live preview while labelling).
    public static func preview(_ g: GroundTruth.Group, in s: Snapshot) -> [EntityID] {
        let m = GroupMatcher(g)
        return s.entities.filter { m.match(EntityRef(namespace: $0.namespace, kind: $0.kind, name: $0.name), profile: .strict) != nil }
    }

    /// Drops references to unknown group ids (real files have some: scenario 14's alerts, 25's propagations).
    /// They never affect scoring. Returns the repaired ground truth and what was dropped.
    public static func repairDangling(_ gt: GroundTruth) -> (GroundTruth, [String]) {
        var g = gt
        let ids = Set(gt.groups.map(\.id))
        var notes: [String] = []
        g.aliases = gt.aliases.map { a in
            let kept = a.filter { ids.contains($0) }
            if kept.count != a.count { notes.append("alias set \(a): dropped unknown ids") }
            return kept
        }.filter { !$0.isEmpty }
        g.propagations = gt.propagations.filter { p in
            let ok = ids.contains(p.source) && ids.contains(p.target)
            if !ok { notes.append("propagation \(p.source) → \(p.target): dropped (unknown id)") }
            return ok
        }
        g.alerts = gt.alerts.map { a in
            var a = a
            if let gid = a.groupID, !ids.contains(gid) { notes.append("alert \(a.id): group_id '\(gid)' unknown, unlinked"); a.groupID = nil }
            return a
        }
        return (g, notes)
    }

    /// Validates, then writes atomically, keeping the previous file as `.bak`.
    public static func save(_ gt: GroundTruth, to path: String, snapshot: Snapshot? = nil) throws {
        let problems = validate(gt, snapshot: snapshot)
        if !problems.isEmpty { throw ValidationError(problems: problems) }
        let text = yaml(gt)
        // Never write what we cannot read back.
        _ = try GroundTruth.parse(text, file: path, strict: true)
        // Hidden temporary, flushed, renamed; the previous file kept as .bak (never listed to agents).
        try AtomicFile.write(Data(text.utf8), to: path, backup: true)
    }

}
