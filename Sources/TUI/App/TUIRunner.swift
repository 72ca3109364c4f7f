import Foundation

/// Runs the app: on a real terminal through ncurses, or headless, reading key names from a stream and printing
/// the screen as text (how a model drives the same UI a person uses, and how the tests look at the real binary).
public enum TUIRunner {
    /// Interactive session; returns false when stdin/stdout are not a terminal.
    public static func interactive(_ app: AppState, theme: Theme) -> Bool {
        guard let term = NcursesTerminal(theme: theme) else { return false }
        defer { term.end() }
        let (w, h) = term.size
        app.handle(.resize(width: w, height: h))
        var dirty = true
        var idle = 0
        while !app.quit {
            if dirty { term.present(app.render()); dirty = false }
            switch term.read() {
            case .key(let k):
                app.handle(k); dirty = true; idle = 0
                if let c = app.clipboard { term.copyToClipboard(c); app.clipboard = nil }
            case .idle:
                // A resize that arrived without a KEY_RESIZE still changes the window size.
                let (w, h) = term.size
                if w != app.width || h != app.height { app.handle(.resize(width: w, height: h)); dirty = true }
                idle += 1
                if let p = app.practice, !p.revealed, idle % 10 == 0 { dirty = true }   // the timer ticks once a second
                if app.playing, Double(idle) * 0.1 >= app.playInterval { app.tick(); dirty = true; idle = 0 }
            case .closed: return true
            }
        }
        return true
    }

    /// Headless session. Each input line is a key name (`j`, `down`, `enter`, `esc`, `tab`, `/`, `ctrl-c`, `space`),
    /// `type TEXT` (types the characters), `resize WxH`, or `print`. The screen is printed after every line unless
    /// `onRequestOnly`, then only on `print`. Ends at end of input or when the app quits.
    /// What one line of a key script did.
    public enum LineResult: Equatable, Sendable { case handled, skipped, print, badResize, unknown }

    /// Runs one line of a key script: a key name, `type TEXT`, `resize COLSxROWS` (when `allowResize`), `print`
    /// (the caller shows the screen), or a blank or `#` comment line. Shared by `--headless` and the MCP `tui` tool.
    public static func send(_ raw: String, to app: AppState, allowResize: Bool = true) -> LineResult {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { return .skipped }
        if line == "print" || line == "screen" { return .print }
        if line.hasPrefix("type ") { for c in line.dropFirst(5) { app.handle(.char(c)) }; return .handled }
        if allowResize, line.hasPrefix("resize ") {
            let p = line.dropFirst(7).split(separator: "x").compactMap { Int($0) }
            guard p.count == 2 else { return .badResize }
            app.handle(.resize(width: p[0], height: p[1]))
            return .handled
        }
        guard let k = Key.named(line) else { return .unknown }
        if case .resize = k, !allowResize { return .unknown }
        app.handle(k)
        return .handled
    }

    public static func headless(_ app: AppState, input: FileHandle, output: (String) -> Void, onRequestOnly: Bool) {
        var pending = ""
        func show(_ label: String) {
            output("─── \(label) │ \(app.width)x\(app.height) │ \(app.current.title) ───\n" + app.render().text + "\n")
        }
        if !onRequestOnly { show("start") }
        while !app.quit {
            let data = input.availableData
            if data.isEmpty { break }
            pending += String(decoding: data, as: UTF8.self)
            while let nl = pending.firstIndex(of: "\n") {
                let line = String(pending[..<nl]).trimmingCharacters(in: .whitespaces)
                pending = String(pending[pending.index(after: nl)...])
                switch send(line, to: app) {
                case .skipped: continue
                case .print: show("print"); continue
                case .badResize: output("headless: bad resize '\(line)'\n")
                case .unknown: output("headless: unknown key '\(line)'\n"); continue
                case .handled: break
                }
                if let c = app.clipboard { output("─── clipboard (OSC 52) ───\n\(c)\n"); app.clipboard = nil }
                if !onRequestOnly { show(line) }
                if app.quit { return }
            }
        }
    }
}
