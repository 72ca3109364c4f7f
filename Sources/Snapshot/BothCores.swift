import Foundation

/// Two independent parts of one query on both cores: one on a thread of its own, one on the caller's.
enum BothCores {
    /// Runs `other` on a new thread while `here` runs on this one, and returns both results once both are done; an
    /// error of either is thrown (this thread's first).
    static func run<Here, Other: Sendable>(_ other: @escaping @Sendable () throws -> Other, while here: () throws -> Here) throws -> (Here, Other) {
        let (mine, theirs) = both({ Result { try other() } }, while: { Result { try here() } })
        return (try mine.get(), try theirs.get())
    }

    /// `run` for parts that cannot fail.
    static func both<Here, Other: Sendable>(_ other: @escaping @Sendable () -> Other, while here: () -> Here) -> (Here, Other) {
        let outcome = Outcome<Other>(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { outcome.value = other(); done.signal() }
        let mine = here()
        done.wait()
        return (mine, outcome.value!)
    }

    /// The other thread's result: written before the semaphore is signalled, read after it is waited for.
    private final class Outcome<T>: @unchecked Sendable { var value: T? }
}
