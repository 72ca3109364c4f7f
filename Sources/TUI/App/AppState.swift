import Foundation
import Scoring
import Snapshot

/// The whole TUI as a state machine: `handle(_:)` takes a key, `render()` draws a `Screen`. No terminal involved,
/// so every behaviour is testable headlessly; the ncurses backend only paints the screen and reads keys. What a page
/// shows and does is its own type (`PageController`, Sources/TUI/Pages); this keeps what spans pages: the history,
/// input modes, cursors and filters, the basket, the score and the time window.
public final class AppState {
    public private(set) var snapshot: Snapshot
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
    /// Each page's own settings (cursor, filter, scope, sort, sideways scroll, column order), in one place.
    var views: [Page: PageViewState] = [:]
    /// Long cells wrap onto more lines instead of being cut (`w`).
    public internal(set) var wrapLines = false
    /// The page objects met so far (one per place in the navigation), made on first use.
    var controllers: [Page: PageController] = [:]
    /// First line shown in the help overlay.
    var helpScroll = 0
    /// The sidebar as the user set it with `\` (nil: by width).
    var sidebar: Bool?
    /// The text `f` finds; n / N jump between rows that contain it (case-insensitive), and it is highlighted.
    var findText: String?
    /// Text waiting to go to the system clipboard (the terminal runner sends it as OSC 52 and clears it).
    public var clipboard: String?
    public internal(set) var basket: [String] = []
    public internal(set) var hideNoise = false
    public internal(set) var timeWindow: TimeWindow?
    public internal(set) var message: String?
    public internal(set) var lastScore: ScoreReport?
    public private(set) var width: Int
    public private(set) var height: Int
    public internal(set) var quit = false
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
    var rowCache: [String: PageTable] = [:]
    /// Filter and find patterns, compiled once each.
    var patterns: [String: RowPattern] = [:]

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
    var pageSize: Int { max(1, contentHeight - 1 - current.reservedRows(self)) }

    // MARK: pages

    /// The object behind a page (made on first use, kept until another snapshot is opened).
    func controller(_ p: Page) -> PageController {
        if let c = controllers[p] { return c }
        let c = p.makeController()
        controllers[p] = c
        return c
    }

    /// The page shown.
    var current: PageController { controller(page) }
    var cursor: ListCursor { views[page]?.cursor ?? ListCursor() }
    /// The `s` order of the page shown.
    var sortIndex: Int { views[page]?.sort ?? 0 }
    /// Columns of the page shown scrolled off to the left.
    var shift: Int { views[page]?.shift ?? 0 }
    func resetCursor() { views[page, default: PageViewState()].cursor = ListCursor() }
    func scrollTop(by n: Int) { var c = cursor; c.top += n; views[page, default: PageViewState()].cursor = c }

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
        guard let action = KeyBindings.action(for: key, in: current.contexts) else {
            message = "no action for \(key.label) here; press ? for help"
            return
        }
        perform(action)
    }

    func perform(_ a: Action) {
        if current.perform(a, self) { return }
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
        case .filter: mode = .filter(views[page]?.filter ?? "")
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
        case .sort:
            let names = current.sortNames
            guard !names.isEmpty else { message = "this page keeps its order; o orders by a column"; return }
            views[page, default: PageViewState()].sort = sortIndex + 1; invalidate(); message = "sorted by \(names[sortIndex % names.count])"
        case .timeSync: toggleTimeSync()
        case .scrollLeft, .scrollRight: scrollSideways(right: a == .scrollRight)
        case .wrap:
            wrapLines.toggle(); invalidate()
            message = wrapLines ? "long cells wrap onto more lines (w: cut them)" : "long cells cut at the column's edge (w: wrap; ← → scroll)"
        case .rollup, .errorsOnly, .play, .faster, .slower, .focusPane: message = "\(KeyBindings.keys(a)) does nothing on \(current.title)"
        case .replay: if replay != nil { go(.replay) } else { message = "no trajectory is being replayed" }
        case .detail: openDetail()
        case .copy: copyFocused()
        case .find: mode = .find("")
        case .nextMatch: jumpToMatch(forward: true)
        case .prevMatch: jumpToMatch(forward: false)
        case .orderBy: orderByNextColumn()
        case .reverseOrder: reverseColumnOrder()
        case .sidebar:
            sidebar = navWidth == 0
            invalidate()
            message = sidebar! ? "sidebar shown (\\ hides it)" : "sidebar hidden (\\ shows it; 1-9 still switch views)"
        case .raw: message = "y shows a record as stored: open it with d first"
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
            if filter { views[page, default: PageViewState()].filter = nil; invalidate(); onEvent?("filter", ["page": current.title, "filter": ""]) }
            return
        case .enter:
            mode = .normal
            if filter {
                views[page, default: PageViewState()].filter = t.isEmpty ? nil : t
                views[page, default: PageViewState()].cursor = ListCursor()
                invalidate()
                onEvent?("filter", ["page": current.title, "filter": t])
            } else { runCommand(t) }
            return
        case .backspace, .delete: if !t.isEmpty { t.removeLast() }
        case .char(let c): t.append(c)
        default: return
        }
        mode = filter ? .filter(t) : .command(t)
        // The filter applies as it is typed (k9s, lnav); Enter keeps it, Esc clears it.
        // A regex over a big log file waits for Enter, so typing stays instant.
        if filter, current.liveFilter(self) { views[page, default: PageViewState()].filter = t.isEmpty ? nil : t; views[page, default: PageViewState()].cursor = ListCursor(); invalidate() }
    }

    // MARK: navigation

    public func go(_ p: Page) {
        guard p != page else { return }
        history.append(page)
        if history.count > 200 { history.removeFirst() }
        page = p
        clampCursor()
        onEvent?("view", ["page": current.title])
    }

    func back() {
        if views[page]?.filter != nil || views[page]?.scope != nil { views[page, default: PageViewState()].filter = nil; views[page, default: PageViewState()].scope = nil; invalidate(); message = "filter cleared"; return }
        guard let prev = history.popLast() else { message = "at the start; q quits"; return }
        page = prev
        clampCursor()
        onEvent?("back", ["page": current.title])
    }

    func switchView(by d: Int) {
        let current = page.viewID?.rawValue ?? 0
        let n = ViewID.allCases.count
        go(.view(ViewID(rawValue: ((current + d) % n + n) % n)!))
    }

    func moveCursor(_ d: Int) {
        var c = views[page]?.cursor ?? ListCursor()
        let n = rowCount()
        let delta = d > 0 ? min(d, n) : max(d, -n - 1)
        c.move(delta, count: n, page: pageSize)
        views[page, default: PageViewState()].cursor = c
    }

    func clampCursor() {
        var c = views[page]?.cursor ?? ListCursor()
        c.clamp(count: rowCount(), page: pageSize)
        views[page, default: PageViewState()].cursor = c
    }

    func invalidate() { rowCache.removeAll(); clampCursor() }

    /// ← →: the page's columns scroll sideways by a quarter of the width (lnav, less); at 0 the table fits the width.
    func scrollSideways(right: Bool) {
        if wrapLines { message = "long cells are wrapped, nothing is cut (w cuts them again and ← → scroll)"; return }
        let step = max(4, contentWidth / 4)
        let next = max(0, shift + (right ? step : -step))
        if next == shift { message = "at the left edge (→ scrolls right)"; return }
        views[page, default: PageViewState()].shift = next == 0 ? nil : next
        message = next == 0 ? "columns fit the width again" : "scrolled \(next) columns right (← back)"
    }

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

    /// Replaces the snapshot and resets every view (the basket empties: it belongs to one incident).
    func switchSnapshot(_ path: String, truth given: TruthSource? = nil) {
        do {
            let s = try openSnapshot(path)
            snapshot = s
            truth = given ?? PickerPage.tasks(self).first { $0.snapshot == path }?.truth ?? SnapshotLayout.groundTruthPath(in: path).map(TruthSource.file)
            history = []; views = [:]; controllers = [:]
            basket = []; timeWindow = nil; lastScore = nil
            page = .view(.overview)
            invalidate()
            message = "opened \(s.name)"
            onEvent?("open", ["snapshot": s.name])
        } catch { message = "cannot open \(path): \(error)" }
    }

    /// Advances the replay by one step (called by the runner while playing); stops at the end.
    public func tick() {
        guard playing, page == .replay else { return }
        let c = views[.replay]?.cursor ?? ListCursor()
        if c.selected + 1 >= rowCount() { playing = false; message = "end of the trajectory"; return }
        moveCursor(1)
    }
}
