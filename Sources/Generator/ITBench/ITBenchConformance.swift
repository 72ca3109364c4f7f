import Foundation
import Scoring
import Snapshot

/// How faithful a generated ITBench incident is, measured on the snapshot as triage loads it: load diagnostics, the
/// real natural answer's score, each alert the truth names firing on its entity, alerts the truth does not name, and
/// changed objects that are not root causes (the noise an investigator has to see past).
public struct ITBenchConformance: Sendable, Codable {
    public var diagnostics: [String]
    /// The truth's natural answer (one entity per root cause) scored with the snapshot, lenient profile.
    public var naturalAnswer: [String]
    public var naturalScore: Double
    /// Alerts the truth names: "id on group" for each, and those that do not fire on their entity.
    public var truthAlerts: Int
    public var truthAlertsMissing: [String]
    /// Distinct alert names that fire and the truth does not name.
    public var otherAlerts: [String]
    /// Objects whose spec or data changed and that no root-cause group names.
    public var changedNonRoot: [String]
    /// Root-cause groups no object of the snapshot satisfies.
    public var rootsMissing: [String]

    public var passes: Bool {
        diagnostics.isEmpty && naturalScore == 1 && truthAlertsMissing.isEmpty && otherAlerts.count >= 2 && !changedNonRoot.isEmpty && rootsMissing.isEmpty
    }

    /// Checks the snapshot at `path` against `truth`.
    public static func check(path: String, truth: GroundTruth) throws -> ITBenchConformance {
        let s = try Snapshot.load(path)
        let diagnostics = s.diagnostics.filter { $0.severity != .info }.map(\.description)
        let natural = Scorer(truth: truth).classes.compactMap { truth.group($0[0])?.naturalEntity }
        let score = Scorer(truth: truth).score(entities: natural, snapshot: s).score
        func single(_ g: GroundTruth.Group) -> Scorer {
            var one = g
            one.rootCause = true
            return Scorer(truth: GroundTruth(schema: .v1flat, name: "one", groups: [one]))
        }
        func matches(_ g: GroundTruth.Group, _ entity: EntityID?) -> Bool {
            guard let entity else { return false }
            if single(g).score(entities: [entity.description], snapshot: s).recall == 1 { return true }
            // A filter that drops a name's dashes (`frontendproxy\b`, scenario 61) names the workload it means.
            func bare(_ x: String) -> String { x.lowercased().replacingOccurrences(of: "-", with: "") }
            return ITBenchTruthMap.workloadKinds.contains(g.kind) && entity.kind == g.kind && bare(entity.name) == bare(ITBenchTruthMap.stem(g))
        }
        let alerts = s.alerts().filter { $0.state == "firing" || !$0.intervals.isEmpty }
        var missing: [String] = []
        for a in truth.alerts {
            let named = alerts.filter { $0.name == a.id }
            let g = a.groupID.flatMap(truth.group)
            let ok: Bool
            switch g?.kind {
            case nil: ok = !named.isEmpty
            case "Namespace"?: ok = named.contains { $0.labels["namespace"] == (g!.name ?? ITBenchTruthMap.stem(g!)) }
            case let k? where ITBenchTruthMap.workloadKinds.contains(k): ok = named.contains { matches(g!, $0.entity) }
            default: ok = named.contains { $0.labels["resource"] == ITBenchTruthMap.stem(g!) || matches(g!, $0.entity) }
            }
            if !ok { missing.append("\(a.id) on \(a.groupID ?? "(no group)")") }
        }
        let named = Set(truth.alerts.map(\.id))
        let others = Set(alerts.map(\.name)).subtracting(named).sorted()
        let roots = truth.rootCauseGroups
        let changed = s.changedObjects().map(\.entity).filter { e in !roots.contains { matches($0, e) } }.map(\.description)
        // A root is present when some object of the snapshot matches its group (the workload, its pods, the object).
        let entities = s.entities
        let rootsMissing = roots.filter { g in !entities.contains { matches(g, $0) } }.map { "\($0.id) (\($0.naturalEntity))" }
        return ITBenchConformance(diagnostics: diagnostics, naturalAnswer: natural, naturalScore: score, truthAlerts: truth.alerts.count,
                                  truthAlertsMissing: missing, otherAlerts: others, changedNonRoot: changed, rootsMissing: rootsMissing)
    }
}
