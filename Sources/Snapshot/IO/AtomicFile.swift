import Foundation

/// The one way triage replaces a file (answers, trajectories, ground truths, the index cache): the bytes go to a hidden
/// temporary file beside it (`.<name>.tmp-<pid>`, never listed to agents), are flushed to disk, and the temporary file
/// is renamed over the target, so a reader sees the old file or the new one, never a part (the index cache, which checks
/// itself, skips the flush). Temporaries left by a
/// process that was killed mid-write are removed on the next write; a failed write removes its own.
public enum AtomicFile {
    /// Writes `data` to `path`; `backup` keeps the previous file as `path.bak` (a hard link, so it costs nothing).
    public static func write(_ data: Data, to path: String, backup: Bool = false) throws {
        try write(to: path, backup: backup) { fd in try writeAll(fd, data, at: 0, path: path) }
    }

    /// Writes all of `bytes` to `fd` at `offset` (retrying short and interrupted writes); errors name `path`.
    public static func writeAll<D: DataProtocol & ContiguousBytes>(_ fd: Int32, _ bytes: D, at offset: Int, path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SnapshotError.io(path: path, reason: String(cString: strerror(errno)))
                }
                done += n
            }
        }
    }

    /// Writes `path` through `body`, which gets the temporary file's descriptor. `durable: false` skips waiting for the
    /// bytes to reach the disk before the rename (a reader still never sees a part of the file while the system runs;
    /// after a crash the file may be cut or zeroed), for files that check themselves and are rebuilt when damaged.
    public static func write(to path: String, backup: Bool = false, durable: Bool = true, _ body: (Int32) throws -> Void) throws {
        let dir = PathText.parent(path)
        let prefix = ".\((path as NSString).lastPathComponent).tmp-"
        removeStaleTemporaries(in: dir, prefix: prefix)
        let tmp = (dir as NSString).appendingPathComponent(prefix + "\(getpid())")
        let fd = open(tmp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SnapshotError.io(path: tmp, reason: String(cString: strerror(errno))) }
        do {
            try body(fd)
            guard !durable || fsync(fd) == 0 else { throw SnapshotError.io(path: tmp, reason: String(cString: strerror(errno))) }
            close(fd)
        } catch {
            close(fd); unlink(tmp); throw error
        }
        if backup, FileManager.default.fileExists(atPath: path) {
            let bak = path + ".bak"
            _ = unlink(bak)
            _ = link(path, bak)
        }
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw SnapshotError.io(path: path, reason: reason)
        }
    }

    /// Temporaries of earlier writes whose process is gone (killed mid-write).
    static func removeStaleTemporaries(in dir: String, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((dir as NSString).appendingPathComponent(name))
        }
    }
}
