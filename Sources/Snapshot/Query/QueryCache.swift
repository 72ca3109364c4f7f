import Foundation

/// Memoises derived results (rollups, windows) of an immutable snapshot, safely across threads.
final class QueryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    func seed(_ key: String, _ v: Any) { lock.lock(); values[key] = v; lock.unlock() }

    func value<T>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        if let v = values[key] as? T { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        lock.lock(); values[key] = v; lock.unlock()
        return v
    }
}
