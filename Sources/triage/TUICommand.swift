import ArgumentParser
import Foundation
import Snapshot
import TUI

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal UI on a snapshot (the default command).",
        discussion: """
        Keys: arrows or j/k, PgUp/PgDn, g/G, Enter opens, Esc goes back, Tab next view, 1-9 views, / filter,
        : command (:entity ns/Kind/name, :logs REGEX, :add NAME, :submit, :q), e pivots to the row's entity,
        b adds it to the basket, S submits and shows the score, d reads a record whole, f finds (n/N next/previous),
        z hides benchmark noise, t narrows time, :w FILE exports the view, ? help.
        Colours follow NO_COLOR. Without a terminal, use --headless: key names on stdin, screens on stdout.

        Examples:
          triage                                  # the default shipped snapshot
          triage tui Snapshots/incident-02
          printf 'tab\\nj\\nenter\\nprint\\n' | triage tui --headless --size 100x30 --on-request
        """)
    @Argument(help: "Snapshot directory, or a dataset (ITBench-Lite, ITBench-AA, a folder of snapshots) whose tasks the picker offers (default: the first shipped snapshot).", completion: .directory) var snapshot: String?
    @Option(help: ArgumentHelp("With a dataset as the snapshot (ITBench-Lite, ITBench-AA, a folder of snapshots): the task, as Scenario-2, scenario_2 or 2.", valueName: "id")) var task: String?
    @OptionGroup var ui: TUIOptions
    @Option(help: "Record the session as an ATIF trajectory.") var record: String?
    @Option(help: "A directory of snapshots to offer in the picker (:open).") var pick: String?

    @Flag(help: "Print the key table as Markdown (docs/KEYS.md) and exit.") var printKeys = false

    /// `triage alrets` reaches here as a snapshot path: a word that is no directory but is close to a command name
    /// is a misspelt command.
    func validate() throws {
        guard let given = snapshot, !FileManager.default.fileExists(atPath: given), !given.contains("/") else { return }
        let names = Triage.configuration.subcommands.compactMap { $0.configuration.commandName ?? nil } + ["help"]
        if let near = CommandSuggestion.nearest(given, among: names) {
            throw ValidationError("unknown command '\(given)'; did you mean '\(near)'? (triage --help lists the commands)")
        }
        throw ValidationError("'\(given)': no such command, and no such snapshot directory (triage --help lists the commands)")
    }

    func run() throws {
        if printKeys { print(KeysDoc.text); return }
        let (path, task, dataset) = try SnapshotOpener.resolveTask(snapshot, task: self.task, firstTask: true)
        let interactive = !ui.headless && isatty(0) == 1 && isatty(1) == 1
        // The index cache is written in the background so the first screen does not wait for it.
        let s = try SnapshotOpener.openCached(path, saveInBackground: interactive)
        let app = AppState(snapshot: s, truth: task?.truth ?? SnapshotLayout.groundTruthPath(in: path).map(TruthSource.file))
        app.openSnapshot = { try SnapshotOpener.openCached($0, saveInBackground: true) }
        app.pickerDirectory = pick ?? dataset.flatMap { $0.layout == .snapshot ? nil : $0.root }
        if let rec = record { app.onEvent = SessionRecorder(path: rec, snapshot: path).callback }
        if try !ui.run(app) {
            // No terminal (a pipe, CI): say so and show the summary instead of failing.
            FileHandle.standardError.write("triage: not a terminal; showing the summary (use --headless to drive the UI from a script)\n".data(using: .utf8)!)
            print(Info.render(s.info(), description: SnapshotCatalog.description(of: s.root)))
        }
    }
}
