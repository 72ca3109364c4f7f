import Foundation
import Snapshot

/// A page's table: its columns and its rows.
public typealias PageTable = (cols: [Column], rows: [Row])

/// One page of the TUI, as k9s has one view per resource and lazygit one controller per pane: its title, its rows
/// from the query layer, its part of the key table, what Enter and `d` open, and its help. `AppState` keeps what
/// spans pages (the history, input modes, basket, score, time window, cursors and filters). A page object lives as
/// long as the snapshot, so what it holds (the Traces rollup, a detail page's raw mode) survives leaving it.
protocol PageController: AnyObject {
    var title: String { get }
    /// Key contexts whose bindings apply on this page before the global ones, in order (the per-page part of the table).
    var contexts: [KeyContext] { get }
    /// One sentence for the top of the `?` overlay: what the page shows and what its keys do.
    var help: String { get }
    /// The orders `s` cycles through (empty: the page keeps its order).
    var sortNames: [String] { get }
    /// Whether `o` / `O` may order the rows by a column (false for text pages: a manifest, a record, the score).
    var orderable: Bool { get }
    /// Columns `o` skips (the Logs view cannot order 250,000 messages by their text).
    var unorderedColumns: Set<Int> { get }
    /// Whether the `/` text is applied to the rows by the app (false: the page filters itself, as Logs does).
    var filtersRows: Bool { get }
    /// Page state that changes the rows, for the row cache key.
    var stateKey: String { get }
    /// The columns and rows, from the query layer.
    func table(_ app: AppState) -> PageTable
    /// Enter on a row.
    func open(_ row: Row, _ app: AppState)
    /// A page-specific action; false leaves it to the app.
    func perform(_ action: Action, _ app: AppState) -> Bool
    /// Rows in the list (pages that read rows lazily answer without building them all).
    func count(_ app: AppState) -> Int
    func row(at i: Int, _ app: AppState) -> Row?
    /// The text `f` searches in row `i`.
    func text(at i: Int, _ app: AppState) -> String
    /// Screen rows the page draws above its table (the Logs histogram).
    func reservedRows(_ app: AppState) -> Int
    /// Draws the page's area; the default draws the table.
    func draw(_ s: inout Screen, _ app: AppState)
    /// What `c` copies on this page when it is more than the focused row's entity.
    func copyText(_ app: AppState) -> String?
    /// Every row as `:w` writes it.
    func export(_ app: AppState) -> (cols: [Column], rows: [[String]])
    /// Whether the filter may apply on every keystroke (false when a keystroke would cost a scan of a big file).
    func liveFilter(_ app: AppState) -> Bool
}

extension PageController {
    var contexts: [KeyContext] { [.list] }
    var help: String { "" }
    var sortNames: [String] { [] }
    var orderable: Bool { true }
    var unorderedColumns: Set<Int> { [] }
    var filtersRows: Bool { true }
    var stateKey: String { "" }
    func open(_ row: Row, _ app: AppState) { if let e = row.entity { app.go(.entity(e)) } }
    func perform(_ action: Action, _ app: AppState) -> Bool { false }
    func count(_ app: AppState) -> Int { app.table().rows.count }
    func row(at i: Int, _ app: AppState) -> Row? { let rows = app.table().rows; return i >= 0 && i < rows.count ? rows[i] : nil }
    func text(at i: Int, _ app: AppState) -> String { row(at: i, app).map { $0.cells.joined(separator: " ") + " " + ($0.entity ?? "") } ?? "" }
    func reservedRows(_ app: AppState) -> Int { 0 }
    func draw(_ s: inout Screen, _ app: AppState) { app.drawTable(&s) }
    func copyText(_ app: AppState) -> String? { nil }
    func export(_ app: AppState) -> (cols: [Column], rows: [[String]]) { let t = app.table(); return (t.cols, t.rows.map(\.cells)) }
    func liveFilter(_ app: AppState) -> Bool { true }

    /// Enter on a row that points at something (overview and entity pages): a manifest, a series, an object, an
    /// entity, else the record itself.
    func openPointed(_ r: Row, _ app: AppState) {
        if let k = r.key, k.hasPrefix("object:") { app.go(.object(String(k.dropFirst(7)))) }
        else if let k = r.key, k.hasPrefix("m"), Int(k.dropFirst().split(separator: ".").first ?? "") != nil { app.go(.series(k)) }
        else if let k = r.key, app.snapshot.objects().contains(where: { $0.entity.description == k }) { app.go(.object(k)) }
        else if let e = r.entity, app.page != .entity(e) { app.go(.entity(e)) }
        else if let d = r.detail { app.go(.detail(d)) }
        else { app.message = "this row opens nothing; d reads it whole when it is a record" }
    }

    /// One row naming an error, for pages that could not build their rows.
    static func errorTable(_ text: String) -> PageTable { ([Column("ERROR", .flex(min: 10))], [Row([text], role: .bad)]) }
    func errorTable(_ text: String) -> PageTable { Self.errorTable(text) }
}

extension Page {
    /// The page object for this place in the navigation: the one switch over pages.
    func makeController() -> PageController {
        switch self {
        case .view(.overview): return OverviewPage()
        case .view(.alerts): return AlertsPage()
        case .view(.events): return EventsPage()
        case .view(.traces): return TracesPage()
        case .view(.metrics): return MetricsPage()
        case .view(.logs): return LogsPage()
        case .view(.topology): return TopologyPage()
        case .view(.objects): return ObjectsPage()
        case .view(.entities): return EntitiesPage()
        case .entity(let e): return EntityPage(e)
        case .trace(let t): return TracePage(t)
        case .series(let s): return SeriesPage(s)
        case .object(let o): return ObjectPage(o)
        case .basket: return BasketPage()
        case .score: return ScorePage()
        case .picker: return PickerPage()
        case .replay: return ReplayPage()
        case .groundTruth: return GroundTruthPage()
        case .patterns: return PatternsPage()
        case .compare(let arg): return ComparePage(arg)
        case .suspects: return SuspectsPage()
        case .tree(let e): return TreePage(e)
        case .path(let p): return PathPage(p)
        case .detail(let r): return DetailPage(r)
        }
    }
}
