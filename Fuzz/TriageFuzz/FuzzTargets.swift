import AgentTools
import Foundation
import Scoring
import Snapshot
import Trajectory
import TUI

/// The parsers and handlers that read bytes from outside, as fuzz targets: each takes arbitrary bytes and must return
/// without crashing, hanging or leaking (a thrown error or a diagnostic is a fine outcome).
enum FuzzTargets {
    static let all = ["tsv", "pyliteral", "timestamp", "alerts", "groundtruth", "trajectory", "toolargs", "tui-keys"]

    static func run(_ target: String, _ data: Data) {
        switch target {
        case "tsv": tsv(data)
        case "pyliteral":
            _ = try? PythonLiteral.parse(Array(data))
            _ = Array(data).withUnsafeBufferPointer { PythonLiteralCheck.isWellFormed($0) }
        case "timestamp": timestamp(data)
        case "alerts": alerts(data)
        case "groundtruth": groundTruth(data)
        case "trajectory": trajectory(data)
        case "toolargs": toolArgs(data)
        case "tui-keys": tuiKeys(data)
        default: fatalError("unknown fuzz target '\(target)'; one of \(all.joined(separator: ", "))")
        }
    }

    /// A per-process scratch directory for targets that read files.
    static let scratch: String = {
        let d = (NSTemporaryDirectory() as NSString).appendingPathComponent("triage-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(atPath: d + "/alerts", withIntermediateDirectories: true)
        return d
    }()

    static func tsv(_ data: Data) {
        let p = scratch + "/otel_logs_raw.tsv"
        guard FileManager.default.createFile(atPath: p, contents: data) else { return }
        guard let f = try? ByteFile(path: p) else { return }
        _ = TSVScanner.scan(f, displayName: "otel_logs_raw.tsv", headerFirstColumn: "Timestamp", expectedHeader: Columns.logs, chunkSize: 4096) { rec in
            for i in 0..<rec.count { _ = rec.string(i) }
            if rec.count > 4 {
                _ = try? PythonLiteral.parse(Array(rec.string(4).utf8))
                _ = PythonLiteralCheck.isWellFormed(rec.raw(4))
            }
            return true
        }
    }

    static func timestamp(_ data: Data) {
        let s = String(decoding: data, as: UTF8.self)
        if let t = Timestamp.parse(s) { _ = Timestamp.format(t); _ = Timestamp.iso(t) }
        _ = Timestamp.fromAlertFileName(s)
        if let t = Timestamp.parseUser(s, reference: 1_773_133_200_000_000_000) { _ = Timestamp.format(t) }
        if data.count >= 8 { _ = Timestamp.duration(data.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }) }
    }

    static func alerts(_ data: Data) {
        let p = scratch + "/alerts/alerts_at_2026-03-10T09-00-49.329092.json"
        guard FileManager.default.createFile(atPath: p, contents: data) else { return }
        _ = AlertStore.load(root: scratch, paths: ["alerts/alerts_at_2026-03-10T09-00-49.329092.json"])
    }

    static func groundTruth(_ data: Data) {
        guard let gt = try? GroundTruth.parse(String(decoding: data, as: UTF8.self), file: "fuzz.yaml") else { return }
        let scorer = Scorer(truth: gt)
        let natural = scorer.classes.compactMap { gt.group($0[0])?.naturalEntity }
        _ = scorer.score(entities: natural + ["otel-demo/Service/frontend", "chaos-mesh/Schedule/x"])
        _ = Scorer(truth: gt, options: ScoringOptions(profile: .ibm)).score(entities: natural)
    }

    static func trajectory(_ data: Data) {
        guard let t = try? TrajectoryReader.parse(data, source: "fuzz.json") else { return }
        _ = TrajectoryAnswer.extract(t)
        _ = try? Submission.parse(data, source: "fuzz.json")
    }

    static func toolArgs(_ data: Data) {
        let words = String(decoding: data.dropFirst(), as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let tools = ToolCatalog.all.map(\.name)
        let tool = tools[Int(data.first ?? 0) % tools.count]
        _ = try? ToolArgv.parse(tool, words)
        _ = ToolArgv.triageCommand(String(decoding: data, as: UTF8.self))
    }

    /// One AppState on a shipped snapshot; each input is a key sequence (and screen sizes) applied to it.
    nonisolated(unsafe) static var app: AppState? = nil
    static let keyNames = ["up", "down", "left", "right", "enter", "esc", "tab", "backtab", "pgup", "pgdn", "home", "end", "/", ":", "?", "q",
                           "j", "k", "g", "G", "e", "b", "S", "n", "t", "s", "r", "R", "p", "+", "-", "1", "2", "3", "4", "5", "6", "7", "8", "9", "backspace"]

    static func tuiKeys(_ data: Data) {
        if app == nil {
            let snap = ProcessInfo.processInfo.environment["TRIAGE_FUZZ_SNAPSHOT"] ?? "Snapshots/incident-02"
            guard let s = try? Snapshot.load(snap) else { fatalError("tui-keys needs a snapshot: set TRIAGE_FUZZ_SNAPSHOT") }
            app = AppState(snapshot: s, truthPath: nil)
        }
        guard let a = app else { return }
        var i = data.startIndex
        while i < data.endIndex {
            let b = data[i]
            i = data.index(after: i)
            if b >= 0xF0, i < data.endIndex {
                a.handle(.resize(width: Int(data[i]) * 4 - 100, height: Int(b & 0x0F) * 8 - 20))
                i = data.index(after: i)
            } else if b >= 0x80 {
                a.handle(.char(Character(UnicodeScalar(0x20 + b & 0x5F))))
            } else if let k = Key.named(keyNames[Int(b) % keyNames.count]) {
                a.handle(k)
            }
            _ = a.render()
        }
        a.handle(.resize(width: 120, height: 40))
    }
}
