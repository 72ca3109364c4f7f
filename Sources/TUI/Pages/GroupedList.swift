import Foundation
import Snapshot

/// A list that `:by FIELD` turns into counts per field (Alerts and Events): Enter on a group lists its members.
protocol GroupedList: PageController {
    var groupBy: GroupField? { get set }
    /// The fields this list can be counted by.
    var groupFields: [GroupField] { get }
    var countsEvents: Bool { get }
}

extension GroupedList {
    var groupKey: String { groupBy?.rawValue ?? "" }

    /// `:by FIELD` (none: list every row again).
    func group(_ arg: String, _ app: AppState) {
        if arg.isEmpty { groupBy = nil; app.invalidate(); app.message = "listing every row again"; return }
        guard let f = GroupField(rawValue: arg.lowercased()), groupFields.contains(f) else {
            app.message = ":by takes one of \(groupFields.map(\.rawValue).joined(separator: ", ")) here"; return
        }
        groupBy = f
        app.resetCursor()
        app.invalidate()
        app.message = "counted per \(f.rawValue); Enter lists a group, :by lists every row"
    }

    /// The counts per field, from the query layer.
    func groupTable(_ f: GroupField, _ app: AppState) -> PageTable {
        let s = app.snapshot
        let groups: [GroupCount]
        do {
            groups = countsEvents ? try s.groupEvents(EventFilter(window: app.timeWindow, hideNoise: app.hideNoise), by: f)
                : try s.groupAlerts(AlertFilter(window: app.timeWindow, hideNoise: app.hideNoise), by: f)
        } catch { return errorTable("\(error)") }
        let entityKeyed = f == .entity
        return ([Column(f.rawValue.uppercased(), .flex(min: 16)), Column(countsEvents ? "EVENTS" : "ALERTS", .fixed(7), right: true),
                 Column(countsEvents ? "WARN" : "FIRING", .fixed(6), right: true), Column("ENTITIES", .fixed(8), right: true),
                 Column("FIRST", .fixed(8)), Column("LAST", .fixed(8))],
                groups.map { g in
                    Row([g.key, Format.count(g.count), Format.count(g.warnings), Format.count(g.entities), AppState.t(g.first), AppState.t(g.last)],
                        role: g.warnings > 0 ? .warn : .normal, entity: entityKeyed && g.key != "-" ? g.key : nil, key: g.key, time: g.first)
                })
    }

    /// Enter on a row: a group lists its members (the list filtered by the group's key); a member opens its entity.
    func openGrouped(_ r: Row, _ app: AppState) {
        guard groupBy != nil else { if let e = r.entity { app.go(.entity(e)) }; return }
        guard let key = r.key, let field = groupBy else { return }
        groupBy = nil
        // The group's members are the rows whose field is the key (a reason or type as a scope, an entity as one):
        // a text filter would also list rows that merely mention it ("Created pod" under the reason Created).
        var view = app.views[app.page, default: PageViewState()]
        switch field {
        case .reason where countsEvents && key != "-": view.scope = ViewScope(reason: key); view.filter = nil
        case .type where countsEvents && key != "-": view.scope = ViewScope(type: key); view.filter = nil
        default: view.filter = key == "-" ? nil : key
        }
        app.views[app.page] = view
        app.resetCursor()
        app.invalidate()
        app.message = "rows of \(key) (Esc clears it)"
    }
}
