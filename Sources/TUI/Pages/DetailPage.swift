import Foundation
import Snapshot

/// One record read whole (`d` on a row): a log line, an event, a span, an alert or a metric series, its fields with
/// long values wrapped, or the record as the file stores it (`y`, as in k9s).
final class DetailPage: PageController {
    /// `log:N`, `event:NS/NAME`, `span:TRACE:SPAN`, `alert:FP`, `series:ID`.
    let reference: String
    /// The record as stored instead of its fields (`y`).
    var raw = false
    init(_ reference: String) { self.reference = reference }

    var title: String { "Detail \(reference.split(separator: ":").first ?? "")" }
    var help: String { "Detail: the record whole. y shows it as the file stores it, c copies it, Enter on an object or entity field opens it." }
    var orderable: Bool { false }
    var stateKey: String { "\(raw)" }

    func perform(_ action: Action, _ app: AppState) -> Bool {
        switch action {
        case .raw:
            raw.toggle(); app.invalidate()
            app.message = raw ? "the record as stored (y: fields)" : "fields (y: as stored)"
        case .detail: app.message = "already reading this record; Esc goes back"
        default: return false
        }
        return true
    }

    func copyText(_ app: AppState) -> String? {
        guard let d = record(app) else { return nil }
        return d.raw.isEmpty ? d.fields.map { "\($0.name)\t\($0.value)" }.joined(separator: "\n") : d.raw
    }

    /// The record the reference names, through the query layer.
    func record(_ app: AppState) -> RecordDetail? {
        let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let s = app.snapshot
        switch parts[0] {
        case "log": return Int(parts[1]).flatMap { s.logDetail($0) }
        case "event": return s.events(EventFilter()).first { "\($0.namespace)/\($0.name)" == parts[1] }.map { s.eventDetail($0) }
        case "alert": return s.alerts(AlertFilter()).first { $0.fingerprint == parts[1] }.map { s.alertDetail($0) }
        case "series": return s.seriesDetail(parts[1])
        case "span":
            let ids = parts[1].split(separator: ":").map(String.init)
            return ids.count == 2 ? s.spanDetail(traceID: ids[0], spanID: ids[1]) : nil
        default: return nil
        }
    }

    func table(_ app: AppState) -> PageTable {
        guard let d = record(app) else { return errorTable("the record \(reference) is not in this snapshot") }
        let width = max(20, app.contentWidth - 1)
        var rows = [Row(["\(d.title)  — \(d.source)  (y: \(raw ? "fields" : "as stored"), Esc back)"], role: .header)]
        if raw {
            for line in d.raw.split(separator: "\n", omittingEmptySubsequences: false) {
                rows += TextWidth.wrap(String(line), width: width, prefix: "    ").map { Row([$0]) }
            }
            return ([Column("RECORD", .flex(min: 10))], rows)
        }
        // Names are never cut: a longer one than the column takes its own width.
        let nameWidth = min(40, max(8, d.fields.map { $0.name.count }.max() ?? 8))
        for (name, value) in d.fields {
            let head = name + String(repeating: " ", count: max(0, nameWidth - name.count)) + "  "
            let pad = String(repeating: " ", count: head.count)
            let lines = value.isEmpty ? [""] : value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var first = true
            for line in lines {
                for piece in TextWidth.wrap(line, width: max(10, width - head.count), prefix: "") {
                    rows.append(Row([(first ? head : pad) + piece], role: name == "status" && value == "Error" || name == "level" && ["ERROR", "FATAL"].contains(value) ? .bad : .normal,
                                    entity: name == "object" || name == "entity" ? (value == "-" ? nil : value) : nil))
                    first = false
                }
            }
        }
        return ([Column("RECORD", .flex(min: 10))], rows)
    }
}
