import Foundation
import Snapshot

/// The ground truth being labelled (`:gt` in label mode), validated as it is edited.
final class GroundTruthPage: PageController {
    var title: String { "Ground truth" }
    var help: String { "Ground truth: the file being labelled, validated live. :save writes it (ITBench v1, the previous file kept as .bak)." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        ([Column("LABEL", .flex(min: 10))], (app.labelling?.lines(snapshot: app.snapshot) ?? [("not labelling", .dim)]).map { Row([$0.0], role: $0.1) })
    }
}
