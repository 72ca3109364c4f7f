/// A static check for regexes whose backtracking can take exponential time. Foundation's regex engine backtracks and
/// cannot be interrupted, so `(a+)+$` against a 60-character name runs for hours. A pattern that repeats a group which
/// itself holds an unbounded repetition (star height above one: `(a+)+`, `(x*)*`, `(.*a){2,}`) is refused before it
/// runs, for every regex triage takes from outside: log filters, search, trajectory re-runs and ground-truth filters.
public enum RegexSafety {
    /// The position of the repetition that makes `pattern` unsafe, or nil when it has none.
    public static func nestedRepetition(in pattern: String) -> Int? {
        let c = Array(pattern)
        var stack: [Bool] = []          // per open group: holds an unbounded repetition
        var lastAtomUnbounded = false   // the item before a quantifier is a group holding an unbounded repetition
        var i = 0
        func unbounded(at j: Int) -> Bool {
            guard j < c.count else { return false }
            if c[j] == "*" || c[j] == "+" { return true }
            if c[j] == "{" {
                var k = j + 1, body = ""
                while k < c.count, c[k] != "}" { body.append(c[k]); k += 1 }
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                if parts.count == 2 { return parts[1].isEmpty || (Int(parts[1]) ?? 0) > 1 }
                return (Int(body) ?? 0) > 1
            }
            return false
        }
        while i < c.count {
            let ch = c[i]
            if ch == "\\" { i += 2; lastAtomUnbounded = false; continue }
            if ch == "[" {                                   // a character class is one atom
                var k = i + 1
                if k < c.count, c[k] == "^" { k += 1 }
                if k < c.count, c[k] == "]" { k += 1 }
                while k < c.count, c[k] != "]" { if c[k] == "\\" { k += 1 }; k += 1 }
                i = k + 1
                lastAtomUnbounded = false
                continue
            }
            if ch == "(" { stack.append(false); i += 1; lastAtomUnbounded = false; continue }
            if ch == ")" {
                let inner = stack.popLast() ?? false
                i += 1
                if inner, unbounded(at: i) { return i }
                lastAtomUnbounded = inner
                if inner, !stack.isEmpty { stack[stack.count - 1] = true }
                continue
            }
            if unbounded(at: i) {
                if lastAtomUnbounded { return i }
                if !stack.isEmpty { stack[stack.count - 1] = true }
            }
            lastAtomUnbounded = false
            i += 1
        }
        return nil
    }
}
