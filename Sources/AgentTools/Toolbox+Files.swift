import Foundation
import Snapshot

/// Raw file access, confined to the snapshot directory; the ground truth is never listed or read.
extension Toolbox {
    /// The real path of a snapshot file, or an error for anything outside the snapshot or the ground truth.
    static func sandboxedPath(_ raw: String, root: String) throws -> String {
        let rel = raw.trimmingCharacters(in: .whitespaces)
        guard !rel.isEmpty else { throw ToolError("bad_path", "read_file: empty path") }
        guard !rel.hasPrefix("/"), !rel.hasPrefix("~") else { throw ToolError("bad_path", "read_file: absolute paths are refused; give a path relative to the snapshot") }
        let parts = rel.split(separator: "/")
        guard !parts.contains(".."), !rel.contains("\\") else { throw ToolError("bad_path", "read_file: '..' is refused; paths stay inside the snapshot") }
        guard !parts.contains(where: { SnapshotLayout.isAnswerBearing(name: String($0)) }) else {
            throw ToolError("forbidden", "read_file: hidden files, ground truths, backups and scenario specs are not readable through triage")
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
        let full = URL(fileURLWithPath: (root as NSString).appendingPathComponent(rel)).resolvingSymlinksInPath().standardizedFileURL.path
        guard full == realRoot || full.hasPrefix(realRoot + "/") else {
            throw ToolError("bad_path", "read_file: '\(rel.prefix(80))' resolves outside the snapshot (symlink); refused")
        }
        guard !SnapshotLayout.isAnswerBearing(name: (full as NSString).lastPathComponent) else {
            throw ToolError("forbidden", "read_file: hidden files, ground truths, backups and scenario specs are not readable through triage")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir) else { throw ToolError("not_found", "read_file: no file '\(rel.prefix(80))' in the snapshot; see files") }
        guard !isDir.boolValue else { throw ToolError("bad_path", "read_file: '\(rel)' is a directory; see files") }
        // Only what `files` lists is readable: the layout withholds files whose content is a ground truth or scenario.
        guard let layout = try? SnapshotLayout(root: root), layout.entries.contains(where: { $0.path == rel }) else {
            throw ToolError("forbidden", "read_file: '\(rel.prefix(80))' is not one of the snapshot's files (see files); files that may reveal the answer are withheld")
        }
        return full
    }

    static func files(_ ctx: ToolContext) throws -> (String, [String: Any]) {
        let layout: SnapshotLayout
        do { layout = try SnapshotLayout(root: ctx.snapshotPath) } catch { throw ToolError("not_found", "\(error)") }
        let entries = layout.entries.filter { !$0.path.hasSuffix("/") }
        let out = Format.table([["FILE", "KIND", "SIZE"]] + entries.map { [$0.path, $0.kind.rawValue, Format.bytes($0.size)] })
        return (out, ["rows": entries.map { ["path": $0.path, "kind": $0.kind.rawValue, "bytes": $0.size] }, "total": entries.count])
    }

    static func readFile(_ a: ToolArgs, _ ctx: ToolContext) throws -> (String, [String: Any]) {
        let path = try sandboxedPath(a.string("path") ?? "", root: ctx.snapshotPath)
        let first = max(1, a.int("line") ?? 1)
        let count = min(400, max(1, a.int("lines") ?? 40))
        let file: ByteFile
        do { file = try ByteFile(path: path) } catch { throw ToolError("io", "\(error)") }
        // Stream to the wanted lines without loading the file.
        var lines: [String] = []
        var line = 1, offset = 0, current: [UInt8] = []
        let chunk = 1 << 16
        reading: while offset < file.size {
            let bytes = file.bytes(at: offset, count: chunk)
            if bytes.isEmpty { break }
            for b in bytes {
                if b == 0x0A {
                    if line >= first { lines.append(String(decoding: current, as: UTF8.self)) }
                    current.removeAll(keepingCapacity: true)
                    line += 1
                    if lines.count >= count { break reading }
                } else if line >= first && current.count < 4000 { current.append(b) }
            }
            offset += bytes.count
        }
        if lines.count < count && !current.isEmpty && line >= first { lines.append(String(decoding: current, as: UTF8.self)) }
        let rel = a.string("path")!
        let text = "\(rel) lines \(first)-\(first + lines.count - 1) (long lines cut at 4,000 bytes)\n" + lines.enumerated().map { "\(first + $0.offset): \($0.element)" }.joined(separator: "\n")
        return (text, ["path": rel, "line": first, "rows": lines, "total": lines.count])
    }
}
