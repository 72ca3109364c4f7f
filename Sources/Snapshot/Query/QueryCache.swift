import Foundation

/// Memoises derived results (rollups, windows) of an immutable snapshot, safely across threads. A saved index seeds
/// results it stored: as values, or as readers run the first time a result is asked for.
final class QueryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]
    private var readers: [String: () -> Any?] = [:]

    func seed(_ key: String, _ v: Any) { lock.lock(); values[key] = v; lock.unlock() }

    /// Seeds `key` with a reader run once, when the value is first asked for; a nil (or mistyped) answer falls back
    /// to computing it.
    func seed(_ key: String, reader: @escaping () -> Any?) { lock.lock(); readers[key] = reader; lock.unlock() }

    func value<T>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        if let v = values[key] as? T { lock.unlock(); return v }
        let reader = readers.removeValue(forKey: key)
        lock.unlock()
        let v = reader.flatMap { $0() as? T } ?? make()
        lock.lock(); values[key] = v; lock.unlock()
        return v
    }
}
