import Foundation

/// What alerts and events can be grouped by.
public enum GroupField: String, CaseIterable, Sendable {
    case name, reason, entity, namespace, kind, type, severity, state

    public static let forAlerts: [GroupField] = [.name, .entity, .namespace, .kind, .severity, .state]
    public static let forEvents: [GroupField] = [.reason, .entity, .namespace, .kind, .type]
}

/// One group: its key, how many alerts or events fall in it (and, for events, how often they occurred), how many
/// distinct entities, and when the first and the last were seen.
public struct GroupCount: Sendable, Codable, Equatable {
    public var key: String
    public var count: Int
    public var occurrences: Int
    public var entities: Int
    public var warnings: Int
    public var first: Nanos
    public var last: Nanos
}

extension Snapshot {
    /// Alerts of `filter` grouped by `field` (name, entity, namespace, kind, severity, state), biggest first.
    public func groupAlerts(_ filter: AlertFilter, by field: GroupField) throws -> [GroupCount] {
        guard GroupField.forAlerts.contains(field) else { throw GroupingError(field: field, allowed: GroupField.forAlerts) }
        return Self.group(alerts(filter)) { a in
            let key: String
            switch field {
            case .name: key = a.name
            case .entity: key = a.entity?.description ?? "-"
            case .namespace: key = a.entity?.namespace ?? a.labels["namespace"] ?? "-"
            case .kind: key = a.entity?.kind ?? "-"
            case .severity: key = a.severity
            default: key = a.state
            }
            return (key, 1, a.entity?.description ?? "-", a.state == "firing", a.activeAt ?? a.firstSeen, a.lastSeen)
        }
    }

    /// Events of `filter` grouped by `field` (reason, entity, namespace, kind, type), biggest first.
    public func groupEvents(_ filter: EventFilter, by field: GroupField) throws -> [GroupCount] {
        guard GroupField.forEvents.contains(field) else { throw GroupingError(field: field, allowed: GroupField.forEvents) }
        return Self.group(events(filter)) { e in
            let key: String
            switch field {
            case .reason: key = e.reason
            case .entity: key = e.entity.description
            case .namespace: key = e.entity.namespace ?? e.namespace
            case .kind: key = e.entity.kind
            default: key = e.type
            }
            return (key, e.count, e.entity.description, e.isWarning, e.firstTime, e.lastTime)
        }
    }

    static func group<T>(_ items: [T], _ key: (T) -> (String, Int, String, Bool, Nanos, Nanos)) -> [GroupCount] {
        var groups: [String: (GroupCount, Set<String>)] = [:]
        for item in items {
            let (k, n, entity, warn, first, last) = key(item)
            var (g, ents) = groups[k] ?? (GroupCount(key: k, count: 0, occurrences: 0, entities: 0, warnings: 0, first: first, last: last), [])
            g.count += 1; g.occurrences += n; g.warnings += warn ? 1 : 0
            g.first = min(g.first, first); g.last = max(g.last, last)
            ents.insert(entity)
            g.entities = ents.count
            groups[k] = (g, ents)
        }
        return groups.values.map(\.0).sorted { ($0.count, $1.key) > ($1.count, $0.key) }
    }
}

/// A grouping field that does not apply to the signal.
public struct GroupingError: Error, CustomStringConvertible {
    public let field: GroupField
    public let allowed: [GroupField]
    public var description: String { "cannot group by \(field.rawValue) here; one of: \(allowed.map(\.rawValue).joined(separator: ", "))" }
}
