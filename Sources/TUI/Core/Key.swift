/// A key press, decoded from the terminal or from a key name in headless mode.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end, enter, escape, tab, backTab, backspace, delete
    case function(Int)
    case resize(width: Int, height: Int)
    case ctrl(Character)

    /// Parses the names used in headless scripts and docs: `j`, `down`, `enter`, `esc`, `tab`, `pgdn`, `ctrl-c`, `space`.
    public static func named(_ raw: String) -> Key? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        switch s.lowercased() {
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "tab": return .tab
        case "backtab", "shift-tab": return .backTab
        case "backspace", "bs": return .backspace
        case "delete", "del": return .delete
        case "space": return .char(" ")
        default: break
        }
        if s.lowercased().hasPrefix("ctrl-"), let c = s.dropFirst(5).first { return .ctrl(Character(c.lowercased())) }
        if s.lowercased().hasPrefix("f"), let n = Int(s.dropFirst()), (1...12).contains(n) { return .function(n) }
        if s.count == 1, let c = s.first { return .char(c) }
        return nil
    }

    public var label: String {
        switch self {
        case .char(" "): return "space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .ctrl(let c): return "^\(c.uppercased())"
        }
    }
}

import Foundation
