/// A key of a Python-dict attribute cell, prepared for fast lookup with `memmem`
/// (`'k8s.pod.name': '` is searched as one needle instead of walking the cell).
public struct AttrKey: Sendable {
    let needle: [UInt8]
    public let name: String

    public init(_ name: String) {
        self.name = name
        needle = Array("'\(name)': ".utf8)
    }

    public static let podName = AttrKey("k8s.pod.name")
    public static let namespace = AttrKey("k8s.namespace.name")
    public static let serviceName = AttrKey("service.name")

    /// Byte range of the value of this key when it is a plain quoted string; nil when absent.
    @inline(__always)
    public func range(in cell: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let n = cell.count
        guard n > needle.count + 2, let base = cell.baseAddress else { return nil }
        guard let hit = needle.withUnsafeBytes({ c_memmem(base, n, $0.baseAddress!, $0.count) }) else {
            return nil
        }
        let vs = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + needle.count
        guard vs < n else { return nil }
        let q = cell[vs]
        guard q == 0x27 || q == 0x22 else { return nil }
        var e = vs + 1
        while e < n && cell[e] != q {
            if cell[e] == 0x5C { return nil }
            e += 1
        }
        return e < n ? (vs + 1)..<e : nil
    }
}
