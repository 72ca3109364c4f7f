import Foundation
import Snapshot

/// Find (`f`, then n / N) as in less, vim and lnav: the rows stay, the cursor jumps to the next one that contains
/// the text (any cell, case-insensitive), and matches are highlighted. Without a find, n / N follow the filter.
extension AppState {
    func editFind(_ text: String, _ key: Key) {
        var t = text
        switch key {
        case .escape: mode = .normal; return
        case .enter:
            mode = .normal
            findText = t.isEmpty ? nil : t
            if !t.isEmpty { jumpToMatch(forward: true, includeCurrent: true) } else { message = "find cleared" }
            return
        case .backspace, .delete: if !t.isEmpty { t.removeLast() }
        case .char(let c): t.append(c)
        default: return
        }
        mode = .find(t)
    }

    func jumpToMatch(forward: Bool, includeCurrent: Bool = false) {
        guard let needle = findText ?? views[page]?.filter, !needle.isEmpty else { message = "nothing to find: f TEXT first"; return }
        let count = rowCount()
        guard count > 0 else { message = "no rows"; return }
        let start = (views[page]?.cursor ?? ListCursor()).selected
        let pattern = rowPattern(needle)
        // Logs are read in pages from the file; other views are in memory. At most 20,000 rows are searched.
        let limit = min(count, 20_000)
        for step in (includeCurrent ? 0 : 1)..<(limit + (includeCurrent ? 0 : 1)) {
            let i = ((forward ? start + step : start - step) % count + count) % count
            if pattern.matches(rowText(at: i)) {
                var c = views[page]?.cursor ?? ListCursor()
                c.selected = i
                c.clamp(count: count, page: pageSize)
                views[page, default: PageViewState()].cursor = c
                message = "\(forward ? "next" : "previous") '\(needle)': row \(i + 1) of \(count)" + (step > 0 && (forward ? i < start : i > start) ? " (wrapped)" : "")
                return
            }
        }
        message = "'\(needle)' is not in this view" + (count > limit ? " (searched \(limit) of \(count) rows)" : "")
    }

    /// The text of row `i` of the page, cells joined.
    func rowText(at i: Int) -> String { current.text(at: i, self) }
}
