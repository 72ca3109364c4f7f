import ArgumentParser
import Foundation
import TUI

/// The options every TUI-opening command shares (tui, replay, practice, label) and the one way they start the UI.
struct TUIOptions: ParsableArguments {
    @Flag(help: "Read key names from stdin and print the screen as text (no terminal needed).") var headless = false
    @Option(help: "Screen size for headless mode, WxH (each 1 to 10000).") var size = "120x40"
    @Flag(help: "Headless: print the screen only on a 'print' line.") var onRequest = false

    /// Runs the app headless or on the terminal; false when interactive was wanted but there is no terminal.
    func run(_ app: AppState) throws -> Bool {
        if headless {
            let dims = size.lowercased().split(separator: "x").compactMap { Int($0) }
            guard dims.count == 2, (1...10_000).contains(dims[0]), (1...10_000).contains(dims[1]) else {
                throw ValidationError("--size takes WxH, each from 1 to 10000 (e.g. 120x40), got '\(size)'")
            }
            app.handle(.resize(width: dims[0], height: dims[1]))
            TUIRunner.headless(app, input: FileHandle.standardInput, output: { FileHandle.standardOutput.write($0.data(using: .utf8)!) }, onRequestOnly: onRequest)
            return true
        }
        return TUIRunner.interactive(app, theme: Theme.fromEnvironment(ProcessInfo.processInfo.environment))
    }
}
