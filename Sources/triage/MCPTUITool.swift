import AgentTools
import Foundation
import MCP
import Snapshot
import TUI

/// The `tui` MCP tool: the terminal UI a person uses, driven by an agent. Keys in (the `--headless` key names, or
/// `type TEXT`), the screen out as text, the same state from call to call. The TUI runs in agent mode: it never opens
/// or writes anything outside the snapshot, and submitting the basket records the answer as `submit_root_causes` does
/// (a score only with --feedback).
final class MCPTUITool: @unchecked Sendable {
    static let name = "tui"
    static let maxKeys = 200
    private let lock = NSLock()
    private var app: AppState?
    private let ctx: ToolContext

    init(ctx: ToolContext) { self.ctx = ctx }

    static let tool = Tool(
        name: name, title: "Terminal UI",
        description: """
        The triage terminal UI, as a person uses it: send key names, get the screen back as text; the state (view, \
        filters, cursor, basket) carries over between calls. Keys: 1-9 views (Overview, Alerts, Events, Traces, Metrics, \
        Logs, Topology, Objects, Entities), j/k or up/down move, enter opens, esc goes back, tab, pgdn/pgup, / filters \
        (then 'type TEXT', enter), : runs a command (then 'type entity NAME' or 'type tree NAME' or 'type goto 09:07', \
        enter), d reads a record whole, b adds the entity in focus to the basket, S submits the basket (recorded as the \
        final answer), ? lists every key. Give 'print' anywhere to also get the screen at that point.
        """,
        inputSchema: .object([
            "type": .string("object"),
            "properties": .object([
                "keys": .object(["type": .string("array"), "items": .object(["type": .string("string"), "maxLength": .int(500)]),
                                 "maxItems": .int(maxKeys), "description": .string("Key names in order, e.g. [\"6\", \"/\", \"type timeout\", \"enter\"]")]),
                "size": .object(["type": .string("string"), "pattern": .string("^[0-9]{2,3}x[0-9]{2,3}$"),
                                 "description": .string("Screen size as COLSxROWS (default 120x40; 40x10 to 200x60)")]),
            ]),
            "required": .array([.string("keys")]),
            "additionalProperties": .bool(false),
        ]),
        annotations: .init(title: "Terminal UI", readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false),
        outputSchema: OutputSchemas.json[name].flatMap { MCPSchema.value(json: $0) })

    /// The answer of one call: the text a model reads, the JSON envelope (structured content, schemas/tui.schema.json)
    /// and whether it failed.
    struct Answer { var text: String; var json: String; var isError: Bool }

    static func failure(_ code: String, _ message: String, sent: String = "") -> Answer {
        Answer(text: sent + message, json: JSONOutput.text(JSONOutput.failure(name, code: code, message: message)), isError: true)
    }

    /// Runs the keys; returns the screen text (and the screens asked for with `print`), the structured state, and
    /// whether the call failed.
    func call(_ arguments: [String: Value]?) -> Answer {
        let args = arguments ?? [:]
        for k in args.keys where k != "keys" && k != "size" { return Self.failure("bad_argument", "tui: unknown argument '\(k.prefix(40))' (keys, size)") }
        guard case .array(let raw)? = args["keys"] else { return Self.failure("bad_argument", "tui: give keys, a list of key names (e.g. [\"2\", \"j\", \"enter\"])") }
        guard raw.count <= Self.maxKeys else { return Self.failure("bad_argument", "tui: at most \(Self.maxKeys) keys per call") }
        var keys: [String] = []
        for v in raw {
            guard case .string(let s) = v, s.utf8.count <= 500 else { return Self.failure("bad_argument", "tui: every key is a string of at most 500 bytes") }
            keys.append(s)
        }
        var size: (Int, Int)?
        if let v = args["size"] {
            guard case .string(let s) = v, let parsed = Self.size(s) else { return Self.failure("bad_argument", "tui: size is COLSxROWS between 40x10 and 200x60, e.g. 120x40") }
            size = parsed
        }
        lock.lock(); defer { lock.unlock() }
        let a: AppState
        do { a = try appState() } catch { return Self.failure("bad_snapshot", "tui: cannot open the snapshot: \(error)") }
        if let (w, h) = size { a.handle(.resize(width: w, height: h)) }
        var out = "", screens: [String] = [], notes: [String] = [], sent = 0
        let deadline = Date().addingTimeInterval(ctx.timeLimit)
        for k in keys {
            if Date() > deadline { notes.append("time limit reached; the remaining keys were not sent"); out += "(\(notes.last!))\n"; break }
            // The size argument resizes, within bounds; resize lines are not keys here.
            switch TUIRunner.send(k, to: a, allowResize: false) {
            case .print: let t = a.render().text; screens.append(t); out += "─── screen ───\n" + t + "\n"; continue
            case .unknown, .badResize, .skipped:
                return Self.failure("bad_argument", "tui: unknown key '\(k.trimmingCharacters(in: .whitespaces).prefix(40))' (names: enter, esc, tab, up, down, pgdn, pgup, home, end, backspace, a single character, or 'type TEXT')", sent: out)
            case .handled: sent += 1
            }
            if a.quit { a.clearQuit(); notes.append("q does not end an MCP session; the screen stays"); out += "(\(notes.last!))\n" }
        }
        let screen = a.render().text
        out += "─── screen ───\n" + screen
        // The status line may cut a long message; the agent gets it whole.
        if let m = a.message { out += "\n─── message ───\n" + m }
        let cap = ctx.outputCap * 4
        let text = String(out.prefix(cap))
        if text.count < out.count { notes.append("output cut to \(cap) characters") }
        let st = a.agentState()
        var result: [String: Any] = [
            "screen": String(screen.prefix(cap)), "screens": screens.map { String($0.prefix(cap)) },
            "status": screen.split(separator: "\n", omittingEmptySubsequences: false).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "",
            "page": st.page, "mode": st.mode, "cursor": ["row": st.row, "rows": st.rows, "top": st.top], "basket": st.basket,
            "depth": st.depth, "size": ["width": st.width, "height": st.height], "keys_sent": sent, "notes": notes,
        ]
        result["message"] = st.message
        result["view"] = st.view
        result["input"] = st.input
        result["filter"] = st.filter
        result["focused_entity"] = st.focusedEntity
        if let t = st.selectedText {
            var sel: [String: Any] = ["text": t]
            sel["entity"] = st.selectedEntity
            result["selected"] = sel
        }
        return Answer(text: text, json: JSONOutput.text(JSONOutput.success(Self.name, result)), isError: false)
    }

    private func appState() throws -> AppState {
        if let app { return app }
        let a = AppState(snapshot: try ctx.snapshot(), truth: nil, width: 120, height: 40)
        a.agentMode = true
        a.hintsAllowed = ctx.hints
        let ctx = self.ctx
        a.submitHandler = { basket in
            let r = Toolbox.run("submit_root_causes", ToolArgs(["root_causes": .list(basket)]), context: ctx)
            return r.text.split(separator: "\n").joined(separator: " · ")
        }
        app = a
        return a
    }

    static func size(_ s: String) -> (Int, Int)? {
        let p = s.split(separator: "x").compactMap { Int($0) }
        guard p.count == 2, (40...200).contains(p[0]), (10...60).contains(p[1]) else { return nil }
        return (p[0], p[1])
    }
}
