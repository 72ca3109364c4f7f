import Foundation
import TestSupport

/// The SnapshotTests-only helper: an independent record count to check the scanner against.
extension TestPaths {
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
