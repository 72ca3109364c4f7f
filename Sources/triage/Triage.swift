import ArgumentParser
import Snapshot

@main
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Investigate Kubernetes incident snapshots (ITBench format) offline.",
        subcommands: [Info.self, Score.self, Generate.self],
        defaultSubcommand: Info.self
    )
}
