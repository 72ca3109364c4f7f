import ArgumentParser
import Snapshot

/// The command tree; `TriageMain` parses and runs it.
struct Triage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Investigate Kubernetes incident snapshots (ITBench format) offline.",
        version: TriageVersion.string,
        subcommands: [TUICommand.self, Info.self, AlertsCommand.self, EventsCommand.self, TracesCommand.self, TraceCommand.self, MetricsCommand.self,
                      LogsCommand.self, TopologyCommand.self, ObjectCommand.self, EntityCommand.self, SearchCommand.self, CompareCommand.self, SuspectsCommand.self, FilesCommand.self,
                      ReadFileCommand.self, SubmitCommand.self, Score.self, ReplayCommand.self, PracticeCommand.self, HistoryCommand.self, LabelCommand.self, MCPCommand.self, Generate.self, FetchCommand.self],
        defaultSubcommand: TUICommand.self
    )
}
