import Foundation

/// Finds the snapshots shipped with triage (`Snapshots/`) and lists snapshot directories.
public enum SnapshotCatalog {
    /// The shipped `Snapshots/` directory: `$TRIAGE_SNAPSHOTS`; else, for an installed binary `PREFIX/bin/triage`,
    /// `PREFIX/share/triage/Snapshots`; else the nearest `Snapshots/` above the executable (a build in a checkout);
    /// else the nearest above the current directory.
    /// The curriculum of scenario files beside the shipped snapshots: `share/triage/curriculum` when installed,
    /// `scripts/curriculum` in a checkout.
    public static func curriculumDirectory() -> String? {
        guard let shipped = shippedDirectory() else { return nil }
        let parent = (shipped as NSString).deletingLastPathComponent
        for c in ["curriculum", "scripts/curriculum"] {
            let p = (parent as NSString).appendingPathComponent(c)
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    public static func shippedDirectory() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["TRIAGE_SNAPSHOTS"], !env.isEmpty { return env }
        func isDirectory(_ p: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue
        }
        let exeDirs = executableDirectories()
        for bin in exeDirs {
            let installed = ((bin as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/triage/Snapshots")
            if isDirectory(installed) { return installed }
        }
        for s in exeDirs + [fm.currentDirectoryPath] {
            var dir = s
            for _ in 0..<8 {
                let cand = (dir as NSString).appendingPathComponent("Snapshots")
                if isDirectory(cand) { return cand }
                let up = (dir as NSString).deletingLastPathComponent
                if up == dir { break }
                dir = up
            }
        }
        return nil
    }

    /// The directory of the running executable: the kernel's answer (`/proc/self/exe`, symlinks resolved) first,
    /// then `argv[0]` resolved against the current directory.
    static func executableDirectories() -> [String] {
        var dirs: [String] = []
        if let real = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dirs.append((real as NSString).deletingLastPathComponent)
        }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent().path
        if !dirs.contains(arg0) { dirs.append(arg0) }
        return dirs
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
