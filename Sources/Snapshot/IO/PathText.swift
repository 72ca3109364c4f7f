/// Path arithmetic on user-given strings without Foundation's `NSString.deletingLastPathComponent`, which crashes on a
/// one-character path in swift-corelibs-foundation 6.3 (`("t" as NSString).deletingLastPathComponent`).
public enum PathText {
    /// The directory part of a path: `a/b/c` → `a/b`, `/c` → `/`, `c` → `.`.
    public static func parent(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        guard let i = p.lastIndex(of: "/") else { return "." }
        return i == p.startIndex ? "/" : String(p[..<i])
    }

    /// The last component: `a/b/c/` → `c`, `/` → `/`.
    public static func name(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p.removeLast() }
        guard let i = p.lastIndex(of: "/"), p.count > 1 else { return String(p) }
        return String(p[p.index(after: i)...])
    }
}
