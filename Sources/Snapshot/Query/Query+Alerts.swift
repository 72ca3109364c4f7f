import Foundation

/// Which alerts to return.
public struct AlertFilter: Sendable {
    public var entity: EntityID?
    public var name: String?
    public var state: String?
    public var severity: String?
    public var window: TimeWindow?
    /// Hide always-firing alerts and alerts on infrastructure namespaces.
    public var hideNoise = false
    public init(entity: EntityID? = nil, name: String? = nil, state: String? = nil, severity: String? = nil,
                window: TimeWindow? = nil, hideNoise: Bool = false) {
        self.entity = entity; self.name = name; self.state = state; self.severity = severity; self.window = window; self.hideNoise = hideNoise
    }
}

extension Snapshot {
    /// The alert files read, with their snapshot times.
    public var alertFiles: [AlertStore.File] { alertStore.files }

    /// Whether an alert is background noise: always firing, on an infrastructure namespace, or already firing in the first file.
    public func isNoise(_ a: Alert) -> Bool {
        if Noise.alwaysFiring.contains(a.name) || Noise.isInfrastructure(namespace: a.namespace) { return true }
        return false
    }

    /// Whether the alert was already active when recording began (before any fault).
    public func wasPreexisting(_ a: Alert) -> Bool {
        guard let first = alertStore.files.compactMap(\.time).min() else { return false }
        return a.firstSeen <= first
    }

    /// Alerts matching `filter`, ordered by when they became active.
    public func alerts(_ filter: AlertFilter = AlertFilter()) -> [Alert] {
        var related: Set<EntityID> = []
        if let e = filter.entity { related = Set(self.related(e)); related.insert(e) }
        return alertStore.alerts.filter { a in
            if let n = filter.name, a.name.range(of: n, options: .caseInsensitive) == nil { return false }
            if let s = filter.state, a.state.lowercased() != s.lowercased() { return false }
            if let s = filter.severity, a.severity.lowercased() != s.lowercased() { return false }
            if filter.hideNoise && isNoise(a) { return false }
            if let w = filter.window, !a.intervals.contains(where: { $0.end >= w.start && $0.start <= w.end }) { return false }
            if filter.entity != nil {
                guard let e = a.entity else { return false }
                if !related.contains(e) {
                    if filter.entity!.kind == "Namespace", a.namespace == filter.entity!.name { return true }
                    return false
                }
            }
            return true
        }
    }
}

/// Which events to return.
public struct EventFilter: Sendable {
    public var entity: EntityID?
    public var reason: String?
    public var type: String?
    public var window: TimeWindow?
    public var hideNoise = false
    /// Drop events whose last occurrence is before the recording started (replayed history).
    public var recordingOnly = false
    public init(entity: EntityID? = nil, reason: String? = nil, type: String? = nil, window: TimeWindow? = nil,
                hideNoise: Bool = false, recordingOnly: Bool = false) {
        self.entity = entity; self.reason = reason; self.type = type; self.window = window; self.hideNoise = hideNoise
        self.recordingOnly = recordingOnly
    }
}

extension Snapshot {
    /// Deduplicated Kubernetes events matching `filter`, by last occurrence.
    public func events(_ filter: EventFilter = EventFilter()) -> [KubeEvent] {
        var related: Set<EntityID> = []
        if let e = filter.entity { related = Set(self.related(e)); related.insert(e) }
        let start = windows.recording?.start ?? Int64.min
        return (events?.events ?? []).filter { e in
            if let r = filter.reason, e.reason.range(of: r, options: .caseInsensitive) == nil { return false }
            if let t = filter.type, e.type.lowercased() != t.lowercased() { return false }
            if filter.hideNoise && (Noise.isBackground(e.entity) || Noise.benignWarnings.contains(e.reason)) { return false }
            if filter.recordingOnly && e.lastTime < start { return false }
            if let w = filter.window, !(e.lastTime >= w.start && e.firstTime <= w.end) { return false }
            if let fe = filter.entity {
                if fe.kind == "Namespace" { return e.entity.namespace == fe.name || e.entity == fe }
                return related.contains(e.entity)
            }
            return true
        }
    }

    /// Number of rows in the events file (before folding duplicates).
    public var eventRows: Int { events?.rows ?? 0 }
}
