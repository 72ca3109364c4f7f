import Foundation
import Snapshot

/// The ground-truth files of one task and the choice between them. Real ITBench scenarios ship `groundtruth_v1.yaml`
/// and `groundtruth.yaml` (v2), which often disagree on the root cause (a Chaos experiment against its Schedule,
/// another kind, another service); snapshots ship `ground_truth.yaml`. Every score names the file and version it used.
public struct GroundTruthChoice: Sendable {
    /// The file used and its parsed ground truth.
    public var path: String
    public var truth: GroundTruth
    /// Why the versions of this task disagree on the roots, when another version sits beside the one used.
    public var disagreement: String?
    /// The other ground-truth files found beside it.
    public var others: [String]

    /// Names of ground-truth files, in the order they are preferred when no version is asked for.
    public static let fileNames = ["ground_truth.yaml", "ground_truth.yml", "groundtruth_v1.yaml", "groundtruth.yaml"]

    public struct ChoiceError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The ground truth of a task directory: `version` ("v1" or "v2") picks the file of that version, otherwise the
    /// first of `fileNames` present.
    public static func choose(in dir: String, version: String? = nil) throws -> GroundTruthChoice {
        let fm = FileManager.default
        let present = fileNames.map { (dir as NSString).appendingPathComponent($0) }.filter { fm.fileExists(atPath: $0) }
        guard !present.isEmpty else { throw ChoiceError(description: "\(dir): no ground truth (\(fileNames.joined(separator: ", ")))") }
        var loaded: [(String, Result<GroundTruth, Error>)] = present.map { p in (p, Result { try GroundTruth.load(path: p) }) }
        // An empty placeholder (scenario 37's groundtruth.yaml: `entities: []`) names no root cause: the other version
        // is used, and the choice says so once.
        func placeholder(_ r: Result<GroundTruth, Error>) -> Bool { (try? r.get())?.isPlaceholder == true }
        func file(_ p: String) -> String { (p as NSString).lastPathComponent }
        let empty = loaded.filter { placeholder($0.1) }
        loaded.removeAll { placeholder($0.1) }
        if let version {
            guard let i = loaded.firstIndex(where: { (try? $0.1.get())?.version == version }) else {
                if let e = empty.first(where: { (try? $0.1.get())?.version == version }) {
                    throw ChoiceError(description: "\(dir): the \(version) ground truth (\(file(e.0))) is an empty placeholder: it names no root cause")
                }
                let have = loaded.compactMap { p, r in (try? r.get()).map { "\(($0.source as NSString?)?.lastPathComponent ?? p) is \($0.version)" } }
                throw ChoiceError(description: "\(dir): no \(version) ground truth (\(have.joined(separator: ", ")))")
            }
            loaded.insert(loaded.remove(at: i), at: 0)
        }
        guard !loaded.isEmpty else {
            throw ChoiceError(description: "\(dir): \(empty.map { file($0.0) }.joined(separator: ", ")): an empty placeholder, no root cause is named")
        }
        let placeholderNote = empty.first.map { e in
            "\(file(e.0)) is an empty \((try? e.1.get())?.version ?? "") placeholder (it names no root cause); using \(file(loaded[0].0))"
        }
        let (path, result) = loaded[0]
        let truth = try result.get()
        let others = loaded.dropFirst().map(\.0)
        let disagreement = placeholderNote ?? loaded.dropFirst().lazy.compactMap { p, r in (try? r.get()).flatMap { disagree(truth, $0) } }.first
        return GroundTruthChoice(path: path, truth: truth, disagreement: disagreement, others: Array(others))
    }

    /// A dataset task's ground truth: chosen among the files of its folder, a lone file, or YAML embedded in the
    /// dataset (named by file and line).
    public static func of(_ task: DatasetTask, version: String? = nil) throws -> GroundTruthChoice {
        if let dir = task.truthDirectory { return try choose(in: dir, version: version) }
        guard let source = task.truth else { throw ChoiceError(description: "task \(task.name): no ground truth") }
        let truth = try GroundTruth.load(source)
        if let version, truth.version != version { throw ChoiceError(description: "\(source): is \(truth.version), not \(version)") }
        return GroundTruthChoice(path: source.description, truth: truth, disagreement: nil, others: [])
    }

    /// The ground truth at `path`, compared with the other versions in its directory.
    public static func file(_ path: String) throws -> GroundTruthChoice {
        let truth = try GroundTruth.load(path: path)
        if truth.isPlaceholder {
            let dir = PathText.parent(path), mine = (path as NSString).lastPathComponent
            let beside = fileNames.filter { $0 != mine && FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent($0)) }
            throw ChoiceError(description: "\(InputFile.displayName(path)): an empty \(truth.version) placeholder: it names no root cause"
                              + (beside.isEmpty ? "" : "; \(beside.joined(separator: ", ")) beside it may (pass that file, or the folder)"))
        }
        // A stream (standard input, /dev/fd/N) has no siblings to compare with.
        if InputFile.isStream(path) { return GroundTruthChoice(path: InputFile.displayName(path), truth: truth, disagreement: nil, others: []) }
        let dir = PathText.parent(path)
        let mine = URL(fileURLWithPath: path).standardizedFileURL.path
        let others = fileNames.map { (dir as NSString).appendingPathComponent($0) }
            .filter { URL(fileURLWithPath: $0).standardizedFileURL.path != mine && FileManager.default.fileExists(atPath: $0) }
        let disagreement = others.lazy.compactMap { (try? GroundTruth.load(path: $0)).flatMap { disagree(truth, $0) } }.first
        return GroundTruthChoice(path: path, truth: truth, disagreement: disagreement, others: others)
    }

    /// Nil when one version's natural answer (one entity per root cause) scores 1.0 on the other in the lenient
    /// profile: every root found and nothing extra. Either direction will do, because a v1 wildcard filter's natural
    /// name is only its literal stem while v2 names the object itself. Otherwise what each version names.
    public static func disagree(_ a: GroundTruth, _ b: GroundTruth) -> String? {
        func natural(_ g: GroundTruth) -> [String] { Scorer(truth: g).classes.compactMap { g.group($0[0])?.naturalEntity } }
        let (na, nb) = (natural(a), natural(b))
        if Scorer(truth: b).score(entities: na).score == 1 || Scorer(truth: a).score(entities: nb).score == 1 { return nil }
        func label(_ g: GroundTruth) -> String { "\(g.version) (\(g.source.map { ($0 as NSString).lastPathComponent } ?? "input"))" }
        return "the ground-truth versions disagree on the root causes: \(label(a)) names \(na.joined(separator: ", ")); "
            + "\(label(b)) names \(nb.joined(separator: ", "))"
    }
}

extension GroundTruth.Group {
    /// The entity an investigator would naturally write for this group, `namespace/Kind/name`: the name from `name`,
    /// else from the first filter without its wildcards and anchors, else (an invalid filter) the name its id carries.
    public var naturalEntity: String {
        var n = name ?? filter.first ?? id
        if name == nil, let f = filter.first {
            if !GroundTruth.isUsableFilter(f) {
                n = GroundTruth.nameCarried(byGroupID: id, kind: kind) ?? id
            } else {
                // `productpage-v1-*` and `reviews-v*` are globs written as filters (scenario 50): the stem is the name.
                for suffix in ["-.*", "-.+", "\\b", "$", ".*", "-*", "*"] where n.hasSuffix(suffix) && n.count > suffix.count { n.removeLast(suffix.count) }
                for prefix in [".*", ".+", "^"] where n.hasPrefix(prefix) { n.removeFirst(prefix.count) }
                n = n.replacingOccurrences(of: "\\", with: "")
            }
        }
        if kind == "Namespace" { return "Namespace/\(n)" }
        return [namespace, kind, n].compactMap { $0 }.joined(separator: "/")
    }
}
