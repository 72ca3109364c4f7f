/// The scorer's answer for one submission: the numbers, a verdict per submitted entity, and each missed root cause.
public struct ScoreReport: Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case truePositive = "TP", falsePositive = "FP", duplicate, excluded }

    public struct Verdict: Sendable, Codable {
        /// As submitted.
        public var entity: String
        /// Canonical `namespace/Kind/name` (or the parts given).
        public var normalized: String
        public var verdict: Kind
        /// The root-cause class matched (TP), or the one already counted (FP: alias already counted).
        public var rootCause: String?
        /// Which rule accepted the match, or why it is a false positive.
        public var explanation: String
    }

    public struct Missed: Sendable, Codable {
        /// Root-cause group id(s) of the class.
        public var rootCause: String
        /// Groups that would have counted (the class with its aliases), as `kind namespace name-or-filter`.
        public var acceptedAs: [String]
    }

    /// Recall-gated precision (the ITBench-AA headline): 0 if any root-cause class is missed, else TP / (TP + FP).
    public var score: Double
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var truePositives: Int
    public var falsePositives: Int
    public var rootCauseClasses: Int
    public var matchedClasses: Int
    public var profile: MatchProfile
    public var verdicts: [Verdict]
    public var missed: [Missed]
    /// Notes on the ground truth itself (filters that are not valid regexes, unknown ids) and on the profile.
    public var notes: [String]
    /// The ground truth scored against: its file and version, and whether the other version beside it disagrees.
    public var truth: TruthInfo? = nil

    public struct TruthInfo: Sendable, Codable {
        public var file: String?
        /// `v1` or `v2`.
        public var version: String
        public var disagreement: String?
    }

    enum CodingKeys: String, CodingKey {
        case score, precision, recall, f1, truePositives = "true_positives", falsePositives = "false_positives"
        case rootCauseClasses = "root_cause_classes", matchedClasses = "matched_classes", profile, verdicts, missed, notes, truth
    }
}
