import Foundation
@testable import Snapshot

/// Paths used by the tests: the repository root and the shared real-data folder beside it.
enum TestPaths {
    static let repoRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let shared = (repoRoot as NSString).appendingPathComponent("../shared")
    static let excerpts = (shared as NSString).appendingPathComponent("itbench/excerpts")
    static let groundTruth = (shared as NSString).appendingPathComponent("itbench/groundtruth")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: excerpts) }
    static let sharedMissing = "../shared/itbench is absent: real-data conformance tests skipped"

    /// A fresh temporary directory.
    static func tempDir(_ name: String = "t") -> String {
        let p = NSTemporaryDirectory() + "triage-test-\(name)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Independent record count with Python's csv module (tab delimiter, RFC-4180 quoting); nil without python3.
    static func pythonRecordCount(_ path: String, header: Bool) -> Int? {
        let script = """
        import csv, sys
        csv.field_size_limit(sys.maxsize)
        with open(sys.argv[1], newline='', encoding='utf-8', errors='replace') as f:
            rows = [r for r in csv.reader(f, delimiter='\\t') if r]
        print(len(rows) - (1 if sys.argv[2] == '1' else 0))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path, header ? "1" : "0"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return Int(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
