import Foundation

/// A `TextPattern`'s ICU regex, compiled when a match first needs it. A pattern in plain text (no regex syntax) is
/// valid whatever it holds, so it need not be compiled to be checked, and on ASCII text it is matched byte for byte
/// (`TextPattern.plainASCII`): a search for `cart` then never starts ICU (~1 ms for its first pattern in a process).
final class LazyRegex: @unchecked Sendable {
    private let pattern: String
    private let ignoreCase: Bool
    private var made: BudgetRegex?
    private let lock = NSLock()

    /// A regex compiled already (a pattern with regex syntax is compiled when the pattern is made, to report errors).
    init(_ compiled: BudgetRegex) { pattern = compiled.pattern; ignoreCase = false; made = compiled }

    /// Plain text, compiled as a literal (which cannot fail) the first time it is needed.
    init(plainText pattern: String, ignoreCase: Bool) { self.pattern = pattern; self.ignoreCase = ignoreCase }

    var regex: BudgetRegex {
        lock.lock(); defer { lock.unlock() }
        if let made { return made }
        // UREGEX_LITERAL: the text is matched as it is; it holds no syntax anyway, so this is the regex it reads as.
        let r = (try? BudgetRegex(pattern, ignoreCase: ignoreCase, literal: true)) ?? (try? BudgetRegex("(?!)"))!
        made = r
        return r
    }

    /// Whether a match ran out of its step budget (never, before the regex is compiled).
    var exhausted: Bool { lock.lock(); defer { lock.unlock() }; return made?.exhausted ?? false }

    /// Plain text: none of ICU's syntax characters (`\ ^ $ . | ? * + ( ) [ ] { }`).
    static func isPlainText(_ p: String) -> Bool {
        !p.utf8.contains { b in b == 0x5C || b == 0x5E || b == 0x24 || b == 0x2E || b == 0x7C || b == 0x3F || b == 0x2A || b == 0x2B
            || b == 0x28 || b == 0x29 || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D }
    }
}
