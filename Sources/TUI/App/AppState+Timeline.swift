import Foundation
import Snapshot

/// The Logs view's lnav-style histogram (records and errors over the recording, the selected record marked) and
/// `:goto TIME` (a clock time, a date-time, or an offset such as +5m from the selected record).
extension AppState {
    /// Rows the histogram takes above the log table: none on small screens.
    var histogramRows: Int { page == .view(.logs) && height >= 16 && contentWidth >= 40 ? 3 : 0 }

    static let bars: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The timeline of the listed records at `buckets` columns, computed once per listing and width.
    func logTimeline(buckets: Int) -> LogTimeline? {
        let idx = logMatchIndices()
        let key = "\(logIndices?.key ?? "")|\(buckets)|\(idx.count)"
        if let c = timelineCache, c.key == key { return c.value }
        let t = snapshot.logTimeline(idx, buckets: buckets)
        timelineCache = (key, t)
        return t
    }

    /// One bar per column, scaled to the largest.
    static func barLine(_ counts: [Int]) -> String {
        let top = counts.max() ?? 0
        return String(counts.map { n in n == 0 || top == 0 ? Self.bars[0] : Self.bars[max(1, min(8, Int((Double(n) / Double(top) * 8).rounded(.up))))] })
    }

    func drawLogHistogram(_ s: inout Screen, y: Int, selected: Nanos?) {
        let label = 8, right = 8
        let w = contentWidth - label - right
        guard w >= 10, let t = logTimeline(buckets: w) else { return }
        let x = contentX
        s.put("records", x: x, y: y, role: .dim)
        s.put(Self.barLine(t.records), x: x + label, y: y, role: .accent)
        s.put(Format.count(t.records.reduce(0, +)), x: x + label + w + 1, y: y, role: .dim, maxWidth: right - 1)
        s.put("errors", x: x, y: y + 1, role: .dim)
        s.put(Self.barLine(t.errors), x: x + label, y: y + 1, role: .bad)
        s.put(Format.count(t.errors.reduce(0, +)), x: x + label + w + 1, y: y + 1, role: .dim, maxWidth: right - 1)
        // The axis: start and end of the recording, the incident start (┊) and the selected record (▲ and its time).
        s.put(Self.clock(t.window.start), x: x + label, y: y + 2, role: .dim)
        let end = Self.clock(t.window.end)
        s.put(end, x: x + label + w - end.count, y: y + 2, role: .dim)
        if let inc = snapshot.windows.incident?.start, t.window.contains(inc) {
            s.put("┊", x: x + label + t.bucket(of: inc), y: y + 2, role: .warn)
        }
        if let sel = selected {
            let col = t.bucket(of: sel)
            let text = "▲ " + Self.clock(sel, seconds: true)
            let at = col + text.count <= w ? col : max(0, col - text.count + 1)
            s.put(col + text.count <= w ? text : Self.clock(sel, seconds: true) + " ▲", x: x + label + at, y: y + 2, role: .key, bold: true)
        }
    }

    /// HH:MM (with `seconds`, HH:MM:SS as `t` gives it).
    static func clock(_ time: Nanos, seconds: Bool = false) -> String { seconds ? t(time) : String(t(time).prefix(5)) }

    /// `:goto TIME`: the Logs view's cursor moves to the first listed record at or after TIME.
    func gotoCommand(_ arg: String) {
        if page != .view(.logs) { go(.view(.logs)) }
        let idx = logMatchIndices()
        guard !idx.isEmpty else { message = "no log records to move in"; return }
        let c = cursors[page] ?? ListCursor()
        let reference = snapshot.logTime(idx[min(c.selected, idx.count - 1)]) ?? snapshot.windows.recording?.start ?? 0
        guard !arg.isEmpty, let target = Timestamp.parseUser(arg, reference: reference) else {
            message = "cannot read '\(arg)' as a time: :goto 09:07, :goto 09:07:30, :goto +5m, :goto -30s, :goto 2026-03-10T09:07:00Z"
            return
        }
        let pos = snapshot.firstLog(atOrAfter: target, in: idx)
        var n = ListCursor(selected: min(pos, idx.count - 1), top: 0)
        n.top = max(0, n.selected - pageSize / 3)
        n.clamp(count: idx.count, page: pageSize)
        cursors[page] = n
        let at = snapshot.logTime(idx[n.selected]).map { Timestamp.format($0, fraction: 3) } ?? "?"
        message = pos >= idx.count ? "no record at or after \(Timestamp.format(target, fraction: 0)); at the last one (\(at))"
            : "record \(Format.count(n.selected + 1)) of \(Format.count(idx.count)) at \(at)"
        onEvent?("goto", ["time": Timestamp.iso(target)])
    }
}
