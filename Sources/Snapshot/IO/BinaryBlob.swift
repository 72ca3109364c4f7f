import CByteScan
import Foundation

/// A flat binary container for index columns: arrays of plain values and length-prefixed JSON, written and read
/// back in the same order. Used by the persistent index cache.
struct BlobWriter {
    private(set) var data = Data()
    /// When set, bytes go straight to this file (large arrays are written without an in-memory copy).
    private let file: FileHandle?
    private(set) var written = 0
    /// A checksum of the bytes written since the last `resetChecksum()` (each cache section gets its own).
    private(set) var checksum = Checksum64()

    init() { file = nil }
    init(streamingTo handle: FileHandle) { file = handle }

    mutating func resetChecksum() { checksum = Checksum64() }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        written += bytes.count
        checksum.add(bytes)
        if let file { file.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!), count: bytes.count, deallocator: .none)) }
        else { data.append(contentsOf: bytes) }
    }

    /// Bytes as they are, with no length (the reader must know where they end).
    mutating func bytes(_ b: UnsafeRawBufferPointer) { if b.count > 0 { append(b) } }

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

    /// Strings as their UTF-8 lengths and bytes (decoding them is a copy per string, not a JSON parse).
    mutating func strings(_ s: [String]) {
        var lengths: [Int32] = [], bytes: [UInt8] = []
        lengths.reserveCapacity(s.count)
        for x in s { lengths.append(Int32(x.utf8.count)); bytes.append(contentsOf: x.utf8) }
        array(lengths); array(bytes)
    }

    /// Dictionaries of strings (metric labels), each as its keys in order and their values.
    mutating func stringMaps(_ maps: [[String: String]]) {
        var counts: [Int32] = [], keys: [String] = [], values: [String] = []
        for m in maps {
            counts.append(Int32(m.count))
            for (k, v) in m.sorted(by: { $0.key < $1.key }) { keys.append(k); values.append(v) }
        }
        array(counts); strings(keys); strings(values)
    }
}

struct BlobReader {
    let data: Data
    private(set) var pos = 0
    struct Corrupt: Error {}

    init(_ data: Data) { self.data = data }

    /// Whether every byte has been read.
    var atEnd: Bool { pos == data.count }

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
            Self.prefault(UnsafeMutableRawBufferPointer(buf))
            data.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[pos..<(pos + bytes)]))
            }
            count = n
        }
        pos += bytes
        return out
    }

    /// Maps a large fresh buffer's pages in one call (`MADV_POPULATE_WRITE`, Linux 5.14) instead of one page fault
    /// per page as the copy first touches them; where the kernel has no such call, the copy faults them as before.
    static func prefault(_ buf: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buf.count >= 1 << 20, let base = buf.baseAddress else { return }
        let page = 4096
        let start = (Int(bitPattern: base) + page - 1) / page * page, end = (Int(bitPattern: base) + buf.count) / page * page
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, 23)   // MADV_POPULATE_WRITE
        #endif
    }

    mutating func strings() throws -> [String] {
        let lengths = try array(Int32.self), bytes = try array(UInt8.self)
        var out: [String] = []
        out.reserveCapacity(lengths.count)
        var at = 0
        try bytes.withUnsafeBufferPointer { b in
            for n in lengths {
                guard n >= 0, at + Int(n) <= b.count else { throw Corrupt() }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[at..<(at + Int(n))]), as: UTF8.self))
                at += Int(n)
            }
        }
        guard at == bytes.count else { throw Corrupt() }
        return out
    }

    mutating func stringMaps() throws -> [[String: String]] {
        let counts = try array(Int32.self), keys = try strings(), values = try strings()
        guard keys.count == values.count, counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, { $0 + Int($1) }) == keys.count else { throw Corrupt() }
        var out: [[String: String]] = []
        out.reserveCapacity(counts.count)
        var at = 0
        for c in counts {
            var m: [String: String] = [:]
            m.reserveCapacity(Int(c))
            for i in at..<(at + Int(c)) { m[keys[i]] = values[i] }
            at += Int(c)
            out.append(m)
        }
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

/// A fast 64-bit checksum over byte streams, 64 bytes at a time (`bs_checksum` in CByteScan: detects flipped, zeroed,
/// reordered or cut bytes in the index cache; not cryptographic). Feeding the same bytes in any chunking gives the
/// same value.
struct Checksum64 {
    private var state: bs_checksum

    init() {
        state = bs_checksum()
        bs_checksum_init(&state)
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        bs_checksum_add(&state, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// The final value (the lanes, the trailing bytes and the length folded in).
    var final: UInt64 {
        var s = state
        return bs_checksum_final(&s)
    }

    static func of(_ d: Data) -> UInt64 {
        var c = Checksum64()
        d.withUnsafeBytes { c.add($0) }
        return c.final
    }
}
