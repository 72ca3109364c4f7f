import Foundation
import Snapshot

/// `d` opens the record behind a row (the detail page); `c` copies what is in focus.
extension AppState {
    func openDetail() {
        guard let r = selectedRow() else { message = "no row selected"; return }
        guard let d = r.detail else { message = "this row is not a single record (d reads log lines, events, spans, alerts and series)"; return }
        (controller(.detail(d)) as? DetailPage)?.raw = false
        go(.detail(d))
    }

    /// `c`: the record on a detail page (as stored), else the focused row's entity, else its text.
    func copyFocused() {
        var text: String?
        if let t = current.copyText(self) { text = t }
        else if let r = selectedRow() { text = r.entity ?? r.cells.joined(separator: "\t") }
        guard let t = text, !t.isEmpty else { message = "nothing to copy here"; return }
        clipboard = t
        let first = t.split(separator: "\n").first.map(String.init) ?? t
        message = "copied \(first.count > 60 ? String(first.prefix(60)) + "…" : first)" + (t.contains("\n") ? " (\(t.split(separator: "\n").count) lines)" : "")
    }
}
