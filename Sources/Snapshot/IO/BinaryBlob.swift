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

/// A fast 64-bit checksum over byte streams, eight bytes at a time (detects flipped, zeroed or cut bytes in the index
/// cache; not cryptographic). Feeding the same bytes in any chunking gives the same value.
struct Checksum64 {
    /// Four independent lanes (word k goes to lane k mod 4), so the multiplies of neighbouring words overlap.
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var words: UInt64 = 0
    private var total: UInt64 = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        total &+= UInt64(n)
        while pendingCount > 0 && i < n { push(bytes[i]); i += 1 }
        while words & 3 != 0 && i + 8 <= n { word(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        var (a, b, c, d) = lanes
        while i + 32 <= n {
            a = Self.mix(a, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = Self.mix(b, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = Self.mix(c, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = Self.mix(d, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            words &+= 4
            i += 32
        }
        lanes = (a, b, c, d)
        while i + 8 <= n { word(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)); i += 8 }
        while i < n { push(bytes[i]); i += 1 }
    }

    private mutating func push(_ b: UInt8) {
        pending |= UInt64(b) << (8 * UInt64(pendingCount))
        pendingCount += 1
        if pendingCount == 8 { word(pending); pending = 0; pendingCount = 0 }
    }

    private mutating func word(_ w: UInt64) {
        switch words & 3 {
        case 0: lanes.0 = Self.mix(lanes.0, w)
        case 1: lanes.1 = Self.mix(lanes.1, w)
        case 2: lanes.2 = Self.mix(lanes.2, w)
        default: lanes.3 = Self.mix(lanes.3, w)
        }
        words &+= 1
    }

    @inline(__always) private static func mix(_ v: UInt64, _ w: UInt64) -> UInt64 {
        var x = (v ^ (w &* 0xBF58_476D_1CE4_E5B9)) &* 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x
    }

    /// The final value (the lanes, the trailing bytes and the length folded in).
    var final: UInt64 {
        var v = Self.mix(lanes.0, lanes.1)
        v = Self.mix(v, lanes.2); v = Self.mix(v, lanes.3)
        v = Self.mix(v, pending ^ (UInt64(pendingCount) << 56))
        return Self.mix(v, total)
    }

    static func of(_ d: Data) -> UInt64 {
        var c = Checksum64()
        d.withUnsafeBytes { c.add($0) }
        return c.final
    }
}
