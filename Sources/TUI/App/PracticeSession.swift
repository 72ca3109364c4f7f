import Foundation
import Scoring

/// A timed practice run on one task: the ground truth stays hidden until the last allowed submission
/// (or a perfect score), then the score panel shows the answer, the propagation chain and why each false positive was wrong.
public final class PracticeSession {
    /// What one finished session produced; stored by the CLI and listed by `triage history`.
    public struct Result: Codable, Sendable {
        public var task: String
        public var snapshot: String
        public var started: Date
        public var seconds: Double
        public var attempts: Int
        public var score: Double
        public var precision: Double
        public var recall: Double
        public var submitted: [String]
        public var trajectory: String?
    }

    public let task: String
    public let snapshot: String
    public let allowed: Int
    public let started: Date
    public private(set) var used = 0
    public private(set) var finished: Date?
    public private(set) var result: Result?
    /// The trajectory this session is recorded to (for the result record).
    public var trajectory: String?
    /// The task's one-line brief (its DESCRIPTION), shown when the session starts.
    public var brief = "find the root cause"
    /// Called once, when the session ends.
    public var onFinish: ((Result) -> Void)?
    let now: () -> Date

    public init(task: String, snapshot: String, attempts: Int = 1, now: @escaping () -> Date = Date.init) {
        self.task = task
        self.snapshot = snapshot
        allowed = max(1, attempts)
        self.now = now
        started = now()
    }

    public var revealed: Bool { finished != nil }
    public var attemptsLeft: Int { allowed - used }
    public var elapsed: TimeInterval { (finished ?? now()).timeIntervalSince(started) }

    /// `⏱ 04:07`, frozen once the session ends.
    public var clock: String {
        let s = Int(elapsed)
        return String(format: "⏱ %02d:%02d%@", s / 60, s % 60, revealed ? " done" : "")
    }

    /// Counts a submission; the session ends on the last attempt or a perfect score.
    func submitted(_ report: ScoreReport, entities: [String]) {
        guard !revealed else { return }
        used += 1
        guard used >= allowed || report.score == 1 else { return }
        finished = now()
        let r = Result(task: task, snapshot: snapshot, started: started, seconds: (elapsed * 10).rounded() / 10, attempts: used,
                       score: report.score, precision: report.precision, recall: report.recall, submitted: entities, trajectory: trajectory)
        result = r
        onFinish?(r)
    }

    /// The reveal: every root cause (with its aliases) and the propagation chain, walked from the roots.
    static func reveal(_ truth: GroundTruth) -> [(String, Role)] {
        var out: [(String, Role)] = [("", .normal), ("THE ANSWER", .header)]
        for g in truth.rootCauseGroups {
            let aliases = truth.aliases.filter { $0.contains(g.id) }.flatMap { $0 }.filter { $0 != g.id }
            out.append(("★ root cause \(describe(g))" + (aliases.isEmpty ? "" : "   (also accepted: \(aliases.joined(separator: ", ")))"), .good))
        }
        guard !truth.propagations.isEmpty else { return out }
        out.append(("", .normal))
        out.append(("HOW IT PROPAGATED", .header))
        var seen = Set<Int>(), frontier = truth.rootCauseGroups.map(\.id), depth = 0
        while !frontier.isEmpty, depth < 20 {
            var next: [String] = []
            for (i, p) in truth.propagations.enumerated() where !seen.contains(i) && frontier.contains(p.source) {
                seen.insert(i)
                let what = [p.condition, p.effect].filter { !$0.isEmpty }.joined(separator: " ⇒ ")
                out.append((String(repeating: "  ", count: depth) + "\(p.source) → \(p.target)" + (what.isEmpty ? "" : ": \(what)"), .warn))
                next.append(p.target)
            }
            frontier = next; depth += 1
        }
        for (i, p) in truth.propagations.enumerated() where !seen.contains(i) {
            out.append(("\(p.source) → \(p.target): \(p.condition)", .dim))
        }
        return out
    }

    static func describe(_ g: GroundTruth.Group) -> String {
        "\(g.namespace ?? "*")/\(g.kind)/" + (g.name ?? "") + (g.name == nil ? " (name ~ " + g.filter.map { "/\($0)/" }.joined(separator: " or ") + ")" : "")
    }
}
