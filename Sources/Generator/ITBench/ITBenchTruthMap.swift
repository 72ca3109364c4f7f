import Foundation
import Scoring
import Snapshot

/// The ground truth read against the generated application: which workload each group stands for, how far each is
/// from a root cause along the truth's propagations, and the name an object must have to satisfy a group.
struct ITBenchTruthMap {
    let truth: GroundTruth
    var app: AppDefinition
    /// Group id → propagation depth from the nearest root (roots 0; groups reached by no propagation 1).
    private(set) var depth: [String: Int] = [:]

    static let workloadKinds: Set<String> = ["Service", "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"]

    init(truth: GroundTruth, app: AppDefinition) {
        self.truth = truth
        self.app = app
        var queue = truth.groups.filter(\.rootCause).map(\.id)
        for id in queue { depth[id] = 0 }
        while !queue.isEmpty {
            let id = queue.removeFirst()
            for p in truth.propagations where p.source == id && depth[p.target] == nil {
                depth[p.target] = depth[id]! + 1
                queue.append(p.target)
            }
        }
        // Aliases share a depth.
        for set in truth.aliases { if let d = set.compactMap({ depth[$0] }).min() { for id in set where depth[id] == nil { depth[id] = d } } }
        // Groups a workload of the application must exist for: added as generic workloads when the model lacks them.
        let missing = truth.groups.filter { Self.workloadKinds.contains($0.kind) && ($0.namespace ?? app.namespace) == app.namespace }
            .compactMap { g -> String? in let n = Self.stem(g); return resolve(n) == nil && Self.plainName(n) ? n : nil }
        self.app = app.adding(Array(Set(missing)).sorted())
    }

    /// The name a group naturally names (its `name`, or its filter without wildcards and anchors).
    static func stem(_ g: GroundTruth.Group) -> String {
        String(g.naturalEntity.split(separator: "/").last ?? "")
    }

    static func plainName(_ n: String) -> Bool {
        !n.isEmpty && n.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." } && n.first!.isLetter
    }

    /// The workload a name stands for: itself, the workload behind a shared Service (`reviews`), or a `-service` spelling.
    func resolve(_ name: String) -> String? {
        let n = name.lowercased()
        if app.services.contains(where: { $0.name == n }) { return n }
        if let s = app.services.first(where: { $0.sharedService == n }) { return s.name }
        for suffix in ["-service", "service"] where n.hasSuffix(suffix) {
            let base = String(n.dropLast(suffix.count))
            if let w = resolve(base) { return w }
        }
        if let s = app.services.first(where: { $0.name.replacingOccurrences(of: "-", with: "") == n.replacingOccurrences(of: "-", with: "") }) { return s.name }
        return nil
    }

    /// The workload a group stands for, when it is one of the application's.
    func workload(of g: GroundTruth.Group) -> String? {
        guard Self.workloadKinds.contains(g.kind), (g.namespace ?? app.namespace) == app.namespace else { return nil }
        return resolve(Self.stem(g))
    }

    /// The group an alert is attached to: by id, else the group its id names (`checkout-service` for `checkout-service-1`).
    func group(forAlert id: String?) -> GroundTruth.Group? {
        guard let id else { return nil }
        if let g = truth.group(id) { return g }
        if let n = GroundTruth.nameCarried(byGroupID: id, kind: "Service"), resolve(n) != nil {
            return GroundTruth.Group(id: id, kind: "Service", namespace: app.namespace, name: resolve(n) == n ? n : (app.services.first { $0.name == resolve(n) }?.sharedService ?? resolve(n)), filter: [], rootCause: false)
        }
        return nil
    }

    /// Whether `name` satisfies the group (its exact name, or its filters read as anchored regular expressions).
    static func accepts(_ g: GroundTruth.Group, _ name: String) -> Bool {
        if let n = g.name { return n.lowercased() == name.lowercased() }
        return g.filter.contains { f in
            guard GroundTruth.isUsableFilter(f), let rx = try? NSRegularExpression(pattern: "^(?:\(f))$", options: [.caseInsensitive]) else { return false }
            return rx.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
    }

    /// The first candidate name the group accepts, or nil.
    static func name(for g: GroundTruth.Group, among candidates: [String]) -> String? { candidates.first { accepts(g, $0) } }
}
