import Foundation
import Snapshot

/// The one filter and find syntax of every view: a regular expression, case-insensitive unless it holds an uppercase
/// letter (smart case, as in ripgrep, vim and lnav). Typed text that is not a valid regex yet (`(unclosed`) is matched
/// as plain text in the in-memory views, with the reason kept for the status line.
struct RowPattern {
    let text: String
    let ignoreCase: Bool
    let regex: TextPattern?
    /// Why `text` is not a valid regex, when it is not.
    let error: String?

    init(_ text: String, ignoreCase: Bool? = nil) {
        self.text = text
        self.ignoreCase = Self.ignoresCase(text, rule: ignoreCase)
        do { regex = try TextPattern(text, ignoreCase: self.ignoreCase); error = nil } catch { regex = nil; self.error = "\(error)" }
    }

    /// Smart case: no uppercase letter, no case rule.
    static func smartIgnoreCase(_ s: String) -> Bool { !s.contains { $0.isUppercase } }

    /// Whether `text` is matched ignoring case: as `rule` says when one is given (a replayed agent's), else smart case.
    static func ignoresCase(_ text: String, rule: Bool?) -> Bool { rule ?? smartIgnoreCase(text) }

    func matches(_ s: String) -> Bool {
        if let regex { return regex.matches(s) }
        return s.range(of: text, options: ignoreCase ? .caseInsensitive : []) != nil
    }

    /// Every match in `s`, for highlighting.
    func ranges(in s: String) -> [Range<String.Index>] {
        if let regex { return regex.ranges(in: s).filter { !$0.isEmpty } }
        var out: [Range<String.Index>] = []
        var from = s.startIndex
        while from < s.endIndex, let r = s.range(of: text, options: ignoreCase ? .caseInsensitive : [], range: from..<s.endIndex), !r.isEmpty {
            out.append(r); from = r.upperBound
        }
        return out
    }
}
