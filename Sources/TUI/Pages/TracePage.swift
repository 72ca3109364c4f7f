import Foundation
import Snapshot

/// One trace as a waterfall: spans indented by depth, errors with their status message, bars on a shared time axis.
final class TracePage: PageController {
    let traceID: String
    init(_ traceID: String) { self.traceID = traceID }

    var title: String { "Trace \(traceID.prefix(12))…" }
    var help: String { "Trace: the spans as a waterfall. d reads a span whole (attributes, parent, children); Enter opens its service's entity." }
    var orderable: Bool { false }

    func table(_ app: AppState) -> PageTable {
        guard let spans = try? app.snapshot.trace(traceID), let t0 = spans.map(\.start).min() else { return ([Column("TRACE", .flex(min: 10))], [Row(["no trace \(traceID)"], role: .bad)]) }
        let total = max(1, (spans.map { $0.start + $0.duration }.max() ?? t0) - t0)
        let barW = max(10, min(40, app.contentWidth / 3))
        return ([Column("SPAN", .flex(min: 20)), Column("DURATION", .fixed(9), right: true), Column("WATERFALL", .fixed(barW))],
                spans.map { sp in
                    let a = Int(Double(sp.start - t0) / Double(total) * Double(barW))
                    let b = max(a + 1, Int(Double(sp.start + sp.duration - t0) / Double(total) * Double(barW)))
                    let bar = String(repeating: " ", count: min(a, barW)) + String(repeating: sp.isError ? "▓" : "█", count: max(1, min(b, barW) - min(a, barW)))
                    let label = String(repeating: "  ", count: min(sp.depth, 12)) + (sp.isError ? "✘ " : "") + "\(sp.service) \(sp.name)"
                        + (sp.isError && !sp.statusMessage.isEmpty ? " — " + sp.statusMessage.replacingOccurrences(of: "\n", with: " ") : "")
                    return Row([label, Timestamp.duration(sp.duration), bar], role: sp.isError ? .bad : .normal,
                               entity: app.snapshot.graph.primaryEntity(forService: sp.service)?.description, time: sp.start, detail: "span:\(sp.traceID):\(sp.spanID)")
                })
    }
}
