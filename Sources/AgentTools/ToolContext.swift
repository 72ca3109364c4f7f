import Foundation
import Snapshot

/// What every tool call runs against: the snapshot (opened once), limits, and the practice/evaluation policy.
public final class ToolContext: @unchecked Sendable {
    public let snapshotPath: String
    private let opener: () throws -> Snapshot
    private var loaded: Snapshot?
    private let lock = NSLock()
    /// Characters of text output at most (Stirrup caps tool output at 20,000).
    public var outputCap: Int
    /// Seconds a call may take.
    public var timeLimit: Double
    /// The longest time limit a call may be given (a day): longer ones are refused, so no conversion overflows.
    public static let maxTimeLimit: Double = 86_400
    /// The largest output cap a caller may set (ten million characters): larger ones are refused, so no size overflows.
    public static let maxOutputCap = 10_000_000
    /// Practice mode: submissions get the scorer's verdict back. Evaluation mode (default): no feedback.
    public var feedback: Bool
    /// Where `submit` writes the answer file.
    public var submissionPath: String?
    /// Who reads the answer: hints name options as the command line spells them or as MCP does; `unspelled`
    /// keeps the ‹name› markers, for a caller that spells them later (replay compares with either surface).
    public enum Surface: Sendable { case cli, mcp, unspelled }
    public var surface: Surface
    /// Whether hint tools (`suspects`) answer: off in fair evaluations (`triage mcp --no-hints`).
    public var hints = true

    public init(snapshotPath: String, outputCap: Int = 20_000, timeLimit: Double = 30, feedback: Bool = false,
                submissionPath: String? = nil, surface: Surface = .mcp, opener: (() throws -> Snapshot)? = nil) {
        self.surface = surface
        self.snapshotPath = snapshotPath
        self.outputCap = outputCap
        self.timeLimit = timeLimit
        self.feedback = feedback
        self.submissionPath = submissionPath
        self.opener = opener ?? { try IndexCache.open(snapshotPath) }
    }

    /// The snapshot, loaded on first use.
    public func snapshot() throws -> Snapshot {
        lock.lock(); defer { lock.unlock() }
        if let s = loaded { return s }
        let s = try opener()
        loaded = s
        return s
    }

    public var deadline: Date { Date().addingTimeInterval(timeLimit) }
}
