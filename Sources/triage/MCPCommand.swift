import AgentTools
import ArgumentParser
import Foundation
import Logging
import MCP
import Snapshot

/// `triage mcp`: the agent tools over MCP (stdio, newline-delimited JSON-RPC) with the official Swift SDK.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the snapshot's query tools to an agent over MCP (stdio).",
        discussion: """
        Tools: \(ToolCatalog.all.map(\.name).joined(separator: ", ")).
        Evaluation mode (default): submit_root_causes records the answer and returns no score. --feedback (practice)
        returns the scorer's verdict. The ground truth is never readable through any tool. Logs go to stderr only.

        Example (Claude Desktop / any MCP client):
          {"command": "triage", "args": ["mcp", "--snapshot", "/path/to/Scenario-2"]}
        """)
    @Option(help: "Snapshot directory (default: $TRIAGE_SNAPSHOT, else the current directory, else the first shipped).") var snapshot: String?
    @Option(help: ArgumentHelp("With a dataset as the snapshot (ITBench-Lite, ITBench-AA, a folder of snapshots): the task, as Scenario-2, scenario_2 or 2.", valueName: "id")) var task: String?
    @Flag(help: "Practice mode: submissions get the scorer's verdict back.") var feedback = false
    @Flag(help: "Leave out the hint tools (suspects), so an evaluation measures the agent alone.") var noHints = false
    @Option(help: "Append every call to this ATIF trajectory (default: $TRIAGE_RECORD).") var record: String?
    @Option(help: "Where submit_root_causes writes the answer (default: no file).") var out: String?
    @Option(help: "Cap on each tool's text output, in characters (1 to 10000000).") var maxOutput = 20_000
    @Option(help: "Time limit per call, in seconds (at most 86400).") var timeout = 30.0

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= ToolContext.maxTimeLimit else {
            throw ValidationError("--timeout must be more than 0 and at most \(Int(ToolContext.maxTimeLimit)) seconds, got \(timeout)")
        }
        try OptionRange.check("--max-output", maxOutput, 1...OptionRange.maxOutput, "characters")
    }

    func run() async throws {
        // Diagnostics through swift-log on stderr (stdout is the protocol); TRIAGE_LOG_LEVEL=debug logs every call.
        let env = ProcessInfo.processInfo.environment
        let level = env["TRIAGE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? (env["TRIAGE_MCP_DEBUG"] != nil ? .debug : .info)
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        let log = Logger(label: "triage.mcp")
        let path = try SnapshotOpener.resolvePath(snapshot, task: task)
        let ctx = ToolContext(snapshotPath: path, outputCap: maxOutput, timeLimit: timeout, feedback: feedback, submissionPath: out,
                              surface: .mcp, opener: { try IndexCache.open(path) })
        ctx.hints = !noHints
        let recorder = Recorder.from(option: record)
        log.info("serving \(path) (\(feedback ? "practice: feedback on" : "evaluation: no feedback"))")
        // Index before the first call, so it does not eat into a call's time limit.
        Thread.detachNewThread { _ = try? ctx.snapshot() }
        let server = Server(name: "triage", version: TriageVersion.string,
                            instructions: "Tools to investigate one Kubernetes incident snapshot offline. Start with info and alerts; finish with submit_root_causes.",
                            capabilities: .init(prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                                                tools: .init(listChanged: false)))
        let tui = MCPTUITool(ctx: ctx)
        let tools = ToolCatalog.all.filter { !noHints || $0.name != "suspects" }.map(MCPSchema.tool) + [MCPTUITool.tool]
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: tools) }
        await server.withMethodHandler(CallTool.self) { params in
            log.debug("call \(params.name)")
            let started = Date()
            let result: ToolResult
            if params.name == MCPTUITool.name {
                let answer = tui.call(params.arguments)
                if let recorder {
                    try? recorder.append(tool: params.name, arguments: ["keys": Self.plainKeys(params.arguments)], output: answer.text, isError: answer.isError,
                                         started: started, finished: Date(), snapshot: path)
                }
                return .init(content: [.text(text: answer.text, annotations: nil, _meta: nil)], structuredContent: MCPSchema.value(json: answer.json),
                             isError: answer.isError)
            }
            switch Self.toolArgs(params.arguments) {
            case .failure(let e): result = Toolbox.failure(params.name, e.code, e.message)
            case .success(let args): result = await Self.runWithTimeout(params.name, args, ctx)
            }
            if let recorder {
                do {
                    try recorder.append(tool: params.name, arguments: Self.plainArguments(params.arguments), output: result.text,
                                        isError: result.isError, started: started, finished: Date(), snapshot: path)
                } catch { log.warning("not recorded: \(error)") }
            }
            if result.isError { log.debug("\(params.name) failed: \(result.code ?? "error")") }
            return .init(content: [.text(text: result.text, annotations: nil, _meta: nil)],
                         structuredContent: MCPSchema.value(json: result.json), isError: result.isError)
        }
        await server.withMethodHandler(ListPrompts.self) { _ in .init(prompts: [MCPPrompts.investigate]) }
        await server.withMethodHandler(GetPrompt.self) { params in
            guard params.name == MCPPrompts.investigate.name else {
                throw MCPError.invalidParams("unknown prompt '\(params.name.prefix(60))'; prompts: investigate")
            }
            return .init(description: MCPPrompts.investigate.description, messages: [.user(.text(text: MCPPrompts.task(ctx)))])
        }
        await server.withMethodHandler(ListResources.self) { _ in .init(resources: MCPResources.list(ctx)) }
        await server.withMethodHandler(ReadResource.self) { params in
            do { return .init(contents: [try MCPResources.read(params.uri, ctx)]) } catch let e as ToolError { throw MCPError.invalidParams(e.message) }
        }
        try await server.start(transport: BoundedStdioTransport(logger: Logger(label: "triage.mcp.transport")))
        await server.waitUntilCompleted()
    }

    /// Runs a tool off the server's executor and answers with a timeout error if it takes too long.
    /// Calls running at once; past `maxInFlight` a call is refused at once rather than queued without bound.
    static let inFlight = InFlightCounter()
    static let maxInFlight = 4

    static func runWithTimeout(_ name: String, _ args: ToolArgs, _ ctx: ToolContext) async -> ToolResult {
        guard inFlight.enter(limit: maxInFlight) else {
            return Toolbox.failure(name, "busy", "busy: \(maxInFlight) calls are still running (a timed-out call runs until its deadline); retry shortly")
        }
        return await withCheckedContinuation { (cont: CheckedContinuation<ToolResult, Never>) in
            let once = Once()
            DispatchQueue.global().async {
                let r = Toolbox.run(name, args, context: ctx)
                inFlight.leave()
                if once.claim() { cont.resume(returning: r) }
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + ctx.timeLimit + 1) {
                if once.claim() {
                    cont.resume(returning: Toolbox.failure(name, "timeout", "\(name) exceeded its \(Int(ctx.timeLimit)) s time limit"))
                }
            }
        }
    }

    /// JSON-RPC arguments to tool arguments; nested objects are refused.
    static func toolArgs(_ a: [String: Value]?) -> Result<ToolArgs, ToolError> {
        var out = ToolArgs()
        for (k, v) in a ?? [:] {
            switch v {
            case .string(let s): out.values[k] = .string(s)
            case .int(let i): out.values[k] = .int(i)
            case .double(let d): out.values[k] = .double(d)
            case .bool(let b): out.values[k] = .bool(b)
            case .null: continue
            case .array(let items):
                var l: [String] = []
                for x in items {
                    guard case .string(let s) = x else { return .failure(ToolError("bad_argument", "\(k): expected a list of strings")) }
                    l.append(s)
                }
                out.values[k] = .list(l)
            default: return .failure(ToolError("bad_argument", "\(k): unsupported value type"))
            }
        }
        return .success(out)
    }

    /// The key names of a `tui` call, for the trajectory.
    static func plainKeys(_ a: [String: Value]?) -> [String] {
        guard case .array(let keys)? = a?["keys"] else { return [] }
        return keys.compactMap { if case .string(let s) = $0 { return s }; return nil }
    }

    static func plainArguments(_ a: [String: Value]?) -> [String: Any] {
        guard case .success(let args) = toolArgs(a) else { return [:] }
        return Recorder.plain(args)
    }
}

/// First caller wins (a result or the timeout).
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func claim() -> Bool { lock.lock(); defer { lock.unlock() }; if done { return false }; done = true; return true }
}

/// Counts calls whose work is still running (including timed-out ones that have not reached their deadline yet).
final class InFlightCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func enter(limit: Int) -> Bool { lock.lock(); defer { lock.unlock() }; guard count < limit else { return false }; count += 1; return true }
    func leave() { lock.lock(); count -= 1; lock.unlock() }
}
