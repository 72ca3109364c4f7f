import Foundation
import Snapshot

/// The Events view: Kubernetes events newest first, warnings marked; narrowed by replay to what an agent asked for;
/// `:by FIELD` counts them per field.
final class EventsPage: GroupedList {
    var groupBy: GroupField?
    var groupFields: [GroupField] { GroupField.forEvents }
    var countsEvents: Bool { true }
    var title: String { ViewID.events.title }
    var help: String { "Events: Kubernetes events, newest first, warnings marked ⚠. d reads one whole; :by reason counts them." }
    var sortNames: [String] { ["time", "name", "entity"] }
    var stateKey: String { groupKey }

    func open(_ row: Row, _ app: AppState) { openGrouped(row, app) }

    func table(_ app: AppState) -> PageTable {
        if let by = groupBy { return groupTable(by, app) }
        let scope = app.views[app.page]?.scope
        var evs = app.snapshot.events(EventFilter(entity: scope?.entity, reason: scope?.reason, type: scope?.type, window: app.timeWindow, hideNoise: app.hideNoise))
        switch app.sortIndex % 3 {
        case 1: evs.sort { $0.reason < $1.reason }
        case 2: evs.sort { $0.entity < $1.entity }
        default: evs.reverse()
        }
        return ([Column("LAST", .fixed(8)), Column("TYPE", .fixed(9)), Column("REASON", .fixed(18)), Column("OBJECT", .flex(min: 14)),
                 Column("×", .fixed(4), right: true), Column("MESSAGE", .flex(min: 10))],
                evs.map { e in Row([AppState.t(e.lastTime), (e.isWarning ? "⚠ " : "  ") + e.type, e.reason, e.entity.description, "\(e.count)",
                                    e.message.replacingOccurrences(of: "\n", with: " ")],
                                   role: e.isWarning ? (Noise.isBackground(e.entity) ? .dim : .warn) : .normal,
                                   entity: e.entity.description, time: e.lastTime, detail: "event:\(e.namespace)/\(e.name)") })
    }
}
