/// The settings one page keeps while you move around (one value per place in the navigation, in `AppState.views`):
/// a new per-page setting is one field here. nil means "not set on this page" (the default applies).
struct PageViewState {
    /// The selected row and the first row shown.
    var cursor: ListCursor?
    /// The `/` filter.
    var filter: String?
    /// Entity, level, type and reason the view is narrowed to (set when replay follows a step).
    var scope: ViewScope?
    /// The `s` sort choice (an index into the page's sort names).
    var sort: Int?
    /// Columns scrolled off the left of the table (← →).
    var shift: Int?
    /// Rows ordered by a column (`o`, `O`): its index and direction.
    var order: (column: Int, descending: Bool)?
}
