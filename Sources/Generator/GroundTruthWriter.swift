import Foundation
import Scoring

/// Writes the ground truth in the ITBench v1 flat schema (`metadata: {version: v1}`).
struct GroundTruthWriter {
    struct Group { var id: String; var kind: String; var namespace: String; var name: String?; var filter: [String]; var rootCause: Bool }
    struct Propagation { var source: String; var target: String; var condition: String; var effect: String }
    struct AlertRef { var id: String; var groupID: String; var description: String }
    struct Fault { var category: String; var condition: String; var kind: String; var name: String; var mechanism: String; var element: String?; var from: String?; var to: String? }

    var groups: [Group] = []
    var aliases: [[String]] = []
    var propagations: [Propagation] = []
    var alerts: [AlertRef] = []
    var faults: [Fault] = []
    var actions: [String] = []

    /// The ground truth in the one writer's YAML (Scoring's `GroundTruthFile.yaml`).
    func yaml() -> String {
        let gt = GroundTruth(
            schema: .v1flat, name: nil,
            groups: groups.map { .init(id: $0.id, kind: $0.kind, namespace: $0.namespace, name: $0.name, filter: $0.filter, rootCause: $0.rootCause) },
            aliases: aliases,
            propagations: propagations.map { .init(source: $0.source, target: $0.target, condition: $0.condition, effect: $0.effect) },
            alerts: alerts.map { .init(id: $0.id, groupID: $0.groupID, description: $0.description) },
            faults: faults.map { .init(category: $0.category, condition: $0.condition, mechanism: $0.mechanism, entityGroup: nil, entityKind: $0.kind,
                                       entityName: $0.name, changedElement: $0.element, changedFrom: $0.from, changedTo: $0.to) },
            actions: actions.map { .init(id: $0, steps: [$0]) })
        return GroundTruthFile.yaml(gt)
    }
}
