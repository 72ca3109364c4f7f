/// The columns the Logs view can order its records by, from the index alone (no bodies read).
public enum LogOrder: Int, Sendable, CaseIterable {
    case time, level, service
}

extension Snapshot {
    /// `records` (log record indices, as `logMatches` gives them) ordered by time, level or service name; records that
    /// tie keep their time order. Reads only the index's columns, so ordering 250,000 records takes milliseconds.
    public func orderLogs(_ records: [Int32], by order: LogOrder, descending: Bool = false) -> [Int32] {
        guard let l = logs else { return records }
        let keys: [Int64]
        switch order {
        case .time: keys = records.map { l.time[Int($0)] }
        case .level: keys = records.map { Int64(l.level[Int($0)]) }
        case .service:
            // Services by name: rank the distinct ids once, then compare ranks.
            let ids = Set(records.map { l.service[Int($0)] })
            let rank = Dictionary(uniqueKeysWithValues: ids.sorted { l.strings.strings[Int($0)] < l.strings.strings[Int($1)] }.enumerated().map { ($1, Int64($0)) })
            keys = records.map { rank[l.service[Int($0)]]! }
        }
        let positions = records.indices.sorted { a, b in
            if keys[a] != keys[b] { return descending ? keys[a] > keys[b] : keys[a] < keys[b] }
            return descending && order == .time ? a > b : a < b
        }
        return positions.map { records[$0] }
    }
}
