/// Interns strings to dense `Int32` ids so indexes store 4 bytes per repeated name.
public final class StringTable: @unchecked Sendable {
    public internal(set) var strings: [String] = [""]
    private var ids: [String: Int32] = ["": 0]

    public init() {}

    /// The id of `s`, adding it when new. Id 0 is the empty string.
    @discardableResult
    public func intern(_ s: String) -> Int32 {
        if let id = ids[s] { return id }
        let id = Int32(strings.count)
        strings.append(s)
        ids[s] = id
        return id
    }

    @inline(__always)
    public func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if bytes.isEmpty { return 0 }
        return intern(String(decoding: bytes, as: UTF8.self))
    }

    public func id(of s: String) -> Int32? { ids[s] }
    public subscript(id: Int32) -> String { strings[Int(id)] }
    public var count: Int { strings.count }
}

extension StringTable {
    /// A table holding exactly `strings` (ids are positions); `strings[0]` must be "".
    convenience init(restoring strings: [String]) {
        self.init()
        for s in strings.dropFirst() { intern(s) }
    }
}
