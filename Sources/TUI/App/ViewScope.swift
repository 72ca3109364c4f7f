import Snapshot

/// What a view is narrowed to besides its text filter: an entity, a minimum log level, an event type or reason.
/// Set when replay follows an agent's step, so the view shows what the agent asked for; Esc clears it.
public struct ViewScope: Sendable, Equatable {
    public var entity: EntityID?
    public var minLevel: LogIndex.Level?
    public var type: String?
    public var reason: String?
    /// The case rule of the agent's pattern (its `ignore_case`, grep's `-i`), instead of smart case.
    public var ignoreCase: Bool?

    /// The filter is a replayed agent's pattern (set with its case rule): it matches the log body as the agent's
    /// call did, not every field as a person's filter does.
    public var agentPattern: Bool { ignoreCase != nil }

    public init(entity: EntityID? = nil, minLevel: LogIndex.Level? = nil, type: String? = nil, reason: String? = nil, ignoreCase: Bool? = nil) {
        self.entity = entity; self.minLevel = minLevel; self.type = type; self.reason = reason; self.ignoreCase = ignoreCase
    }

    public var isEmpty: Bool { entity == nil && minLevel == nil && type == nil && reason == nil && ignoreCase == nil }

    /// `entity=otel-demo/Service/cart level≥ERROR`, for the status line and cache keys.
    public var label: String {
        [entity.map { "entity=\($0)" }, minLevel.map { "level≥\($0.label)" }, type.map { "type=\($0)" }, reason.map { "reason=\($0)" },
         ignoreCase.map { $0 ? "ignore-case" : "case-sensitive" }]
            .compactMap { $0 }.joined(separator: " ")
    }
}
