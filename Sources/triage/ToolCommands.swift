import AgentTools
import ArgumentParser

struct AlertsCommand: ToolSubcommand {
    static let toolName = "alerts"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Options; see below.") var rest: [String] = []
}
struct EventsCommand: ToolSubcommand {
    static let toolName = "events"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Options; see below.") var rest: [String] = []
}
struct TracesCommand: ToolSubcommand {
    static let toolName = "traces"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Options; see below.") var rest: [String] = []
}
struct TraceCommand: ToolSubcommand {
    static let toolName = "trace"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Trace id and options; see below.") var rest: [String] = []
}
struct MetricsCommand: ToolSubcommand {
    static let toolName = "metrics"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Options; see below.") var rest: [String] = []
}
struct LogsCommand: ToolSubcommand {
    static let toolName = "logs"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Options; see below.") var rest: [String] = []
}
struct TopologyCommand: ToolSubcommand {
    static let toolName = "topology"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Entity and options; see below.") var rest: [String] = []
}
struct ObjectCommand: ToolSubcommand {
    static let toolName = "object"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Entity and options; see below.") var rest: [String] = []
}
struct EntityCommand: ToolSubcommand {
    static let toolName = "entity"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Entity and options; see below.") var rest: [String] = []
}
struct SearchCommand: ToolSubcommand {
    static let toolName = "search"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Query and options; see below.") var rest: [String] = []
}
struct FilesCommand: ToolSubcommand {
    static let toolName = "files"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Options; see below.") var rest: [String] = []
}
struct ReadFileCommand: ToolSubcommand {
    static let toolName = "read_file"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(parsing: .captureForPassthrough, help: "Path and options; see below.") var rest: [String] = []
}
struct SubmitCommand: ToolSubcommand {
    static let toolName = "submit_root_causes"
    static let configuration = ToolCLI.configuration(toolName, commandName: "submit")
    @Argument(parsing: .captureForPassthrough, help: "Root-cause entities and options (--out FILE, default ./triage-answer.json; --feedback for practice).")
    var rest: [String] = []
}
