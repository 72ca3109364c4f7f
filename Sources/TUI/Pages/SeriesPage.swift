import Foundation
import Snapshot

/// A metric series as a plot: a Braille line with time on the x axis, a y axis in the metric's unit, time labels,
/// and marks for the incident start (┊), alerts on the series' entity becoming active (!) and its manifest changes (Δ).
final class SeriesPage: PageController {
    let id: String
    init(_ id: String) { self.id = id }

    var title: String { "Series \(id)" }
    var help: String { "Series: the values over the recording with the incident start, alerts and manifest changes marked. d reads its labels." }
    var orderable: Bool { false }

    func open(_ row: Row, _ app: AppState) { app.go(.detail("series:" + id)) }

    func table(_ app: AppState) -> PageTable {
        let snapshot = app.snapshot, contentWidth = app.contentWidth, contentHeight = app.contentHeight
        let col = [Column("SERIES", .flex(min: 10))]
        guard let p = try? snapshot.seriesPoints(id) else { return (col, [Row(["no series \(id)"], role: .bad)]) }
        let unit = p.unit
        var rows = [Row(["\(p.name) \(p.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) (\(p.derived))"], role: .header)]
        let fin = p.values.filter(\.isFinite)
        let lo = fin.min() ?? 0, hi = fin.max() ?? 0
        rows.append(Row(["min \(Self.axisValue(lo, unit))  max \(Self.axisValue(hi, unit))  last \(Self.axisValue(fin.last ?? 0, unit))  points \(p.values.count)"]))
        guard let t0 = p.times.first, let t1 = p.times.last, t1 > t0 else {
            rows.append(Row(["one point: nothing to plot over time"], role: .dim))
            return (col, rows)
        }
        let markers = snapshot.seriesMarkers(id).filter { $0.time >= t0 && $0.time <= t1 }
        let labels = [hi, (hi + lo) / 2, lo].map { Self.axisValue($0, unit) }
        let gutter = min(16, max(6, (labels.map(TextWidth.of).max() ?? 0) + 1))
        let w = max(10, contentWidth - 3 - gutter)
        let h = max(3, min(16, contentHeight - 7 - min(markers.count, 4)))
        let plot = Braille.plot(p.values, times: p.times, window: (t0, t1), width: w, height: h)
        for (i, line) in plot.enumerated() {
            let label = i == 0 ? Self.axisValue(hi, unit) : i == plot.count - 1 ? Self.axisValue(lo, unit)
                : i == plot.count / 2 ? Self.axisValue((hi + lo) / 2, unit) : ""
            rows.append(Row([Self.padLeft(label, gutter) + "┤" + line], role: .accent))
        }
        rows.append(Row([String(repeating: " ", count: gutter) + "└" + String(repeating: "─", count: w)], role: .dim))
        // Time labels under the start, the middle and the end.
        var axis = [Character](repeating: " ", count: gutter + 1 + w)
        func place(_ text: String, at x: Int) { for (k, c) in text.enumerated() where x + k >= 0 && x + k < axis.count { axis[x + k] = c } }
        place(AppState.clock(t0, seconds: true), at: gutter + 1)
        let mid = AppState.clock(t0 + (t1 - t0) / 2, seconds: true)
        place(mid, at: gutter + 1 + w / 2 - mid.count / 2)
        let end = AppState.clock(t1, seconds: true)
        place(end, at: gutter + 1 + w - end.count)
        rows.append(Row([String(axis)], role: .dim))
        guard !markers.isEmpty else { return (col, rows) }
        var marks = [Character](repeating: " ", count: gutter + 1 + w)
        for m in markers {
            // Marks at the same column move right to the next free one, so none hides another.
            var x = gutter + 1 + min(w - 1, Int(Double(m.time - t0) / Double(t1 - t0) * Double(w)))
            while x < marks.count - 1 && marks[x] != " " { x += 1 }
            marks[x] = m.glyph.first!
        }
        rows.append(Row([String(marks)], role: .warn))
        for m in markers.prefix(4) {
            rows.append(Row(["\(m.glyph) \(AppState.clock(m.time, seconds: true)) \(m.kind.rawValue): \(m.label)"], role: m.kind == .alert ? .bad : .warn))
        }
        if markers.count > 4 { rows.append(Row(["… and \(markers.count - 4) more marks"], role: .dim)) }
        return (col, rows)
    }

    /// A value with its unit for the y axis: `12.5ms`, `3.20/s`, `1.2e+06B`.
    static func axisValue(_ v: Double, _ unit: String) -> String {
        let n = abs(v) >= 1e6 ? String(format: "%.2g", v) : Format.measure(v)
        return unit.isEmpty ? n : unit == "ratio" ? n : n + unit
    }

    static func padLeft(_ s: String, _ w: Int) -> String {
        let t = TextWidth.truncate(s, to: w - 1)
        return String(repeating: " ", count: max(0, w - TextWidth.of(t))) + t
    }
}
