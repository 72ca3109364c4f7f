import CNcurses
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The thin ncurses backend: paints a `Screen` cell by cell and decodes keys. The only ncurses user.
/// Not thread-safe: create and use it on one thread.
public final class NcursesTerminal {
    private let win: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer?
    private let theme: Theme
    private let colors: Bool
    private var pairs: [Int32: Int16] = [:]
    private var ended = false

    /// The real terminal on stdin/stdout, or nil when they are not terminals (newterm, not initscr, which exits on failure).
    public init?(theme: Theme) {
        setlocale(LC_ALL, "")
        guard isatty(0) == 1, isatty(1) == 1, let out = fdopen(1, "w"), let inp = fdopen(0, "r"), let scr = newterm(nil, out, inp) else { return nil }
        set_term(scr)
        screen = scr
        win = tui_stdscr()
        raw(); noecho(); nonl(); keypad(win, true); set_escdelay(25); curs_set(0)
        colors = has_colors() && theme.name != "monochrome"
        self.theme = theme
        if colors { start_color(); use_default_colors() }
    }

    deinit { end() }

    public func end() {
        guard !ended else { return }
        ended = true
        endwin()
        if let s = screen { delscreen(s) }
    }

    public var size: (width: Int, height: Int) { (Int(getmaxx(win)), Int(getmaxy(win))) }

    /// Puts text on the system clipboard of the terminal the user sits at: OSC 52, which xterm, iTerm2, kitty,
    /// WezTerm, Windows Terminal and tmux (set-clipboard on) honour, over ssh too. Written past ncurses, which
    /// does not know the sequence; the screen is not disturbed. At most 100 KB (terminals cap the sequence).
    public func copyToClipboard(_ text: String) {
        let payload = Data(text.utf8.prefix(100_000)).base64EncodedString()
        FileHandle.standardOutput.write(Data("\u{1B}]52;c;\(payload)\u{07}".utf8))
    }

    public enum Input { case key(Key), idle, closed }

    /// Waits up to `timeoutMs` for a key. Polling (not blocking) matters: SIGWINCH may land on another thread, and
    /// ncurses reports KEY_RESIZE only from its next read.
    public func read(timeoutMs: Int32 = 100) -> Input {
        wtimeout(win, timeoutMs)
        var wch: wint_t = 0
        let rc = wget_wch(win, &wch)
        if rc == ERR {
            var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 0) > 0, p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .closed }
            return .idle
        }
        return .key(decode(rc, wch))
    }

    private func decode(_ rc: Int32, _ wch: wint_t) -> Key {
        if rc == KEY_CODE_YES {
            switch Int32(wch) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_BTAB: return .backTab
            case KEY_RESIZE: let sz = size; return .resize(width: sz.width, height: sz.height)
            case tui_key_f(1)...tui_key_f(12): return .function(Int(Int32(wch) - tui_key_f(0)))
            default: return .char("\u{0}")
            }
        }
        switch wch {
        case 27: return .escape
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .ctrl(Character(Unicode.Scalar(wch + 96)!))
        default: return Unicode.Scalar(wch).map { .char(Character($0)) } ?? .char("\u{0}")
        }
    }

    private func attrs(_ r: Role, bold: Bool) -> (attr_t, Int16) {
        let look = theme.look(r)
        var a = tui_a_normal()
        if look.bold || bold { a |= tui_a_bold() }
        if look.dim { a |= tui_a_dim() }
        if look.reverse { a |= tui_a_reverse() }
        guard colors, look.fg != .default || look.bg != .default else { return (a, 0) }
        let key = Int32(look.fg.rawValue) << 8 | Int32(look.bg.rawValue & 0xFF)
        if let p = pairs[key] { return (a, p) }
        let p = Int16(pairs.count + 1)
        guard Int32(p) < tui_color_pairs() else { return (a, 0) }
        init_pair(p, look.fg.rawValue, look.bg.rawValue)
        pairs[key] = p
        return (a, p)
    }

    /// Paints every cell; ncurses diffs against the current screen, so a full repaint per frame is cheap.
    public func present(_ s: Screen) {
        let (w, h) = size
        var buf = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var cc = cchar_t()
        for y in 0..<min(h, s.height) {
            for x in 0..<min(w, s.width) {
                let cell = s[x, y]
                if cell.continuation { continue }
                var n = 0
                for u in cell.text.unicodeScalars where n < Int(CCHARW_MAX) { buf[n] = wchar_t(bitPattern: u.value); n += 1 }
                buf[n] = 0
                let (a, p) = attrs(cell.role, bold: cell.bold)
                setcchar(&cc, buf, a, p, nil)
                mvwadd_wch(win, Int32(y), Int32(x), &cc)
            }
        }
        wnoutrefresh(win)
        doupdate()
    }
}
