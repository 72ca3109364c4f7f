/// docs/KEYS.md, generated from the key-binding table (`triage tui --print-keys`); a test keeps the file current.
public enum KeysDoc {
    public static var text: String {
        """
        # Keys

        Generated from the key-binding table in `Sources/TUI/Core/KeyBindings.swift` by `triage tui --print-keys`;
        the same table draws the `?` overlay and the status-line hints.

        \(KeyBindings.markdown)

        Command line (`:`): `:entity NAME` (open an entity page), `:logs REGEX` (or any view name, with a filter), `:add NAME`
        (add to the basket), `:submit`, `:basket`, `:open [DIR]` (snapshot picker), `:time 17:40 17:50` (time window),
        `:by FIELD` (count the Alerts or Events view per name, reason, entity, namespace, kind, type, severity or state;
        `:by` lists them again; Enter on a group lists its members), `:patterns` (log templates of the Logs view's
        records with counts before and after the incident start; Enter lists a template's records), `:compare [PIVOT
        [WINDOW]]` (what changed at the incident start or PIVOT, biggest change first; Enter opens the entity), `:suspects` (the
        deterministic baseline ranking with its evidence; hidden in practice sessions), `:w FILE.csv|.json|.md` (this
        view's rows as shown, every column; `:w!` replaces an existing file), `:noise`, `:step N` (replay), `:help`, `:q`.

        Label mode (`triage label SNAPSHOT`): `m` marks the focused entity as a root cause, `A` makes it an alias of
        the anchor group, `:prop CONDITION | EFFECT` adds a propagation from the anchor to the focused entity (which
        becomes the anchor), `:alert NAME`, `:group KIND NS REGEX` / `:rootgroup …` (regex groups, previewed against
        the snapshot), `:drop ID` (remove a group and its references), `:gt` (the ground truth, validated live) and `:save` (ITBench v1, atomic, previous file kept as `.bak`).

        Headless mode (`triage tui --headless`) reads one key name per line: the labels above (`j`, `down`, `enter`,
        `esc`, `tab`, `pgdn`, `ctrl-c`, `space`), `type TEXT`, `resize WxH` and `print`.
        """
    }
}
