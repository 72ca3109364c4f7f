/// What a model driving the TUI needs to pick its next key, beside the screen text: where it is, how keys are read,
/// the selection, the basket. The MCP `tui` tool returns it as structured content (schemas/tui.schema.json).
public struct AgentScreenState: Sendable {
    public var page: String
    /// The navigation view the page is, when it is one.
    public var view: String?
    public var mode: String
    /// Text typed so far in filter, command or find mode.
    public var input: String?
    public var filter: String?
    public var row: Int
    public var rows: Int
    public var top: Int
    public var selectedText: String?
    public var selectedEntity: String?
    public var focusedEntity: String?
    public var basket: [String]
    public var message: String?
    /// Pages open behind this one.
    public var depth: Int
    public var width: Int
    public var height: Int
}

extension AppState {
    /// The state a model reads beside the screen (`AgentScreenState`).
    public func agentState() -> AgentScreenState {
        let (modeName, input): (String, String?) = {
            switch mode {
            case .normal: return ("normal", nil)
            case .filter(let t): return ("filter", t)
            case .command(let t): return ("command", t)
            case .find(let t): return ("find", t)
            case .help: return ("help", nil)
            }
        }()
        let row = selectedRow()
        return AgentScreenState(page: current.title, view: page.viewID?.title, mode: modeName, input: input, filter: views[page]?.filter,
                                row: cursor.selected, rows: rowCount(), top: cursor.top,
                                selectedText: row.map { $0.cells.filter { !$0.isEmpty }.joined(separator: "  ") }, selectedEntity: row?.entity,
                                focusedEntity: focusedEntity(), basket: basket, message: message, depth: history.count, width: width, height: height)
    }
}
