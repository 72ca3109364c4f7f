/// The cheap filters of a log query (entity, service, minimum level, window) over the index columns, as one
/// predicate: the columns are copied out of the index once and names become membership tables indexed by string id,
/// so the per-row test is a few array reads. It keeps exactly the rows the per-filter closures of `logMatches` keep.
struct LogColumnFilter {
    private let service: [Int32], pod: [Int32], namespace: [Int32], level: [UInt8], time: [Nanos]
    private let serviceOK: [Bool]?, podOK: [Bool]?
    private let namespaceID: Int32?
    private let entity: Bool
    private let onlyService: Int32?
    private let minLevel: UInt8?
    private let window: TimeWindow?
    /// No row can match (a service the logs never name).
    let empty: Bool

    init(_ q: LogQuery, _ l: LogIndex, keys: TelemetryKeys?) {
        service = l.service; pod = l.pod; namespace = l.namespace; level = l.level; time = l.time
        func table(_ names: Set<String>) -> [Bool] {
            var t = [Bool](repeating: false, count: l.strings.count)
            for n in names { if let id = l.strings.id(of: n) { t[Int(id)] = true } }
            return t
        }
        entity = keys != nil
        serviceOK = keys.map { table($0.services) }
        podOK = keys.map { table($0.pods) }
        namespaceID = keys?.namespace.flatMap { l.strings.id(of: $0) }
        let sid = q.service.map { l.strings.id(of: $0) }
        onlyService = sid ?? nil
        empty = sid != nil && sid! == nil
        minLevel = q.minLevel?.rawValue
        window = q.window
    }

    @inline(__always) private static func member(_ t: [Bool], _ id: Int32) -> Bool { id >= 0 && Int(id) < t.count && t[Int(id)] }

    @inline(__always) func keeps(_ i: Int) -> Bool {
        if entity {
            let ok = Self.member(serviceOK!, service[i]) || Self.member(podOK!, pod[i]) || (namespaceID != nil && namespace[i] == namespaceID!)
            if !ok { return false }
        }
        if let s = onlyService, service[i] != s { return false }
        if let m = minLevel, level[i] < m { return false }
        if let w = window, !w.contains(time[i]) { return false }
        return true
    }
}
