import AgentTools
import ArgumentParser
import Foundation
import Snapshot

/// Runs an agent tool from the command line: `--kebab-case` options map to the tool's parameters, a positional
/// argument fills its main parameter, and the output is the same text or JSON the MCP server returns.
enum ToolCLI {
    /// Options every tool command accepts.
    static let common = """
      --snapshot DIR      snapshot (default: $TRIAGE_SNAPSHOT, else the current directory if it is one, else the first shipped)
      --json              print JSON instead of text
      --max-output N      cap on text output (default 20000 characters)
      --timeout S         time limit for the call (default 30 s)
      --record FILE       append this call to an ATIF trajectory (default: $TRIAGE_RECORD)
    """

    static func positional(_ tool: String) -> String? { ToolArgv.positional(tool) }

    static func configuration(_ tool: String, commandName: String? = nil) -> CommandConfiguration {
        let spec = ToolCatalog.spec(tool)!
        return CommandConfiguration(commandName: commandName ?? tool.replacingOccurrences(of: "_", with: "-"), abstract: spec.description,
                                    discussion: help(spec), shouldDisplay: true)
    }

    static func help(_ spec: ToolSpec) -> String {
        var out = "Parameters:\n"
        for p in spec.parameters {
            let flag = "--" + p.name.replacingOccurrences(of: "_", with: "-")
            let value = p.kind == .boolean ? "" : " \(p.kind == .stringList ? "ENTITY..." : p.kind.rawValue.uppercased())"
            out += "  \(flag)\(value)\(p.required ? " (required)" : "")\n      \(p.description)\(p.allowed.map { " One of: \($0.joined(separator: ", "))." } ?? "")\n"
        }
        if let pos = positional(spec.name) { out += "  A bare argument sets --\(pos.replacingOccurrences(of: "_", with: "-")).\n" }
        out += "\nCommon options:\n" + common + "\n\nExamples:\n" + spec.examples.map { "  " + $0 }.joined(separator: "\n")
        out += "\n\nThe JSON form has the same rows as the text, with total/limit/offset; errors are {\"error\": {code, message}}."
        return out
    }

    struct Parsed {
        var args = ToolArgs()
        var snapshot: String?
        var json = false
        var maxOutput = 20_000
        var timeout = 30.0
        var record: String?
        var out: String?
        var feedback = false
    }

    static func parse(_ tool: String, _ argv: [String]) throws -> Parsed {
        let (args, common) = try ToolArgv.parse(tool, argv)
        var p = Parsed()
        p.args = args
        p.snapshot = common["--snapshot"]
        p.json = common["--json"] != nil
        if let v = common["--max-output"] { guard let n = Int(v), n > 0 else { throw ValidationError("--max-output takes a positive number") }; p.maxOutput = n }
        if let v = common["--timeout"] {
            guard let n = Double(v), n.isFinite, n > 0, n <= ToolContext.maxTimeLimit else {
                throw ValidationError("--timeout takes seconds, more than 0 and at most \(Int(ToolContext.maxTimeLimit))")
            }
            p.timeout = n
        }
        p.record = common["--record"]
        p.out = common["--out"]
        p.feedback = common["--feedback"] != nil
        return p
    }

    static func run(_ tool: String, _ argv: [String]) throws {
        if argv.contains("--help") || argv.contains("-h") {
            let spec = ToolCatalog.spec(tool)!
            print("\(spec.description)\n\nUSAGE: triage \(tool.replacingOccurrences(of: "_", with: "-")) [options]\n\n" + help(spec))
            return
        }
        let p: Parsed
        do { p = try parse(tool, argv) } catch let e as ToolError { throw ValidationError(e.message) }
        let path = try SnapshotOpener.resolvePath(p.snapshot)
        let ctx = ToolContext(snapshotPath: path, outputCap: p.maxOutput, timeLimit: p.timeout, feedback: p.feedback,
                              submissionPath: tool == "submit_root_causes" ? (p.out ?? ProcessInfo.processInfo.environment["TRIAGE_SUBMISSION"] ?? "triage-answer.json") : nil,
                              opener: { try SnapshotOpener.openCached(path) })
        let started = Date()
        let result = runWithDeadline(seconds: p.timeout) { Toolbox.run(tool, p.args, context: ctx) } ?? {
            // Past the time limit the process ends, which is the only way to stop a regex engine that cannot be
            // interrupted; the error says so and the exit code is the tool-error code.
            FileHandle.standardError.write("error: timeout: \(tool) exceeded its \(Int(p.timeout)) s time limit (--timeout)\n".data(using: .utf8)!)
            exit(2)
        }()
        let out = p.json ? result.json : result.text
        print(out)
        if let rec = Recorder.from(option: p.record) {
            do {
                try rec.append(tool: tool, arguments: Recorder.plain(p.args), output: result.text, isError: result.isError,
                               started: started, finished: Date(), snapshot: path)
            } catch { FileHandle.standardError.write("triage: not recorded: \(error)\n".data(using: .utf8)!) }
        }
        if result.isError { throw ExitCode(2) }
    }
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

/// A CLI subcommand backed by an agent tool; the arguments are parsed by `ToolCLI` from the tool's definition.
protocol ToolSubcommand: ParsableCommand {
    static var toolName: String { get }
    var rest: [String] { get }
}

extension ToolSubcommand {
    func run() throws { try ToolCLI.run(Self.toolName, rest) }
}
