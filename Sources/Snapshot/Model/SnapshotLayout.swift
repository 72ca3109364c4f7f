#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Which file of a snapshot directory holds which signal. Found by name, never by content.
public struct SnapshotLayout: Sendable {
    public enum FileKind: String, Sendable, Codable {
        case events, objects, logs, traces, alerts, metrics, topology, metadata, unknown
    }
    public struct Entry: Sendable, Codable {
        public var path: String
        public var kind: FileKind
        public var size: Int
    }

    public let root: String
    public private(set) var entries: [Entry] = []
    public var diagnostics: [Diagnostic] = []

    public func paths(_ kind: FileKind) -> [String] { entries.filter { $0.kind == kind }.map(\.path) }
    public func first(_ kind: FileKind) -> String? { paths(kind).first }

    static let metadataNames: Set<String> = ["status.json", "assertion.json", "README.md", "DESCRIPTION", "description.txt"]

    /// Whether a file name may reveal the answer, so the query layer and the agent tools never list or read it:
    /// hidden files (temporary copies such as `.ground_truth.yaml.tmp-PID`, `.dat.nosync*`), any ground truth under
    /// any name it is saved with (`ground_truth.yaml.bak`, `groundtruth_v1.yaml`), and scenario specs (`scenario.yaml`
    /// names the injected fault).
    public static func isAnswerBearing(name: String) -> Bool {
        let n = name.lowercased()
        if n.hasPrefix(".") || n.hasPrefix("scenario.") { return true }
        return n.contains("ground_truth") || n.contains("groundtruth") || n.contains("ground-truth")
    }

    /// Whether a file's first bytes read as a ground truth or a scenario spec, whatever its name.
    public static func contentIsAnswer(_ path: String) -> Bool {
        guard let f = try? ByteFile(path: path) else { return false }
        let head = String(decoding: f.bytes(at: 0, count: 16_384), as: UTF8.self).lowercased()
        return head.contains("root_cause") || head.contains("kind: groundtruth") || head.contains("kind: scenario")
            || head.contains("itbench.io/v") || head.contains("\"groundtruth\"")
    }


    /// The ground-truth file in a snapshot directory, for the scorer only.
    public static func groundTruthPath(in dir: String) -> String? {
        for n in ["ground_truth.yaml", "ground_truth.yml", "groundtruth.yaml", "groundtruth_v1.yaml"] {
            let p = (dir as NSString).appendingPathComponent(n)
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    /// Classifies every file of `root` (top level, `alerts/`, `metrics/`).
    public init(root: String) throws {
        self.root = root
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir) else {
            throw SnapshotError.notASnapshot(path: root, reason: "no such directory")
        }
        guard isDir.boolValue else { throw SnapshotError.notASnapshot(path: root, reason: "a file, not a directory") }
        let fm = FileManager.default
        func list(_ rel: String) -> [String] {
            let dir = rel.isEmpty ? root : (root as NSString).appendingPathComponent(rel)
            return ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        }
        for name in list("") where !name.hasPrefix(".") {
            let full = (root as NSString).appendingPathComponent(name)
            var d: ObjCBool = false
            _ = fm.fileExists(atPath: full, isDirectory: &d)
            if d.boolValue {
                if name == "alerts" || name == "metrics" {
                    for sub in list(name) where !sub.hasPrefix(".") { classify("\(name)/\(sub)", in: name) }
                } else {
                    entries.append(Entry(path: name + "/", kind: .unknown, size: 0))
                }
            } else {
                classify(name, in: "")
            }
        }
        let signals = entries.filter { ![.unknown, .metadata].contains($0.kind) }
        if signals.isEmpty {
            throw SnapshotError.notASnapshot(path: root, reason: entries.isEmpty ? "empty directory"
                : "none of k8s_events_raw.tsv, k8s_objects_raw.tsv, otel_logs_raw.tsv, otel_traces_raw.tsv, alerts/, metrics/ found")
        }
    }

    private mutating func classify(_ rel: String, in dir: String) {
        let name = (rel as NSString).lastPathComponent
        let full = (root as NSString).appendingPathComponent(rel)
        // stat(2), not FileManager's attribute dictionary: this runs for every file on every command.
        var st = stat()
        let size = stat(full, &st) == 0 ? Int(st.st_size) : 0
        var base = name
        if base.hasSuffix(".excerpt") {
            base.removeLast(8)
            diagnostics.append(Diagnostic(.info, file: rel, reason: "an excerpt: only part of the original file"))
        }
        if Self.isAnswerBearing(name: name) { return }   // never listed, never read here
        let kind: FileKind
        switch base {
        case "k8s_events_raw.tsv": kind = .events
        case "k8s_objects_raw.tsv": kind = .objects
        case "otel_logs_raw.tsv": kind = .logs
        case "otel_traces_raw.tsv": kind = .traces
        case "application_architecture.json", "architecture.json", "topology.json", "application_topology.json": kind = .topology
        default:
            if base.hasPrefix("alerts_") && base.hasSuffix(".json") && (dir == "alerts" || dir.isEmpty) { kind = .alerts }
            else if dir == "metrics" && MetricFileIndex.parseName(name) != nil { kind = .metrics }
            else if Self.metadataNames.contains(base) { kind = .metadata }
            else { kind = .unknown }
        }
        // A file that is not a signal file is withheld when its content reads as a ground truth or a scenario spec.
        if kind == .unknown || kind == .metadata, Self.contentIsAnswer(full) { return }
        if kind == .unknown {
            diagnostics.append(Diagnostic(.info, file: rel, reason: "unknown file; not loaded"))
        }
        entries.append(Entry(path: rel, kind: kind, size: size))
    }
}
