import Foundation
import Scoring
import Snapshot

/// The whole TUI as a state machine: `handle(_:)` takes a key, `render()` draws a `Screen`. No terminal involved,
/// so every behaviour is testable headlessly; the ncurses backend only paints the screen and reads keys.
public final class AppState {
    public private(set) var snapshot: Snapshot
    /// Ground truth for the score panel; read only when the user submits.
    /// The ground truth that scores a submission (a file, or YAML embedded in a dataset such as ITBench-AA).
    private(set) var truth: TruthSource?
    /// An extra directory of snapshots for the picker.
    public var pickerDirectory: String?
    /// Opens another snapshot for the picker (the CLI passes the cached opener).
    public var openSnapshot: (String) throws -> Snapshot = { try Snapshot.load($0) }
    /// The ground truth being labelled, if any (`triage label`).
    public var labelling: LabelSession?
    /// The practice session, if any (`triage practice`): ground truth hidden until the reveal, a visible timer.
    public var practice: PracticeSession? {
        didSet { if let p = practice { message = "Practice \(p.task): \(p.brief) · \(p.allowed) submission\(p.allowed == 1 ? "" : "s") · S submits the basket" } }
    }
    /// The ground truth of the last scored submission (for the practice reveal).
    var lastTruth: GroundTruth?
    /// The trajectory being replayed, if any.
    public var replay: ReplaySession? { didSet { if replay != nil { page = .replay } } }
    public internal(set) var playing = false
    /// Seconds between steps while playing.
    public internal(set) var playInterval = 1.0
    public private(set) var page: Page = .view(.overview)
    var history: [Page] = []
    public internal(set) var mode: InputMode = .normal
    var cursors: [Page: ListCursor] = [:]
    var filters: [Page: String] = [:]
    /// Entity, level, type and reason a view is narrowed to (set when replay follows a step).
    var scopes: [Page: ViewScope] = [:]
    var sorts: [Page: Int] = [:]
    /// Alerts or events counted per field instead of listed (`:by FIELD`).
    var groupBy: [Page: GroupField] = [:]
    /// The detail page shows the record as stored instead of its fields (`y`).
    var rawDetail = false
    /// First line shown in the help overlay.
    var helpScroll = 0
    /// The sidebar as the user set it with `\` (nil: by width).
    var sidebar: Bool?
    /// The text `f` finds; n / N jump between rows that contain it (case-insensitive), and it is highlighted.
    var findText: String?
    /// Rows ordered by a column (`o`, `O`): its index and direction, per page.
    var columnOrder: [Page: (column: Int, descending: Bool)] = [:]
    /// Traces view: only traces with an error span (`x`).
    var tracesErrorsOnly = false
    /// Text waiting to go to the system clipboard (the terminal runner sends it as OSC 52 and clears it).
    public var clipboard: String?
    public internal(set) var basket: [String] = []
    public internal(set) var hideNoise = false
    public internal(set) var timeWindow: TimeWindow?
    var traceRollup = false
    public internal(set) var message: String?
    public internal(set) var lastScore: ScoreReport?
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var quit = false
    /// Forgets a quit request (an agent's `q` does not end its MCP session).
    public func clearQuit() { quit = false }
    /// Called with each step (view change, filter, pivot, basket, submit) for session recording.
    public var onEvent: ((String, [String: String]) -> Void)?
    /// Set when an agent drives the TUI (the MCP `tui` tool): nothing outside the snapshot is opened or written
    /// (`:open`, the picker, `:w`), and the suspects hint can be withheld.
    public var agentMode = false
    public var hintsAllowed = true
    /// When set, submitting the basket hands it to this instead of scoring it here (the MCP server records the answer
    /// as submit_root_causes does); it returns the message to show.
    public var submitHandler: (([String]) -> String)?
    var rowCache: [String: (cols: [Column], rows: [Row])] = [:]
    var logIndices: (key: String, rows: [Int32])?
    var timelineCache: (key: String, value: LogTimeline?)?
    /// The compiled filter regex of the Logs view (compiled once, not on every frame).
    var patternCache: (source: String, pattern: TextPattern?)?

    /// The largest screen drawn: bigger terminals (or `--size 5000x2000`) are clamped, so a frame stays cheap.
    public static let maxWidth = 1_000, maxHeight = 500

    public convenience init(snapshot: Snapshot, truthPath: String?, width: Int = 120, height: Int = 40) {
        self.init(snapshot: snapshot, truth: truthPath.map(TruthSource.file), width: width, height: height)
    }

    public init(snapshot: Snapshot, truth: TruthSource? = nil, width: Int = 120, height: Int = 40) {
        self.snapshot = snapshot
        self.truth = truth
        self.width = min(Self.maxWidth, max(1, width))
        self.height = min(Self.maxHeight, max(1, height))
    }

    // MARK: layout

    /// Left navigation is shown when there is room for it.
    /// The navigation sidebar: shown from 100 columns (the page needs the room below that), or as `\` toggles it.
    var navWidth: Int { (sidebar ?? (width >= 100)) && width >= 40 && height >= 8 ? 12 : 0 }
    var contentX: Int { navWidth > 0 ? navWidth + 1 : 0 }
    var contentWidth: Int { max(0, width - contentX) }
    /// Rows between the header and the status line.
    var contentHeight: Int { max(0, height - 2) }
    /// Rows of the list body (content minus the table header).
    var pageSize: Int { max(1, contentHeight - 1 - histogramRows) }

    // MARK: keys

    public func handle(_ key: Key) {
        // A resize keeps the message (a start-up brief must survive the first layout).
        if case .resize(let w, let h) = key { width = min(Self.maxWidth, max(1, w)); height = min(Self.maxHeight, max(1, h)); clampCursor(); return }
        message = nil
        switch mode {
        case .filter(let text): editLine(text, key, filter: true); return
        case .command(let text): editLine(text, key, filter: false); return
        case .find(let text): editFind(text, key); return
        case .help:
            // The overlay scrolls (it is longer than an 80×24 screen); Esc, ? or q closes it.
            switch key {
            case .escape, .char("?"), .char("q"), .enter: mode = .normal; helpScroll = 0
            case .down, .char("j"): helpScroll += 1
            case .up, .char("k"): helpScroll = max(0, helpScroll - 1)
            case .pageDown, .char(" "), .ctrl("f"): helpScroll += max(1, height - 6)
            case .pageUp, .ctrl("b"): helpScroll = max(0, helpScroll - max(1, height - 6))
            case .char("g"), .home: helpScroll = 0
            case .char("G"), .end: helpScroll = Int.max / 2
            default: break
            }
            return
        case .normal: break
        }
        if page == .replay, case .char(let c) = key, c == "+" || c == "-" {
            playInterval = c == "+" ? max(0.1, playInterval / 2) : min(10, playInterval * 2)
            message = String(format: "playing one step every %.1f s", playInterval)
            return
        }
        let context: KeyContext = page == .replay ? .replay : page == .view(.logs) ? .logs : page == .view(.traces) ? .traces : .list
        guard let action = KeyBindings.action(for: key, in: context) else {
            message = "no action for \(key.label) here; press ? for help"
            return
        }
        perform(action)
    }

    func perform(_ a: Action) {
        switch a {
        case .up: moveCursor(-1)
        case .down: moveCursor(1)
        case .pageUp: moveCursor(-pageSize)
        case .pageDown: moveCursor(pageSize)
        case .top: moveCursor(-Int.max / 2)
        case .bottom: moveCursor(Int.max / 2)
        case .open: openSelected()
        case .back: back()
        case .nextPane: switchView(by: 1)
        case .prevPane: switchView(by: -1)
        case .filter: mode = .filter(filters[page] ?? "")
        case .command: mode = .command("")
        case .help: mode = .help
        case .quit: quit = true
        case .pivot: if let e = selectedRow()?.entity { go(.entity(e)) } else { message = "this row names no entity" }
        case .basket: toggleBasket()
        case .showBasket: go(.basket)
        case .submit: submit()
        case .noise:
            hideNoise.toggle(); invalidate()
            message = hideNoise ? "noise hidden: always-firing alerts and infrastructure namespaces" : "noise shown"
            onEvent?("noise", ["hidden": String(hideNoise)])
        case .sort: sorts[page, default: 0] += 1; invalidate(); message = "sorted by \(sortName())"
        case .timeSync: toggleTimeSync()
        case .rollup: if page == .view(.traces) { traceRollup.toggle(); invalidate(); cursors[page] = ListCursor() }
        case .play:
            playing.toggle()
            message = playing ? String(format: "playing: one step every %.1f s (p pauses)", playInterval) : "paused"
        case .replay: if replay != nil { go(.replay) } else { message = "no trajectory is being replayed" }
        case .detail: openDetail()
        case .copy: copyFocused()
        case .find: mode = .find("")
        case .nextMatch: jumpToMatch(forward: true)
        case .prevMatch: jumpToMatch(forward: false)
        case .orderBy: orderByNextColumn()
        case .reverseOrder: reverseColumnOrder()
        case .errorsOnly:
            if page == .view(.traces) { tracesErrorsOnly.toggle(); cursors[page] = ListCursor(); invalidate(); message = tracesErrorsOnly ? "only traces with an error span (x: all)" : "all traces" }
        case .sidebar:
            sidebar = navWidth == 0
            invalidate()
            message = sidebar! ? "sidebar shown (\\ hides it)" : "sidebar hidden (\\ shows it; 1-9 still switch views)"
        case .raw:
            if case .detail = page { rawDetail.toggle(); invalidate(); message = rawDetail ? "the record as stored (y: fields)" : "fields (y: as stored)" }
            else { message = "y shows a record as stored: open it with d first" }
        case .markRoot:
            guard let l = labelling else { message = "not labelling (triage label SNAPSHOT)"; return }
            guard let e = focusedEntity(), let id = try? snapshot.entity(e) else { message = "no entity in focus"; return }
            message = l.toggleRoot(id); invalidate(); onEvent?("label_root", ["entity": e])
        case .markAlias:
            guard let l = labelling else { message = "not labelling (triage label SNAPSHOT)"; return }
            guard let e = focusedEntity(), let id = try? snapshot.entity(e) else { message = "no entity in focus"; return }
            message = l.alias(id); invalidate(); onEvent?("label_alias", ["entity": e])
        case .view1, .view2, .view3, .view4, .view5, .view6, .view7, .view8, .view9:
            let i = Int(a.rawValue.dropFirst(4))! - 1
            go(.view(ViewID(rawValue: i)!))
        }
    }

    func editLine(_ text: String, _ key: Key, filter: Bool) {
        var t = text
        switch key {
        case .escape:
            mode = .normal
            if filter { filters[page] = nil; invalidate(); onEvent?("filter", ["page": page.title, "filter": ""]) }
            return
        case .enter:
            mode = .normal
            if filter {
                filters[page] = t.isEmpty ? nil : t
                cursors[page] = ListCursor()
                invalidate()
                onEvent?("filter", ["page": page.title, "filter": t])
            } else { runCommand(t) }
            return
        case .backspace, .delete: if !t.isEmpty { t.removeLast() }
        case .char(let c): t.append(c)
        default: return
        }
        mode = filter ? .filter(t) : .command(t)
        // The filter applies as it is typed (k9s, lnav); Enter keeps it, Esc clears it.
        // A regex over a big log file waits for Enter, so typing stays instant.
        if filter, page != .view(.logs) || snapshot.logCount <= 50_000 { filters[page] = t.isEmpty ? nil : t; cursors[page] = ListCursor(); invalidate() }
    }

    // MARK: navigation

    public func go(_ p: Page) {
        guard p != page else { return }
        history.append(page)
        if history.count > 200 { history.removeFirst() }
        page = p
        clampCursor()
        onEvent?("view", ["page": p.title])
    }

    func back() {
        if filters[page] != nil || scopes[page] != nil { filters[page] = nil; scopes[page] = nil; invalidate(); message = "filter cleared"; return }
        guard let prev = history.popLast() else { message = "at the start; q quits"; return }
        page = prev
        clampCursor()
        onEvent?("back", ["page": prev.title])
    }

    func switchView(by d: Int) {
        let current = page.viewID?.rawValue ?? 0
        let n = ViewID.allCases.count
        go(.view(ViewID(rawValue: ((current + d) % n + n) % n)!))
    }

    func moveCursor(_ d: Int) {
        var c = cursors[page] ?? ListCursor()
        let n = rowCount()
        let delta = d > 0 ? min(d, n) : max(d, -n - 1)
        c.move(delta, count: n, page: pageSize)
        cursors[page] = c
    }

    func clampCursor() {
        var c = cursors[page] ?? ListCursor()
        c.clamp(count: rowCount(), page: pageSize)
        cursors[page] = c
    }

    func invalidate() { rowCache.removeAll(); logIndices = nil; clampCursor() }

    // MARK: basket, time, submit

    /// The entity in focus: the selected row's, else the entity page's.
    func focusedEntity() -> String? {
        if let e = selectedRow()?.entity { return e }
        if case .entity(let e) = page { return e }
        return nil
    }

    func toggleBasket() {
        guard let e = focusedEntity() else { message = "no entity in focus"; return }
        if let i = basket.firstIndex(of: e) { basket.remove(at: i); message = "removed \(e) from the basket" }
        else { basket.append(e); message = "added \(e) to the basket (\(basket.count)); S submits" }
        onEvent?("basket", ["entity": e, "basket": basket.joined(separator: ",")])
        invalidate()
    }

    func toggleTimeSync() {
        if timeWindow != nil { timeWindow = nil; invalidate(); message = "time window cleared"; return }
        guard let t = selectedRow()?.time else { message = "select an alert, event, span or log line to narrow the time"; return }
        timeWindow = TimeWindow(start: t - 300_000_000_000, end: t + 300_000_000_000)
        invalidate()
        message = "views narrowed to \(Timestamp.format(timeWindow!.start, fraction: 0).suffix(8))–\(Timestamp.format(timeWindow!.end, fraction: 0).suffix(8)); t clears"
        onEvent?("time", ["start": Timestamp.iso(timeWindow!.start), "end": Timestamp.iso(timeWindow!.end)])
    }

    public func submit() {
        guard !basket.isEmpty else { message = "the basket is empty: add candidate root causes with b"; return }
        if let p = practice, p.revealed { message = "this practice session is over (q quits; triage history lists your results)"; go(.score); return }
        onEvent?("submit", ["root_causes": basket.joined(separator: ",")])
        if let handler = submitHandler { message = handler(basket); return }
        guard let source = truth else {
            lastScore = nil
            message = "submitted \(basket.count) entities; this snapshot has no ground truth, so there is no score"
            go(.score)
            return
        }
        do {
            let gt = try GroundTruth.load(source)
            lastScore = Scorer(truth: gt).score(entities: basket, snapshot: snapshot)
            lastTruth = gt
            if let p = practice, let r = lastScore {
                p.submitted(r, entities: basket)
                message = p.revealed ? String(format: "score %.2f in %@; the answer is revealed below", r.score, p.clock)
                    : "attempt \(p.used) of \(p.allowed): \(p.attemptsLeft) left; verdicts stay hidden until the last one"
            }
        } catch {
            message = "cannot score: \(error)"
            return
        }
        invalidate()   // the score rows depend on lastScore and the practice state, which the cache key does not hold
        go(.score)
    }

    // MARK: commands

    func runCommand(_ raw: String) {
        let parts = raw.split(separator: " ", maxSplits: 1).map(String.init)
        guard let cmd = parts.first?.lowercased() else { return }
        let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        onEvent?("command", ["command": raw])
        if agentMode, ["open", "o", "w", "write", "w!", "write!"].contains(cmd) {
            message = ":\(cmd) is not available to an agent: the TUI stays inside this snapshot and writes nothing"
            return
        }
        switch cmd {
        case "q", "quit", "exit": quit = true
        case "entity", "e":
            do { go(.entity(try snapshot.entity(arg).description)) } catch { message = "\(error)" }
        case "add":
            do { let e = try snapshot.entity(arg).description; if !basket.contains(e) { basket.append(e) }; message = "added \(e) (\(basket.count))" } catch { message = "\(error)" }
        case "submit": submit()
        case "prop", "alert", "group", "rootgroup", "save", "gt", "drop":
            guard let l = labelling else { message = "not labelling (triage label SNAPSHOT)"; return }
            switch cmd {
            case "save": message = l.save(snapshot: snapshot)
            case "gt": go(.groundTruth)
            case "drop": message = l.drop(arg)
            case "group", "rootgroup":
                let p = arg.split(separator: " ", maxSplits: 2).map(String.init)
                guard p.count == 3 else { message = ":\(cmd) KIND NAMESPACE REGEX (namespace - for none)"; return }
                message = l.filterGroup(kind: p[0], namespace: p[1] == "-" ? nil : p[1], regex: p[2], root: cmd == "rootgroup", snapshot: snapshot)
            default:
                guard let e = focusedEntity(), let id = try? snapshot.entity(e) else { message = "no entity in focus"; return }
                if cmd == "alert" { message = arg.isEmpty ? ":alert NAME" : l.alert(arg, on: id) }
                else {
                    let parts = arg.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    message = l.propagate(to: id, condition: parts.first ?? "", effect: parts.count > 1 ? parts[1] : "")
                }
            }
            invalidate()
        case "step":
            if replay != nil, let n = Int(arg) { go(.replay); var c = cursors[.replay] ?? ListCursor(); c.selected = n - 1; c.clamp(count: rowCount(), page: pageSize); cursors[.replay] = c }
            else { message = "use :step N while replaying" }
        case "open", "o":
            if practice != nil { message = "a practice session stays on its task; q quits"; return }
            if arg.isEmpty { go(.picker) } else { switchSnapshot(arg) }
        case "basket": go(.basket)
        case "noise": perform(.noise)
        case "help": mode = .help
        case "time":
            let words = arg.split(separator: " ").map(String.init)
            let ts = words.map { Timestamp.parseUser($0, reference: snapshot.windows.recording?.end ?? 0) }
            if let bad = words.indices.first(where: { ts[$0] == nil }) {
                message = "cannot read '\(words[bad])' as a time (a clock time, a date 1678-2262, or an offset such as -5m): window unchanged"
            } else if ts.count == 2, let a = ts[0], let b = ts[1] {
                timeWindow = TimeWindow(start: min(a, b), end: max(a, b)); invalidate(); message = "time window set"
            } else if words.isEmpty { timeWindow = nil; invalidate(); message = "time window cleared (use :time 17:40 17:50)" }
            else { message = ":time takes two times (:time 17:40 17:50), or none to clear the window" }
        case "filter": filters[page] = arg.isEmpty ? nil : arg; invalidate()
        case "by", "groupby": groupCommand(arg)
        case "w", "write": writeCommand(arg, force: false)
        case "w!", "write!": writeCommand(arg, force: true)
        case "goto", "go": gotoCommand(arg)
        case "tree": treeCommand(arg)
        case "path": pathCommand(arg)
        case "patterns": go(.patterns)
        case "compare": go(.compare(arg))
        case "suspects":
            if !hintsAllowed { message = "suspects are switched off on this server (--no-hints)"; return }
            if practice != nil { message = "suspects are hidden in practice sessions: the investigation is yours"; return }
            go(.suspects)
        default:
            if let v = ViewID.allCases.first(where: { $0.title.lowercased().hasPrefix(cmd) }) {
                go(.view(v))
                if !arg.isEmpty { filters[page] = arg; invalidate() }
            } else {
                message = "unknown command :\(cmd); try :entity NAME, :logs [regex], :add NAME, :submit, :time A B, :by FIELD, :patterns, :compare, :q"
            }
        }
    }

    /// Replaces the snapshot and resets every view (the basket empties: it belongs to one incident).
    func switchSnapshot(_ path: String, truth given: TruthSource? = nil) {
        do {
            let s = try openSnapshot(path)
            snapshot = s
            truth = given ?? pickerTasks().first { $0.snapshot == path }?.truth ?? SnapshotLayout.groundTruthPath(in: path).map(TruthSource.file)
            history = []; cursors = [:]; filters = [:]; sorts = [:]; basket = []; timeWindow = nil; lastScore = nil
            page = .view(.overview)
            invalidate()
            message = "opened \(s.name)"
            onEvent?("open", ["snapshot": s.name])
        } catch { message = "cannot open \(path): \(error)" }
    }

    /// Advances the replay by one step (called by the runner while playing); stops at the end.
    public func tick() {
        guard playing, page == .replay else { return }
        let c = cursors[.replay] ?? ListCursor()
        if c.selected + 1 >= rowCount() { playing = false; message = "end of the trajectory"; return }
        moveCursor(1)
    }

    func sortName() -> String {
        let names = sortNames()
        return names.isEmpty ? "default" : names[(sorts[page] ?? 0) % names.count]
    }

    func sortNames() -> [String] {
        switch page {
        case .view(.traces): return ["time", "duration", "errors"]
        case .view(.alerts), .view(.events): return ["time", "name", "entity"]
        case .view(.metrics): return ["anomaly", "name"]
        case .view(.entities): return ["name", "kind"]
        default: return []
        }
    }
}
