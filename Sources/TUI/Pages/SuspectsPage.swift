import Foundation
import Snapshot

/// The deterministic baseline ranking (`:suspects`) with its evidence; hidden in practice sessions.
final class SuspectsPage: PageController {
    var title: String { "Suspects" }
    var help: String { "Suspects: a baseline ranking with its evidence, not an answer. Enter opens a suspect, b adds it to the basket." }

    func table(_ app: AppState) -> PageTable {
        guard app.practice == nil else { return errorTable("suspects are hidden in practice sessions") }
        app.message = "a baseline, not an answer: verify each suspect before adding it"
        return ([Column("#", .fixed(2), right: true), Column("SCORE", .fixed(5), right: true), Column("SUSPECT", .flex(min: 24)), Column("EVIDENCE", .flex(min: 20))],
                app.snapshot.suspects(limit: 10).map { s in
                    Row(["\(s.rank)", String(format: "%.1f", s.score), s.entity, s.evidence.joined(separator: " | ")],
                        role: s.rank == 1 ? .warn : .normal, entity: s.entity, key: s.entity)
                })
    }
}
