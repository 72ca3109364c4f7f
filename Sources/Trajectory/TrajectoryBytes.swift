import Foundation
import Snapshot

/// The bytes of a trajectory, read by range: a file through `pread` (never loaded whole) or bytes already in memory.
///
/// Large tool outputs stay here until shown (see `DeferredText`), so memory follows what is looked at, not the file.
public final class TrajectoryBytes: @unchecked Sendable {
    private let file: ByteFile?
    private let data: Data?
    public let count: Int

    public init(file: ByteFile) { self.file = file; data = nil; count = file.size }
    public init(data: Data) { file = nil; self.data = data; count = data.count }

    /// The bytes in `range` (clamped to the end).
    public func slice(_ range: Range<Int>) -> Data {
        let r = max(0, range.lowerBound)..<min(count, max(range.lowerBound, range.upperBound))
        if let d = data { return d.subdata(in: (d.startIndex + r.lowerBound)..<(d.startIndex + r.upperBound)) }
        return Data(file!.bytes(at: r.lowerBound, count: r.count))
    }

    /// Calls `body` with successive chunks and their offsets until it returns false or the bytes end.
    func forEachChunk(size: Int = 1 << 20, _ body: (Int, UnsafeRawBufferPointer) -> Bool) {
        if let d = data {
            d.withUnsafeBytes { all in
                var o = 0
                while o < all.count {
                    let n = min(size, all.count - o)
                    if !body(o, UnsafeRawBufferPointer(rebasing: all[o..<(o + n)])) { return }
                    o += n
                }
            }
            return
        }
        let buf = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buf.deallocate() }
        var o = 0
        while o < count {
            let n = file!.read(into: buf, count: min(size, count - o), at: o)
            if n <= 0 || !body(o, UnsafeRawBufferPointer(start: buf, count: n)) { return }
            o += n
        }
    }
}

/// A text kept in the trajectory file: the record's byte range and how to find the text in the decoded record.
public struct DeferredText: @unchecked Sendable {
    let bytes: TrajectoryBytes
    let range: Range<Int>
    /// Decodes the record's bytes again and picks the text out.
    let find: (Data) -> String?

    /// The text (empty when the record no longer reads).
    public func resolve() -> String { find(bytes.slice(range)) ?? "" }
}

/// A text held in memory, or deferred to the file when large.
public enum LazyText: @unchecked Sendable {
    case inline(String)
    case deferred(DeferredText, bytes: Int)

    public var value: String {
        switch self {
        case .inline(let s): return s
        case .deferred(let d, _): return d.resolve()
        }
    }
}
