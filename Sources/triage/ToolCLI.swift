import AgentTools
import ArgumentParser
import Foundation
import Snapshot

/// Options every tool command accepts.
struct ToolCommonOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Snapshot directory (default: $TRIAGE_SNAPSHOT, else the current directory if it is one, else the first shipped).",
                               valueName: "dir"), completion: .directory)
    var snapshot: String?
    @Option(help: ArgumentHelp("With a dataset as the snapshot (ITBench-Lite, ITBench-AA, a folder of snapshots): the task, as Scenario-2, scenario_2 or 2.", valueName: "id")) var task: String?
    @Flag(help: "Print JSON: the envelope of docs/INTERFACE.md (schemas/<command>.schema.json).") var json = false
    @Option(help: "Output: table (the text form), json (the envelope, as --json), jsonl (one row per line) or csv (rows with a header).")
    var format: OutputFormat?
    @Option(help: "Cap on text output, in characters. Range: from 1 to 10000000.") var maxOutput = 20_000
    @Option(help: "Time limit for the call, in seconds (at most 86400).") var timeout = 30.0
    @Option(help: ArgumentHelp("Append this call to an ATIF trajectory (default: $TRIAGE_RECORD).", valueName: "file"), completion: .file(extensions: ["json"]))
    var record: String?

    /// The output asked for: --format, else --json, else the text table.
    var output: OutputFormat { format ?? (json ? .json : .table) }

    func validate() throws {
        if json, let f = format, f != .json { throw ValidationError("--json and --format \(f.rawValue) disagree; give one") }
        try OptionRange.check("--max-output", maxOutput, 1...OptionRange.maxOutput, "characters")
        guard timeout.isFinite, timeout > 0, timeout <= ToolContext.maxTimeLimit else {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(ToolContext.maxTimeLimit)) seconds, got \(timeout)")
        }
    }
}

/// A CLI subcommand backed by an agent tool: its options map to the tool's parameters, and the output is the same
/// text or JSON the MCP server returns.
protocol ToolCommand: ParsableCommand {
    static var toolName: String { get }
    var common: ToolCommonOptions { get }
    /// The tool arguments the options and the bare argument give.
    var arguments: ToolArgs { get }
    var target: String? { get }
}

extension ToolCommand {
    func run() throws {
        var extra: (out: String?, feedback: Bool) = (nil, false)
        if let s = self as? SubmitCommand { extra = (s.out, s.feedback) }
        try ToolCLI.run(Self.toolName, arguments, common, out: extra.out, feedback: extra.feedback)
    }
}

/// Help, usage and running for the tool commands, from the tool catalog.
enum ToolCLI {
    static func spec(_ tool: String) -> ToolSpec { ToolCatalog.spec(tool)! }

    static func configuration(_ tool: String, commandName: String? = nil) -> CommandConfiguration {
        let spec = spec(tool)
        var discussion = "Examples:\n" + spec.examples.map { "  " + $0 }.joined(separator: "\n")
        discussion += "\n\nExit status: 0 results, 1 no hits (search), 2 usage error, 3 unreadable snapshot, 4 failure or time limit."
        return CommandConfiguration(commandName: commandName ?? tool.replacingOccurrences(of: "_", with: "-"),
                                    abstract: spec.describe(.cli), discussion: discussion)
    }

    /// The help of one parameter, as the catalog describes it (spelled for the command line).
    static func help(_ tool: String, _ param: String) -> ArgumentHelp {
        guard let p = spec(tool).parameters.first(where: { $0.name == param }) else { fatalError("\(tool) has no parameter \(param)") }
        return help(p)
    }

    static func help(_ p: ToolParam) -> ArgumentHelp {
        let allowed = p.allowed.map { " One of: \($0.joined(separator: ", "))." } ?? (p.kind == .integer || p.kind == .number ? " Range: \(p.rangeText)." : "")
        return ArgumentHelp(p.describe(.cli) + allowed + (p.required ? " (required, or give it bare)" : ""),
                            valueName: p.kind == .boolean ? nil : p.name.replacingOccurrences(of: "_", with: "-"))
    }

    /// The help of the bare argument: which parameter it fills.
    static func bare(_ tool: String) -> ArgumentHelp {
        guard let pos = ToolArgv.positional(tool) else { return ArgumentHelp("Not used.", visibility: .hidden) }
        return ArgumentHelp("The same as --\(pos.replacingOccurrences(of: "_", with: "-")).", valueName: pos.replacingOccurrences(of: "_", with: "-"))
    }

    /// Completion of a parameter with allowed values.
    static func choices(_ tool: String, _ param: String) -> CompletionKind {
        .list(spec(tool).parameters.first { $0.name == param }?.allowed ?? [])
    }

    static func run(_ tool: String, _ args: ToolArgs, _ c: ToolCommonOptions, out: String? = nil, feedback: Bool = false) throws {
        let path = try SnapshotOpener.resolvePath(c.snapshot, task: c.task)
        let submission = tool == "submit_root_causes" ? (out ?? ProcessInfo.processInfo.environment["TRIAGE_SUBMISSION"] ?? "triage-answer.json") : nil
        let ctx = ToolContext(snapshotPath: path, outputCap: c.maxOutput, timeLimit: c.timeout, feedback: feedback, submissionPath: submission,
                              surface: .cli, opener: { try SnapshotOpener.openCached(path) })
        // A one-shot call ends with the process: the context and the snapshot it opens are left to the exit rather
        // than freed column by column first (0.7 ms of a search on 1 GB).
        _ = Unmanaged.passRetained(ctx)
        let started = Date()
        let result = runWithDeadline(seconds: c.timeout) { Toolbox.run(tool, args, context: ctx) } ?? {
            // Past the time limit the process ends, which is the only way to stop a regex engine that cannot be
            // interrupted; the error says so.
            let message = "\(tool.replacingOccurrences(of: "_", with: "-")) exceeded its \(Int(c.timeout)) s time limit (--timeout)"
            exitWith(.failure, c.output != .table ? JSONOutput.text(JSONOutput.failure(tool, code: "timeout", message: message)) : "error: timeout: " + message)
        }()
        if let rec = Recorder.from(option: c.record) {
            do {
                try rec.append(tool: tool, arguments: Recorder.plain(args), output: result.text, isError: result.isError,
                               started: started, finished: Date(), snapshot: path)
            } catch { FileHandle.standardError.write("triage: not recorded: \(error)\n".data(using: .utf8)!) }
        }
        // Results on stdout, errors on stderr (in JSON too, as the failure envelope).
        let machine = c.output != .table
        if result.isError { exitWith(ExitStatus.of(toolError: result.code), machine ? result.json : result.text) }
        switch c.output {
        case .table: print(result.text)
        case .json: print(result.json)
        case .jsonl, .csv:
            let rows = RowStream.rows(ofEnvelope: result.json)
            print(c.output == .jsonl ? RowStream.jsonl(rows) : RowStream.csv(rows), terminator: "")
        }
        // A search that found nothing exits 1, as grep does.
        if tool == "search", RowStream.resultRows(ofEnvelope: result.json)?.isEmpty == true { throw ExitCode(ExitStatus.negative.rawValue) }
    }
}

extension ToolArgs {
    /// `f` applied to these arguments (for chaining the option groups' parts).
    func pipe(_ f: (ToolArgs) -> ToolArgs) -> ToolArgs { f(self) }
}

/// Runs `work` on a worker thread and waits at most `seconds`; nil when the time ran out (the work is abandoned).
func runWithDeadline<T>(seconds: Double, _ work: @escaping @Sendable () -> T) -> T? {
    let box = DeadlineBox<T>(), done = DispatchSemaphore(value: 0)
    let t = Thread { box.value = work(); done.signal() }
    t.stackSize = 8 << 20
    t.start()
    return done.wait(timeout: .now() + seconds) == .timedOut ? nil : box.value
}

/// The result slot of `runWithDeadline`, written by the worker before it signals.
final class DeadlineBox<T>: @unchecked Sendable { var value: T? }
