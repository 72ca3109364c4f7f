import Foundation

/// Two independent parts of one query on both cores: one on a thread of its own, one on the caller's.
enum BothCores {
    /// Runs `other` on a new thread while `here` runs on this one, and returns both results once both are done; an
    /// error of either is thrown (this thread's first).
    static func run<Here, Other: Sendable>(_ other: @escaping @Sendable () throws -> Other, while here: () throws -> Here) throws -> (Here, Other) {
        let outcome = Outcome<Other>(), done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { outcome.value = Result { try other() }; done.signal() }
        let mine = Result { try here() }
        done.wait()
        return (try mine.get(), try outcome.value!.get())
    }

    /// The other thread's result: written before the semaphore is signalled, read after it is waited for.
    private final class Outcome<T>: @unchecked Sendable { var value: Result<T, Error>? }
}
