#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A read-only file accessed by offset (`pread`), never loaded whole.
///
/// Indexing streams through it in fixed-size chunks; views read single records back by offset.
public final class ByteFile: @unchecked Sendable {
    public let path: String
    public let size: Int
    private let fd: Int32

    public init(path: String) throws {
        self.path = path
        // Non-blocking, so opening a FIFO returns at once instead of waiting for a writer; only regular files are read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw SnapshotError.io(path: path, reason: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw SnapshotError.io(path: path, reason: String(cString: strerror(errno)))
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: close(fd); throw SnapshotError.io(path: path, reason: "is a directory")
        case S_IFIFO: close(fd); throw SnapshotError.io(path: path, reason: "is a FIFO, not a regular file")
        default: close(fd); throw SnapshotError.io(path: path, reason: "is not a regular file")
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns the number read.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0 { if errno == EINTR { continue }; return done }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads the byte range `offset ..< offset+count` (clamped to the file) as an array.
    public func bytes(at offset: Int, count: Int) -> [UInt8] {
        let n = max(0, min(count, size - offset))
        guard n > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: n)
        let got = out.withUnsafeMutableBytes { read(into: $0.baseAddress!, count: n, at: offset) }
        if got < n { out.removeLast(n - got) }
        return out
    }

    /// Reads the byte range `offset ..< offset+count` (clamped to the file) as `Data`, with no intermediate copy.
    public func data(at offset: Int, count: Int) -> Data {
        let n = max(0, min(count, size - offset))
        guard n > 0 else { return Data() }
        var out = Data(count: n)
        let got = out.withUnsafeMutableBytes { read(into: $0.baseAddress!, count: n, at: offset) }
        if got < n { out.removeLast(n - got) }
        return out
    }

    /// The byte range `offset ..< offset+count` as `Data` over a read-only mapping of the file (unmapped when the
    /// `Data` goes), so a large range is read from the page cache without a copy or fresh pages; nil when the range
    /// is not within the file or the mapping fails (read it with `data(at:count:)` then).
    public func mappedData(at offset: Int, count: Int) -> Data? {
        guard count > 0, offset >= 0, offset <= size - count else { return nil }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset / page * page, length = offset + count - start
        // Every caller reads its range whole (a cache section and its checksum): the page tables are filled in the
        // one call (MAP_POPULATE) instead of a fault per 64 KiB as the bytes are first read.
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let p = mmap(nil, length, PROT_READ, flags, fd, off_t(start)), p != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: p + (offset - start), count: count, deallocator: .custom { _, _ in munmap(p, length) })
    }

    /// Runs `body` with the whole file memory-mapped read-only (unmapped afterwards, so the pages do not
    /// stay charged to the process). Used by literal search, which then reads the page cache without copying.
    public func withMapped<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard size > 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw SnapshotError.io(path: path, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        _ = madvise(p, size, Int32(MADV_SEQUENTIAL))
        defer { munmap(p, size) }
        return try body(UnsafeRawBufferPointer(start: p, count: size))
    }

    /// Tells the kernel we will read the file front to back once.
    public func adviseSequential() {
        #if os(Linux)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    /// 1-based line number of a byte offset, counted on demand (used for diagnostics only).
    public func lineNumber(at offset: Int) -> Int {
        var line = 1
        var pos = 0
        let chunk = 1 << 20
        let buf = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buf.deallocate() }
        while pos < offset {
            let want = min(chunk, offset - pos)
            let got = read(into: buf, count: want, at: pos)
            if got <= 0 { break }
            let p = buf.assumingMemoryBound(to: UInt8.self)
            for i in 0..<got where p[i] == 0x0A { line += 1 }
            pos += got
        }
        return line
    }
}
