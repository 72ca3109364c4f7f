import AgentTools
import ArgumentParser

// The agent tools as subcommands. Each option is declared here for ArgumentParser (typo suggestions, completions,
// usage lines, `triage help TOOL`), with its name, help and allowed values taken from the tool catalog that also drives
// the MCP schemas; a test checks that the two agree option for option.

/// `--since`/`--until`: the same parameters in every tool that has them.
struct WindowOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ToolCLI.help(ToolCatalog.since)) var since: String?
    @Option(parsing: .unconditional, help: ToolCLI.help(ToolCatalog.until)) var until: String?
    func add(to a: ToolArgs) -> ToolArgs { a.with("since", since).with("until", until) }
}

/// `--limit`/`--offset`: paging, the same in every tool that pages.
struct PageOptions: ParsableArguments {
    @Option(help: ToolCLI.help(ToolCatalog.limit)) var limit: Int?
    @Option(help: ToolCLI.help(ToolCatalog.offset)) var offset: Int?
    func add(to a: ToolArgs) -> ToolArgs { a.with("limit", limit).with("offset", offset) }
}

struct AlertsCommand: ToolCommand {
    static let toolName = "alerts"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "name")) var name: String?
    @Option(help: ToolCLI.help(toolName, "state"), completion: ToolCLI.choices(toolName, "state")) var state: String?
    @Option(help: ToolCLI.help(toolName, "severity")) var severity: String?
    @Flag(help: ToolCLI.help(toolName, "hide_noise")) var hideNoise = false
    @Option(help: ToolCLI.help(toolName, "group_by"), completion: ToolCLI.choices(toolName, "group_by")) var groupBy: String?
    @OptionGroup var window: WindowOptions
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("name", name).with("state", state).with("severity", severity).with("hide_noise", hideNoise)
            .with("group_by", groupBy).pipe(window.add).pipe(page.add)
    }
}

struct EventsCommand: ToolCommand {
    static let toolName = "events"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "reason")) var reason: String?
    @Option(help: ToolCLI.help(toolName, "type"), completion: ToolCLI.choices(toolName, "type")) var type: String?
    @Flag(help: ToolCLI.help(toolName, "hide_noise")) var hideNoise = false
    @Flag(help: ToolCLI.help(toolName, "recording_only")) var recordingOnly = false
    @Option(help: ToolCLI.help(toolName, "group_by"), completion: ToolCLI.choices(toolName, "group_by")) var groupBy: String?
    @OptionGroup var window: WindowOptions
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("reason", reason).with("type", type).with("hide_noise", hideNoise)
            .with("recording_only", recordingOnly).with("group_by", groupBy).pipe(window.add).pipe(page.add)
    }
}

struct TracesCommand: ToolCommand {
    static let toolName = "traces"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "service")) var service: String?
    @Flag(help: ToolCLI.help(toolName, "errors_only")) var errorsOnly = false
    @Option(help: ToolCLI.help(toolName, "min_duration_ms")) var minDurationMs: Double?
    @Option(help: ToolCLI.help(toolName, "sort"), completion: ToolCLI.choices(toolName, "sort")) var sort: String?
    @Flag(help: ToolCLI.help(toolName, "rollup")) var rollup = false
    @OptionGroup var window: WindowOptions
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("service", service).with("errors_only", errorsOnly).with("min_duration_ms", minDurationMs)
            .with("sort", sort).with("rollup", rollup).pipe(window.add).pipe(page.add)
    }
}

struct TraceCommand: ToolCommand {
    static let toolName = "trace"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "id")) var id: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "limit")) var limit: Int?
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs { ToolArgs().with("id", id ?? target).with("entity", entity).with("limit", limit) }
}

struct MetricsCommand: ToolCommand {
    static let toolName = "metrics"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "name")) var name: String?
    @Option(help: ToolCLI.help(toolName, "series")) var series: String?
    @Flag(help: ToolCLI.help(toolName, "raw")) var raw = false
    @Flag(help: ToolCLI.help(toolName, "top")) var top = false
    @Option(help: ToolCLI.help(toolName, "quantile")) var quantile: Double?
    @Option(help: ToolCLI.help(toolName, "metric")) var metric: String?
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("name", name).with("series", series).with("raw", raw).with("top", top)
            .with("quantile", quantile).with("metric", metric).pipe(page.add)
    }
}

struct LogsCommand: ToolCommand {
    static let toolName = "logs"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "service")) var service: String?
    @Option(help: ToolCLI.help(toolName, "pattern")) var pattern: String?
    @Flag(help: ToolCLI.help(toolName, "ignore_case")) var ignoreCase = false
    @Option(help: ToolCLI.help(toolName, "level"), completion: ToolCLI.choices(toolName, "level")) var level: String?
    @Flag(help: ToolCLI.help(toolName, "patterns")) var patterns = false
    @OptionGroup var window: WindowOptions
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("service", service).with("pattern", pattern).with("ignore_case", ignoreCase)
            .with("level", level).with("patterns", patterns).pipe(window.add).pipe(page.add)
    }
}

struct SuspectsCommand: ToolCommand {
    static let toolName = "suspects"
    static let configuration = ToolCLI.configuration(toolName)
    var target: String? { nil }
    @Option(help: ToolCLI.help(ToolCatalog.limit)) var limit: Int?
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs { ToolArgs().with("limit", limit) }
}

struct CompareCommand: ToolCommand {
    static let toolName = "compare"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(parsing: .unconditional, help: ToolCLI.help(toolName, "pivot")) var pivot: String?
    @Option(help: ToolCLI.help(toolName, "window")) var window: String?
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs { ToolArgs().with("entity", entity ?? target).with("pivot", pivot).with("window", window).pipe(page.add) }
}

struct TopologyCommand: ToolCommand {
    static let toolName = "topology"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(help: ToolCLI.help(toolName, "direction"), completion: ToolCLI.choices(toolName, "direction")) var direction: String?
    @Option(help: ToolCLI.help(toolName, "to")) var to: String?
    @Option(help: ToolCLI.help(toolName, "depth")) var depth: Int?
    @Option(help: ToolCLI.help(toolName, "limit")) var limit: Int?
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("direction", direction).with("to", to).with("depth", depth).with("limit", limit)
    }
}

struct ObjectCommand: ToolCommand {
    static let toolName = "object"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @Option(parsing: .unconditional, help: ToolCLI.help(toolName, "at")) var at: String?
    @Flag(help: ToolCLI.help(toolName, "changes")) var changes = false
    @Flag(help: ToolCLI.help(toolName, "changed")) var changed = false
    @Option(help: ToolCLI.help(toolName, "kind")) var kind: String?
    @Option(help: ToolCLI.help(toolName, "namespace")) var namespace: String?
    @OptionGroup var page: PageOptions
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs {
        ToolArgs().with("entity", entity ?? target).with("at", at).with("changes", changes).with("changed", changed).with("kind", kind)
            .with("namespace", namespace).pipe(page.add)
    }
}

struct EntityCommand: ToolCommand {
    static let toolName = "entity"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "entity")) var entity: String?
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs { ToolArgs().with("entity", entity ?? target) }
}

struct SearchCommand: ToolCommand {
    static let toolName = "search"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "query")) var query: String?
    @Flag(help: ToolCLI.help(toolName, "case_sensitive")) var caseSensitive = false
    @Option(help: ToolCLI.help(toolName, "limit")) var limit: Int?
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs { ToolArgs().with("query", query ?? target).with("case_sensitive", caseSensitive).with("limit", limit) }
}

struct FilesCommand: ToolCommand {
    static let toolName = "files"
    static let configuration = ToolCLI.configuration(toolName)
    @OptionGroup var common: ToolCommonOptions
    var target: String? { nil }
    var arguments: ToolArgs { ToolArgs() }
}

struct ReadFileCommand: ToolCommand {
    static let toolName = "read_file"
    static let configuration = ToolCLI.configuration(toolName)
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var target: String?
    @Option(help: ToolCLI.help(toolName, "path")) var path: String?
    @Option(help: ToolCLI.help(toolName, "line")) var line: Int?
    @Option(help: ToolCLI.help(toolName, "lines")) var lines: Int?
    @OptionGroup var common: ToolCommonOptions
    var arguments: ToolArgs { ToolArgs().with("path", path ?? target).with("line", line).with("lines", lines) }
}

struct SubmitCommand: ToolCommand {
    static let toolName = "submit_root_causes"
    static let configuration = ToolCLI.configuration(toolName, commandName: "submit")
    @Argument(help: ToolCLI.bare(toolName), completion: .none) var entities: [String] = []
    @Option(help: ToolCLI.help(toolName, "root_causes")) var rootCauses: [String] = []
    @Option(help: ToolCLI.help(toolName, "reason")) var reason: String?
    @Option(help: "Where the answer is written (default: $TRIAGE_SUBMISSION, else ./triage-answer.json).", completion: .file(extensions: ["json"]))
    var out: String?
    @Flag(help: "Practice: print the scorer's verdict (the snapshot's ground truth) after submitting.") var feedback = false
    @OptionGroup var common: ToolCommonOptions
    var target: String? { nil }
    var arguments: ToolArgs { ToolArgs().with("root_causes", rootCauses + entities).with("reason", reason) }
}
