/// The views in the left navigation, in order (keys 1–9).
public enum ViewID: Int, CaseIterable, Sendable {
    case overview, alerts, events, traces, metrics, logs, topology, objects, entities
    public var title: String { ["Overview", "Alerts", "Events", "Traces", "Metrics", "Logs", "Topology", "Objects", "Entities"][rawValue] }
}

/// What the main pane shows: a view, or a detail page reached from one (kept on the history stack).
public enum Page: Hashable, Sendable {
    case view(ViewID)
    case entity(String)
    case trace(String)
    case series(String)
    case object(String)
    case basket
    case score
    case picker
    case replay
    case groundTruth
    /// Log templates of the Logs view's records (`:patterns`).
    case patterns
    /// Before/after comparison around a pivot (`:compare [PIVOT [WINDOW]]`; empty: the incident start).
    case compare(String)
    /// The suspects baseline (`:suspects`; not in practice sessions).
    case suspects
    /// An entity's blast radius: upstream and downstream as a tree (`:tree [ENTITY]`).
    case tree(String)
    /// The path between two entities, "FROM TO" (`:path FROM TO`).
    case path(String)
    /// One record read whole (`d` on a row): `log:N`, `event:NS/NAME`, `span:TRACE:SPAN`, `alert:FP`, `series:ID`.
    case detail(String)

    /// The page's title (its page object says it).
    public var title: String { makeController().title }

    var viewID: ViewID? { if case .view(let v) = self { return v }; return nil }
}

/// Input modes: the status line becomes a prompt while filtering or typing a command.
public enum InputMode: Equatable, Sendable {
    case normal
    case filter(String)
    case command(String)
    /// Typing a text to find (`f`): rows stay, n / N jump between those that contain it.
    case find(String)
    case help
}
