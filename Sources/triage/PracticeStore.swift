import Foundation
import TUI

/// Where practice sessions live: `$TRIAGE_DATA_DIR`, else `$XDG_DATA_HOME/triage`, else `$HOME/.local/share/triage`
/// (the password database's home only when HOME is unset).
/// Each session is a trajectory (`<id>.json`, ATIF) and a result record (`<id>.result.json`), both written atomically.
struct PracticeStore {
    let dir: String

    static func standard(_ env: [String: String] = ProcessInfo.processInfo.environment) -> PracticeStore {
        if let d = env["TRIAGE_DATA_DIR"], !d.isEmpty { return PracticeStore(dir: (d as NSString).appendingPathComponent("practice")) }
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return PracticeStore(dir: (base as NSString).appendingPathComponent("triage/practice"))
    }

    func newSessionPath(task: String, at date: Date = Date()) throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: date).replacingOccurrences(of: ":", with: "")
        let safe = task.replacingOccurrences(of: "[^A-Za-z0-9._-]", with: "_", options: .regularExpression)
        return (dir as NSString).appendingPathComponent("\(stamp)-\(safe)-\(UUID().uuidString.prefix(6).lowercased()).json")
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder(); e.outputFormatting = [.prettyPrinted, .sortedKeys]; e.dateEncodingStrategy = .iso8601; return e
    }()

    func save(_ r: PracticeSession.Result, trajectory: String) throws {
        let path = (trajectory as NSString).deletingPathExtension + ".result.json"
        try Self.encoder.encode(r).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Every finished session, oldest first; unreadable records are reported, not fatal.
    func results() -> (results: [PracticeSession.Result], problems: [String]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".result.json") }.sorted()
        let d = JSONDecoder(); d.dateDecodingStrategy = .iso8601
        var out: [PracticeSession.Result] = [], problems: [String] = []
        for f in files {
            let p = (dir as NSString).appendingPathComponent(f)
            do { out.append(try d.decode(PracticeSession.Result.self, from: Data(contentsOf: URL(fileURLWithPath: p)))) }
            catch { problems.append("\(p): not a practice result (\(error.localizedDescription))") }
        }
        return (out.sorted { $0.started < $1.started }, problems)
    }
}
