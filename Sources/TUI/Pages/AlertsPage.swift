import Foundation
import Snapshot

/// The Alerts view: every alert with its state, severity, entity, and whether it is benchmark noise or was firing
/// before the incident; `:by FIELD` counts them per field.
final class AlertsPage: GroupedList {
    var groupBy: GroupField?
    var groupFields: [GroupField] { GroupField.forAlerts }
    var countsEvents: Bool { false }
    var title: String { ViewID.alerts.title }
    var help: String { "Alerts: firing (red), pending, pre-existing and noise (dim). t narrows every view to an alert's time; :by name counts them." }
    var sortNames: [String] { ["time", "name", "entity"] }
    var stateKey: String { groupKey }

    func open(_ row: Row, _ app: AppState) { openGrouped(row, app) }

    func table(_ app: AppState) -> PageTable {
        if let by = groupBy { return groupTable(by, app) }
        let s = app.snapshot
        var alerts = s.alerts(AlertFilter(window: app.timeWindow, hideNoise: app.hideNoise))
        switch app.sortIndex % 3 {
        case 1: alerts.sort { $0.name < $1.name }
        case 2: alerts.sort { ($0.entity?.description ?? "") < ($1.entity?.description ?? "") }
        default: break
        }
        return ([Column("ACTIVE", .fixed(8)), Column("STATE", .fixed(9)), Column("SEVERITY", .fixed(8)), Column("ALERT", .flex(min: 12)),
                 Column("ENTITY", .flex(min: 12)), Column("NOTE", .fixed(12))],
                alerts.map { a in
                    let noise = s.isNoise(a), pre = s.wasPreexisting(a)
                    let role: Role = noise ? .dim : a.state == "firing" ? (pre ? .warn : .bad) : .warn
                    return Row([AppState.t(a.activeAt ?? a.firstSeen), (a.state == "firing" ? "● " : "◐ ") + a.state, a.severity, a.name,
                                a.entity?.description ?? "-", noise ? "noise" : pre ? "pre-existing" : ""],
                               role: role, entity: a.entity?.description, key: a.fingerprint, time: a.activeAt ?? a.firstSeen, detail: "alert:" + a.fingerprint)
                })
    }
}
