import Foundation
import Snapshot

/// The basket: the candidate root causes collected so far; S submits them.
final class BasketPage: PageController {
    var title: String { "Basket" }
    var help: String { "Basket: your candidate root causes. b removes the selected one, S submits the basket and shows the score." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        ([Column("CANDIDATE ROOT CAUSES (b removes, S submits)", .flex(min: 10))], app.basket.map { Row([$0], entity: $0) })
    }
}
