import Foundation
import Snapshot

/// Generated incidents kept in the cache (`$TRIAGE_CACHE_DIR/<folder>/<name>-<key hash>`): written once, on first
/// use, keyed by the bytes they are generated from and the renderer version.
enum IncidentCache {
    /// Bumped when rendering changes, so cached incidents are generated again.
    static let rendererVersion = 1

    static func path(folder: String, name: String, key: String, in root: String, generate: (String) throws -> Void) throws -> (path: String, generated: Bool) {
        let safe = name.replacingOccurrences(of: "[^A-Za-z0-9._-]", with: "_", options: .regularExpression)
        let hash = String(UInt64(bitPattern: Int64(("v\(rendererVersion)|" + key).hashValue_stable)), radix: 36)
        let out = (root as NSString).appendingPathComponent("\(folder)/\(safe)-\(hash)")
        if FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("ground_truth.yaml")) { return (out, false) }
        try FileManager.default.createDirectory(atPath: PathText.parent(out), withIntermediateDirectories: true)
        try generate(out)
        return (out, true)
    }
}
