import Foundation
import Snapshot
import Trajectory

/// The final answer of an agent trajectory, read through the one trajectory reader (every supported format): the
/// last finish / submit call, answer file the agent wrote, or JSON answer in its messages that reads as a submission.
public enum TrajectoryAnswer {
    /// The answer of a parsed trajectory; nil when it holds none. `baseDirectory` resolves files a finish call names.
    public static func extract(_ t: Trajectory, baseDirectory: String? = nil) -> Submission? {
        for c in t.answerCandidates(baseDirectory: baseDirectory).reversed() {
            if let s = try? Submission.fromJSON(c.value, source: t.source), !s.entities.isEmpty {
                return Submission(format: .trajectory, entities: s.entities, source: "\(t.source) step \(c.step) (\(c.how))")
            }
        }
        return nil
    }

    /// The answer in bytes that hold a trajectory: nil when they are not a trajectory of a known format; an error
    /// naming the format when they are one but hold no answer.
    public static func extract(from data: Data, source: String) throws -> Submission? {
        guard let t = try? TrajectoryReader.parse(data, source: source), t.format != .unknown else { return nil }
        // The trajectory's directory, for answer files a finish call names (a bare name: the current directory).
        let dir: String? = source.hasPrefix("<") ? nil : PathText.parent(source)
        if let s = extract(t, baseDirectory: dir) { return s }
        throw Submission.ParseError(source: source, reason: "a \(t.format.rawValue) trajectory (\(t.steps.count) steps) with no final answer: "
                                    + "no finish or submit call, no answer file written, no JSON answer in its messages")
    }
}
