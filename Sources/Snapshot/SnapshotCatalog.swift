import Foundation

/// Finds the snapshots shipped with triage (`Snapshots/`) and lists snapshot directories.
public enum SnapshotCatalog {
    /// The shipped `Snapshots/` directory: `$TRIAGE_SNAPSHOTS`, else the nearest `Snapshots/` above the executable, else above the cwd.
    public static func shippedDirectory() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["TRIAGE_SNAPSHOTS"], !env.isEmpty { return env }
        var starts: [String] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent().path
        starts.append(exe)
        if let real = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append((real as NSString).deletingLastPathComponent) }
        starts.append(fm.currentDirectoryPath)
        for s in starts {
            var dir = s
            for _ in 0..<8 {
                let cand = (dir as NSString).appendingPathComponent("Snapshots")
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: cand, isDirectory: &isDir), isDir.boolValue { return cand }
                let up = (dir as NSString).deletingLastPathComponent
                if up == dir { break }
                dir = up
            }
        }
        return nil
    }

    /// Snapshot directories directly inside `dir`, sorted by name.
    public static func list(_ dir: String) -> [String] {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted()
        return names.compactMap { n in
            let p = (dir as NSString).appendingPathComponent(n)
            return (try? SnapshotLayout(root: p)) != nil ? p : nil
        }
    }

    /// The default snapshot: the first shipped one.
    public static func defaultSnapshot() -> String? { shippedDirectory().flatMap { list($0).first } }

    /// A one-line description shipped beside a snapshot (`README.md` first line or `DESCRIPTION`), if any.
    public static func description(of snapshot: String) -> String? {
        for n in ["DESCRIPTION", "README.md"] {
            let p = (snapshot as NSString).appendingPathComponent(n)
            if let s = try? String(contentsOfFile: p, encoding: .utf8) {
                return s.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) }
            }
        }
        return nil
    }
}
