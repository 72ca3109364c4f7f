import Foundation
import Snapshot

/// The detail page: one record read whole (`d` or → on any row that stands for a record), its fields with long
/// values wrapped, or the record as the file stores it (`y`).
extension AppState {
    func openDetail() {
        if case .detail = page { message = "already reading this record; Esc goes back"; return }
        guard let r = selectedRow() else { message = "no row selected"; return }
        guard let d = r.detail else { message = "this row is not a single record (d reads log lines, events, spans, alerts and series)"; return }
        rawDetail = false
        go(.detail(d))
    }

    /// `c`: the record on a detail page (as stored), else the focused row's entity, else its text.
    func copyFocused() {
        var text: String?
        if case .detail(let ref) = page, let d = record(ref) { text = d.raw.isEmpty ? d.fields.map { "\($0.name)\t\($0.value)" }.joined(separator: "\n") : d.raw }
        else if let r = selectedRow() { text = r.entity ?? r.cells.joined(separator: "\t") }
        guard let t = text, !t.isEmpty else { message = "nothing to copy here"; return }
        clipboard = t
        let first = t.split(separator: "\n").first.map(String.init) ?? t
        message = "copied \(first.count > 60 ? String(first.prefix(60)) + "…" : first)" + (t.contains("\n") ? " (\(t.split(separator: "\n").count) lines)" : "")
    }

    /// The record a reference names, through the query layer.
    func record(_ ref: String) -> RecordDetail? {
        let parts = ref.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let s = snapshot
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

    func detailRows(_ ref: String) -> (cols: [Column], rows: [Row]) {
        guard let d = record(ref) else { return errorRows("the record \(ref) is not in this snapshot") }
        let width = max(20, contentWidth - 1)
        var rows = [Row(["\(d.title)  — \(d.source)  (y: \(rawDetail ? "fields" : "as stored"), Esc back)"], role: .header)]
        if rawDetail {
            for line in d.raw.split(separator: "\n", omittingEmptySubsequences: false) {
                rows += TextWidth.wrap(String(line), width: width, prefix: "    ").map { Row([$0]) }
            }
        } else {
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
        }
        return ([Column("RECORD", .flex(min: 10))], rows)
    }
}
