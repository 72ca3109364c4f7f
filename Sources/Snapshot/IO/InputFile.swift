import Foundation

/// Reads a file the user names as input (a ground truth, a submission, a trajectory): a regular file, or a stream
/// (`-` for standard input, `/dev/stdin`, `/dev/fd/N`, a pipe) read to its end with a size cap. Failures name the path
/// and give the operating system's reason. The one way every command reads its input files (docs/INTERFACE.md).
public enum InputFile {
    /// The largest input read from a stream (a regular file is mapped or read by offset, without this cap).
    public static let maxStreamBytes = 1 << 30

    /// Whether `path` names a stream rather than a file in a snapshot or on disk.
    public static func isStream(_ path: String) -> Bool {
        if path == "-" || path == "/dev/stdin" || path.hasPrefix("/dev/fd/") { return true }
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
    }

    /// How `path` is named in messages (`-` is standard input).
    public static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// The whole input as bytes.
    public static func read(_ path: String) throws -> Data {
        if isStream(path) { return try readStream(path) }
        let f = try ByteFile(path: path)
        return Data(f.bytes(at: 0, count: f.size))
    }

    /// The whole input as UTF-8 text.
    public static func text(_ path: String) throws -> String {
        let data = try read(path)
        guard let s = String(data: data, encoding: .utf8) else { throw SnapshotError.io(path: displayName(path), reason: "not UTF-8 text") }
        return s
    }

    static func readStream(_ path: String) throws -> Data {
        let fd: Int32 = path == "-" ? dup(0) : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError.io(path: displayName(path), reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var out = Data()
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw SnapshotError.io(path: displayName(path), reason: String(cString: strerror(errno)))
            }
            out.append(contentsOf: buf[0..<n])
            if out.count > maxStreamBytes { throw SnapshotError.io(path: displayName(path), reason: "more than \(maxStreamBytes >> 20) MiB; refused") }
        }
        return out
    }
}
