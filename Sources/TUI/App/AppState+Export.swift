import Foundation
import Snapshot

/// `:w FILE`: the current view's rows as shown (every column, the filter and sort applied) written as CSV, JSON or
/// Markdown by the file's extension, atomically; an existing file is replaced only by `:w! FILE`.
extension AppState {
    func writeCommand(_ arg: String, force: Bool) {
        let path = (arg as NSString).expandingTildeInPath
        guard !path.isEmpty else { message = ":w FILE.csv|.json|.md writes this view's rows"; return }
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["csv", "json", "md", "markdown"].contains(ext) else { message = ":w takes a .csv, .json or .md file"; return }
        if !force, FileManager.default.fileExists(atPath: path) { message = "\(path) exists; :w! \(arg) replaces it"; return }
        let (cols, rows) = exportRows()
        let titles = cols.map(\.title)
        let text: String
        switch ext {
        case "csv": text = Self.csv(titles, rows)
        case "json": text = Self.json(titles, rows)
        default: text = Self.markdown(titles, rows)
        }
        do {
            try AtomicFile.write(Data(text.utf8), to: path)
            message = "wrote \(rows.count) row\(rows.count == 1 ? "" : "s") of \(current.title) to \(path)"
        } catch { message = "cannot write \(path): \(error)" }
    }

    /// The rows as shown; for Logs, every matching record (the view draws only the visible ones).
    func exportRows() -> (cols: [Column], rows: [[String]]) { current.export(self) }

    static func csv(_ titles: [String], _ rows: [[String]]) -> String {
        func cell(_ s: String) -> String {
            s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([titles] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func json(_ titles: [String], _ rows: [[String]]) -> String {
        let keys = titles.map { $0.lowercased().replacingOccurrences(of: " ", with: "_") }
        let objects = rows.map { r in Dictionary(uniqueKeysWithValues: zip(keys, r + Array(repeating: "", count: max(0, keys.count - r.count))).map { ($0, $1) }) }
        return JSONOutput.text(objects) + "\n"
    }

    static func markdown(_ titles: [String], _ rows: [[String]]) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        let head = "| " + titles.map(cell).joined(separator: " | ") + " |\n|" + titles.map { _ in "---|" }.joined() + "\n"
        return head + rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
    }
}
