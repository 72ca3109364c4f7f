/// Everything a key can do.
public enum Action: String, Sendable, CaseIterable {
    case up, down, pageUp, pageDown, top, bottom, open, back, nextPane, prevPane
    case filter, command, help, quit, pivot, basket, showBasket, submit, noise, sort, timeSync, rollup
    case view1, view2, view3, view4, view5, view6, view7, view8, view9
    case play, replay, markRoot, markAlias, detail, raw, copy, sidebar, find, nextMatch, prevMatch, orderBy, reverseOrder, errorsOnly
    case scrollLeft, scrollRight, wrap, focusPane, faster, slower
}

/// Where a binding applies: everywhere, or on the pages that list the context (a page's part of the table).
public enum KeyContext: String, Sendable, CaseIterable { case global, list, logs, traces, replay }

/// One binding: keys, action, context, and the words shown in help and the status line.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let context: KeyContext
    public let help: String
    /// Shown in the status line hints.
    public let hint: Bool
}

/// The single table of key bindings: the `?` overlay, the status-line hints and docs/KEYS.md come from it.
public enum KeyBindings {
    public static let all: [Binding] = [
        Binding(keys: [.up, .char("k")], action: .up, context: .global, help: "move up", hint: false),
        Binding(keys: [.down, .char("j")], action: .down, context: .global, help: "move down", hint: false),
        Binding(keys: [.pageUp, .ctrl("b")], action: .pageUp, context: .global, help: "page up", hint: false),
        Binding(keys: [.pageDown, .ctrl("f"), .char(" ")], action: .pageDown, context: .global, help: "page down", hint: false),
        Binding(keys: [.char("g"), .home], action: .top, context: .global, help: "first row", hint: false),
        Binding(keys: [.char("G"), .end], action: .bottom, context: .global, help: "last row", hint: false),
        Binding(keys: [.enter, .char("l")], action: .open, context: .global, help: "open the selected row (detail, trace, entity)", hint: true),
        Binding(keys: [.escape, .char("h"), .backspace], action: .back, context: .global, help: "back (history), close overlay, clear filter", hint: true),
        Binding(keys: [.tab], action: .nextPane, context: .global, help: "next view", hint: true),
        Binding(keys: [.backTab], action: .prevPane, context: .global, help: "previous view", hint: false),
        Binding(keys: [.char("/")], action: .filter, context: .global, help: "filter rows as you type: a regex, case-insensitive unless it has an uppercase letter (every view)", hint: true),
        Binding(keys: [.char(":")], action: .command, context: .global, help: "command line (:entity ns/Kind/name, :logs, :submit, :q)", hint: true),
        Binding(keys: [.char("?"), .function(1)], action: .help, context: .global, help: "this help", hint: true),
        Binding(keys: [.char("q"), .ctrl("c")], action: .quit, context: .global, help: "quit", hint: true),
        Binding(keys: [.char("d")], action: .detail, context: .global, help: "read the selected record whole (log line, event, span, alert, series)", hint: true),
        Binding(keys: [.left], action: .scrollLeft, context: .global, help: "scroll the columns left (replay: the step's output)", hint: false),
        Binding(keys: [.right], action: .scrollRight, context: .global, help: "scroll the columns right to read cut cells (replay: the step's output)", hint: false),
        Binding(keys: [.char("w")], action: .wrap, context: .global, help: "wrap long cells onto more lines / cut them at the column's edge", hint: false),
        Binding(keys: [.char("\\")], action: .sidebar, context: .global, help: "show/hide the navigation sidebar (hidden below 100 columns)", hint: false),
        Binding(keys: [.char("c")], action: .copy, context: .global, help: "copy the focused entity (in a detail page, the record) to the clipboard (OSC 52: works over ssh and in tmux)", hint: false),
        Binding(keys: [.char("y")], action: .raw, context: .global, help: "detail: the record as the file stores it / its fields", hint: false),
        Binding(keys: [.char("e")], action: .pivot, context: .global, help: "pivot to the entity of the selected row", hint: true),
        Binding(keys: [.char("b")], action: .basket, context: .global, help: "add/remove the focused entity as a root-cause candidate", hint: true),
        Binding(keys: [.char("B")], action: .showBasket, context: .global, help: "show the basket", hint: false),
        Binding(keys: [.char("S")], action: .submit, context: .global, help: "submit the basket and show the score", hint: true),
        Binding(keys: [.char("z")], action: .noise, context: .global, help: "hide/show benchmark noise (always-firing alerts, infra namespaces)", hint: false),
        Binding(keys: [.char("f")], action: .find, context: .global, help: "find in this view without filtering (same syntax as /; then n / N)", hint: false),
        Binding(keys: [.char("n")], action: .nextMatch, context: .global, help: "next row matching the find (or the filter)", hint: false),
        Binding(keys: [.char("N")], action: .prevMatch, context: .global, help: "previous row matching the find (or the filter)", hint: false),
        Binding(keys: [.char("s")], action: .sort, context: .list, help: "cycle the sort order", hint: false),
        Binding(keys: [.char("o")], action: .orderBy, context: .global, help: "order rows by the next column (▲ in its header; again: the one after)", hint: false),
        Binding(keys: [.char("O")], action: .reverseOrder, context: .global, help: "reverse the column order (▲ / ▼)", hint: false),
        Binding(keys: [.char("x")], action: .errorsOnly, context: .traces, help: "traces: only traces with an error span / all", hint: false),
        Binding(keys: [.char("t")], action: .timeSync, context: .global, help: "narrow other views to the selected alert/event time (again: clear)", hint: false),
        Binding(keys: [.char("r")], action: .rollup, context: .traces, help: "traces: per-service rollup / trace list", hint: false),
        Binding(keys: [.char("p")], action: .play, context: .replay, help: "replay: play / pause (one step a second)", hint: true),
        Binding(keys: [.char("+")], action: .faster, context: .replay, help: "replay: play faster", hint: false),
        Binding(keys: [.char("-")], action: .slower, context: .replay, help: "replay: play slower", hint: false),
        Binding(keys: [.tab], action: .focusPane, context: .replay, help: "replay: switch between the step list and the step's output (arrows scroll it)", hint: true),
        Binding(keys: [.char("R")], action: .replay, context: .global, help: "back to the replayed trajectory", hint: false),
        Binding(keys: [.char("m")], action: .markRoot, context: .global, help: "label: mark/unmark the focused entity as a root cause", hint: false),
        Binding(keys: [.char("A")], action: .markAlias, context: .global, help: "label: the focused entity is an alias of the last root cause", hint: false),
        Binding(keys: [.char("1")], action: .view1, context: .global, help: "Overview", hint: false),
        Binding(keys: [.char("2")], action: .view2, context: .global, help: "Alerts", hint: false),
        Binding(keys: [.char("3")], action: .view3, context: .global, help: "Events", hint: false),
        Binding(keys: [.char("4")], action: .view4, context: .global, help: "Traces", hint: false),
        Binding(keys: [.char("5")], action: .view5, context: .global, help: "Metrics", hint: false),
        Binding(keys: [.char("6")], action: .view6, context: .global, help: "Logs", hint: false),
        Binding(keys: [.char("7")], action: .view7, context: .global, help: "Topology", hint: false),
        Binding(keys: [.char("8")], action: .view8, context: .global, help: "Objects", hint: false),
        Binding(keys: [.char("9")], action: .view9, context: .global, help: "Entities", hint: false),
    ]

    /// The action for a key on a page with these contexts (the page's bindings win over global ones, in order).
    public static func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for c in contexts + [.global] { if let b = all.first(where: { $0.context == c && $0.keys.contains(key) }) { return b.action } }
        return nil
    }

    /// The bindings of a page's own contexts, for the top of `?`.
    static func bindings(for contexts: [KeyContext]) -> [Binding] { all.filter { $0.context != .global && contexts.contains($0.context) } }

    /// Pairs of bindings that claim the same key in the same context.
    public static func collisions() -> [(Binding, Binding)] {
        var out: [(Binding, Binding)] = []
        for (i, a) in all.enumerated() {
            for b in all[(i + 1)...] where a.context == b.context && !Set(a.keys).isDisjoint(with: b.keys) { out.append((a, b)) }
        }
        return out
    }

    public static func keys(_ a: Action) -> String { all.first { $0.action == a }?.keys.map(\.label).joined(separator: "/") ?? "" }

    /// Markdown for docs/KEYS.md.
    public static var markdown: String {
        "| keys | action | where |\n|---|---|---|\n" + all.map { "| \($0.keys.map { "`\($0.label)`" }.joined(separator: " ")) | \($0.help) | \($0.context.rawValue) |" }.joined(separator: "\n")
    }
}
