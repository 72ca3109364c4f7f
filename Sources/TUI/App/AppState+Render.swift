import Foundation
import Snapshot

/// Drawing the frame: header, left navigation, the page, the status line, and the help overlay.
extension AppState {
    public func render() -> Screen {
        var s = Screen(width: width, height: height)
        guard width >= 16, height >= 4 else {
            s.put("too small: \(width)×\(height)", x: 0, y: 0, role: .warn)
            if height > 1 { s.put("q quits", x: 0, y: 1) }
            return s
        }
        drawHeader(&s)
        if navWidth > 0 { drawNav(&s) }
        drawPage(&s)
        drawStatus(&s)
        if mode == .help { drawHelp(&s) }
        return s
    }

    func drawHeader(_ s: inout Screen) {
        s.fill(y: 0, role: .title)
        var parts = ["triage", snapshot.name]
        if let w = snapshot.windows.recording { parts.append("\(Timestamp.format(w.start, fraction: 0).suffix(8))→\(Timestamp.format(w.end, fraction: 0).suffix(8))") }
        // The mode comes before the page title so a narrow header still shows it.
        if let p = practice { parts.append(p.revealed ? "practice: answer revealed" : "practice \(p.used + 1)/\(p.allowed)") }
        if let l = labelling { parts.append("labelling (\(l.truth.rootCauseGroups.count) root)") }
        parts.append(current.title)
        if let tw = timeWindow { parts.append("⏱ \(Timestamp.format(tw.start, fraction: 0).suffix(8))–\(Timestamp.format(tw.end, fraction: 0).suffix(8))") }
        if hideNoise { parts.append("noise hidden") }
        s.put(" " + parts.joined(separator: " │ "), x: 0, y: 0, role: .title, bold: true, maxWidth: width)
    }

    func drawNav(_ s: inout Screen) {
        let current = page.viewID
        for v in ViewID.allCases {
            let y = 1 + v.rawValue
            guard y < height - 1 else { break }
            let label = "\(v.rawValue + 1) \(v.title)"
            if v == current { s.fill(y: y, from: 0, to: navWidth, role: .selected); s.put(label, x: 0, y: y, role: .selected, bold: true, maxWidth: navWidth) }
            else { s.put(label, x: 0, y: y, role: .normal, maxWidth: navWidth) }
        }
        let by = ViewID.allCases.count + 2
        if by < height - 1 { s.put("★ basket \(basket.count)", x: 0, y: by, role: basket.isEmpty ? .dim : .accent, maxWidth: navWidth) }
        for y in 1..<(height - 1) { s.put("│", x: navWidth, y: y, role: .border) }
    }

    func drawPage(_ s: inout Screen) { current.draw(&s, self) }

    func drawStatus(_ s: inout Screen) {
        let y = height - 1
        s.fill(y: y, role: .status)
        switch mode {
        case .filter(let t):
            s.put("filter /" + t + "▏  regex, smart case · Enter applies · Esc clears", x: 0, y: y, role: .status, maxWidth: width)
            return
        case .find(let t):
            s.put("find " + t + "▏  Enter finds · n next · N previous · Esc cancels", x: 0, y: y, role: .status, maxWidth: width)
            return
        case .command(let t):
            s.put(":" + t + "▏  :entity NAME · :logs REGEX · :goto 09:07 · :add NAME · :submit · :time A B · :q", x: 0, y: y, role: .status, maxWidth: width)
            return
        default: break
        }
        let n = rowCount()
        let c = views[page]?.cursor ?? ListCursor()
        var left = " \(current.title) \(n == 0 ? 0 : c.selected + 1)/\(Format.count(n))"
        if let sc = views[page]?.scope, !sc.isEmpty { left += " [\(sc.label)]" }
        if let f = views[page]?.filter { left += " /\(f)" }
        let labelOnly: Set<Action> = [.markRoot, .markAlias], basketOnly: Set<Action> = [.basket, .submit, .showBasket]
        // The page's own bindings first; a global one whose key the page takes over is not advertised.
        let own = KeyBindings.bindings(for: current.contexts)
        let taken = Set(own.flatMap(\.keys))
        let active = own + KeyBindings.all.filter { $0.context == .global && taken.isDisjoint(with: $0.keys) }
        let hints = active.filter { b in
            labelling != nil ? (b.hint && !basketOnly.contains(b.action)) || labelOnly.contains(b.action) : b.hint
        }.map { "\($0.keys.first!.label) \(Self.hintWord($0.help))" }.joined(separator: "  ")
        let right = (practice.map { $0.clock + "  " } ?? "") + "★\(basket.count) "
        var text = left + " │ " + (message ?? hints)
        let room = width - TextWidth.of(right) - 1
        text = TextWidth.truncate(text, to: room)
        s.put(text, x: 0, y: y, role: .status, maxWidth: room)
        s.put(right, x: width - TextWidth.of(right), y: y, role: .status, bold: true)
        if message != nil { s.restyle(y: y, from: TextWidth.of(left) + 3, to: min(room, TextWidth.of(text)), role: .status, bold: true) }
    }

    /// The first word of a binding's help, after a `replay:`-style prefix that names where it applies.
    static func hintWord(_ help: String) -> String {
        let words = help.split(separator: " ")
        guard let first = words.first else { return "" }
        return String(first.hasSuffix(":") && words.count > 1 ? words[1] : first)
    }

    /// The keys, then the `:` commands: one table, scrolled with j/k, PgUp/PgDn, g/G.
    static let helpCommands: [(String, String)] = [
        (":entity NAME", "open an entity page (ns/Kind/name, Kind/name, a bare name)"), (":logs REGEX", "Logs filtered (any view name works)"),
        (":add NAME", "add an entity to the basket"), (":submit", "submit the basket and score it"), (":basket", "show the basket"),
        (":open [DIR]", "snapshot or dataset task picker"), (":time A B", "narrow every view to a time window (none: clear)"),
        (":by FIELD", "Alerts/Events counted per field (none: list again)"), (":patterns", "log templates before/after the incident"),
        (":compare [T [W]]", "what changed at the incident start or T"), (":suspects", "the baseline ranking (not in practice)"),
        (":w FILE", "write this view as .csv, .json or .md (:w! replaces)"), (":noise", "hide/show benchmark noise"),
        (":goto TIME", "Logs: jump to 09:07, 09:07:30, +5m, -30s"),
        (":tree [NAME]", "blast radius: upstream and downstream of an entity"), (":path A B", "how two entities connect"), (":step N", "replay: go to step N"), (":help", "this help"), (":q", "quit"),
    ]

    func drawHelp(_ s: inout Screen) {
        let pageKeys = KeyBindings.bindings(for: current.contexts)
        let global = KeyBindings.all.filter { $0.context == .global }
        let about = TextWidth.wrap(current.help, width: max(20, min(width - 2, 84) - 6)).map { ("", $0, Role.normal) }
        let lines = [(current.title, "", Role.header)] + about + pageKeys.map { b in (b.keys.map(\.label).joined(separator: " "), b.help, Role.key) }
            + [("", "", Role.normal), ("Everywhere", "", Role.header)] + global.map { b in (b.keys.map(\.label).joined(separator: " "), b.help, Role.key) }
            + [("", "", Role.normal), ("Commands", "", Role.header)] + Self.helpCommands.map { ($0.0, $0.1, Role.key) }
        let w = min(width - 2, 84), h = min(height - 2, lines.count + 3)
        let x0 = (width - w) / 2, y0 = (height - h) / 2
        let rows = max(1, h - 3)
        let top = min(helpScroll, max(0, lines.count - rows))
        for y in y0..<(y0 + h) { s.fill(y: y, from: x0, to: x0 + w, role: .normal) }
        s.put("╭" + String(repeating: "─", count: w - 2) + "╮", x: x0, y: y0, role: .border)
        s.put("╰" + String(repeating: "─", count: w - 2) + "╯", x: x0, y: y0 + h - 1, role: .border)
        for y in (y0 + 1)..<(y0 + h - 1) { s.put("│", x: x0, y: y, role: .border); s.put("│", x: x0 + w - 1, y: y, role: .border) }
        s.put(" Keys and commands (Esc or ? closes) ", x: x0 + 2, y: y0, role: .header, bold: true)
        for (i, l) in lines.dropFirst(top).prefix(rows).enumerated() {
            if l.2 == .header { s.put(l.0, x: x0 + 2, y: y0 + 1 + i, role: .header, bold: true, maxWidth: w - 4); continue }
            if l.0.isEmpty { s.put(l.1, x: x0 + 4, y: y0 + 1 + i, role: .normal, maxWidth: w - 6); continue }
            s.put(l.0, x: x0 + 2, y: y0 + 1 + i, role: l.2, bold: true, maxWidth: 18)
            s.put(l.1, x: x0 + 21, y: y0 + 1 + i, role: .normal, maxWidth: w - 23)
        }
        if lines.count > rows {
            s.put(" \(top + 1)–\(min(lines.count, top + rows)) of \(lines.count) · j/k PgDn/PgUp scroll ", x: x0 + 2, y: y0 + h - 1, role: .dim, maxWidth: w - 4)
        }
    }
}
