import CICURegex
import Foundation

/// A regex that gives up instead of running away. ICU runs every match with a step budget (about a tenth of a
/// second), so a pattern that backtracks without end on some text (`(.|\s)*(.|\s)*x` on a long line, `(a|a)*b`) stops
/// that match and says so, rather than holding a core for hours. Used for every regex triage takes from outside: log
/// filters, search, trajectory re-runs and ground-truth filters. Safe to share between threads (each match runs on
/// its own clone of the compiled pattern).
public final class BudgetRegex: @unchecked Sendable {
    public let pattern: String
    private let compiled: OpaquePointer
    /// ICU steps per match; ICU documents a step as "on the order of milliseconds", measured here at ~0.35 ms.
    public static let stepBudget: Int32 = 300
    static let timeOut: Int32 = 0x10300 + 18            // U_REGEX_TIME_OUT
    static let caseInsensitive: UInt32 = 2              // UREGEX_CASE_INSENSITIVE

    /// Set once any match ran out of its budget (the answer of that match is unknown).
    public var exhausted: Bool { lock.lock(); defer { lock.unlock() }; return _exhausted }
    private var _exhausted = false
    private let lock = NSLock()

    public struct CompileError: Error { public let status: Int32 }

    /// `literal`: the pattern is text to find as it is (UREGEX_LITERAL), not regex syntax.
    public init(_ pattern: String, ignoreCase: Bool = false, literal: Bool = false) throws {
        self.pattern = pattern
        let p = Array(pattern.utf16)
        var status: Int32 = 0
        let flags = (ignoreCase ? Self.caseInsensitive : 0) | (literal ? 16 : 0)   // 16: UREGEX_LITERAL
        guard let re = swift_uregex_open(p, Int32(p.count), flags, nil, &status), status <= 0 else {
            throw CompileError(status: status)
        }
        compiled = re
    }

    deinit { swift_uregex_close(compiled) }

    /// UTF-16 ranges of the matches in `text` (at most `limit`); the first only when `limit` is 1. A match that runs
    /// out of its budget ends the search and marks the regex `exhausted`.
    public func utf16Ranges(in text: String, limit: Int = .max) -> [Range<Int>] {
        var status: Int32 = 0
        guard let re = swift_uregex_clone(compiled, &status), status <= 0 else { return [] }
        defer { swift_uregex_close(re) }
        swift_uregex_setTimeLimit(re, Self.stepBudget, &status)   // matcher state: a clone does not inherit it
        let t = Array(text.utf16)
        var out: [Range<Int>] = []
        t.withUnsafeBufferPointer { buf in
            swift_uregex_setText(re, buf.baseAddress, Int32(buf.count), &status)
            var found = swift_uregex_find(re, 0, &status)
            while found != 0, status <= 0, out.count < limit {
                let a = Int(swift_uregex_start(re, 0, &status)), b = Int(swift_uregex_end(re, 0, &status))
                out.append(a..<b)
                found = swift_uregex_findNext(re, &status)
            }
        }
        if status == Self.timeOut { lock.lock(); _exhausted = true; lock.unlock() }
        return out
    }

    /// Whether `text` contains a match (false when the budget ran out; see `exhausted`).
    public func firstMatch(in text: String) -> Bool { !utf16Ranges(in: text, limit: 1).isEmpty }
}
