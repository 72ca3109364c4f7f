import Foundation

/// A flat binary container for index columns: arrays of plain values and length-prefixed JSON, written and read
/// back in the same order. Used by the persistent index cache.
struct BlobWriter {
    private(set) var data = Data()
    /// When set, bytes go straight to this file (large arrays are written without an in-memory copy).
    private let file: FileHandle?
    private(set) var written = 0

    init() { file = nil }
    init(streamingTo handle: FileHandle) { file = handle }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        written += bytes.count
        if let file { file.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!), count: bytes.count, deallocator: .none)) }
        else { data.append(contentsOf: bytes) }
    }

    mutating func int(_ v: Int) { var x = Int64(v); withUnsafeBytes(of: &x) { append($0) } }

    mutating func array<T: BitwiseCopyable>(_ a: [T]) {
        int(a.count)
        a.withUnsafeBytes { append($0) }
    }

    mutating func json<T: Encodable>(_ v: T) throws {
        let d = try JSONEncoder().encode(v)
        int(d.count)
        d.withUnsafeBytes { append($0) }
    }

    mutating func strings(_ s: [String]) throws { try json(s) }
}

struct BlobReader {
    let data: Data
    private(set) var pos = 0
    struct Corrupt: Error {}

    init(_ data: Data) { self.data = data }

    mutating func int() throws -> Int {
        guard pos + 8 <= data.count else { throw Corrupt() }
        let v = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: pos, as: Int64.self) }
        pos += 8
        return Int(v)
    }

    mutating func array<T: BitwiseCopyable>(_ type: T.Type) throws -> [T] {
        let n = try int()
        let bytes = n * MemoryLayout<T>.stride
        guard n >= 0, pos + bytes <= data.count else { throw Corrupt() }
        let out = [T](unsafeUninitializedCapacity: n) { buf, count in
            data.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[pos..<(pos + bytes)]))
            }
            count = n
        }
        pos += bytes
        return out
    }

    mutating func json<T: Decodable>(_ type: T.Type) throws -> T {
        let n = try int()
        guard n >= 0, pos + n <= data.count else { throw Corrupt() }
        let v = try JSONDecoder().decode(T.self, from: data.subdata(in: pos..<(pos + n)))
        pos += n
        return v
    }
}
