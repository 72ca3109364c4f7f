import Foundation

/// Renders decoded JSON (a Kubernetes manifest) as YAML text with sorted keys, for reading and diffing.
public enum ManifestText {
    public static func yaml(_ value: Any) -> String {
        var out = ""
        emit(value, indent: 0, into: &out, inList: false)
        return out
    }

    static func scalar(_ v: Any) -> String {
        switch v {
        case let s as String: return quote(s)
        case let n as NSNumber:
            if n.isJSONBoolean { return n.boolValue ? "true" : "false" }
            return n.stringValue
        case is NSNull: return "null"
        default: return "\(v)"
        }
    }

    static func quote(_ s: String) -> String {
        if s.isEmpty { return "''" }
        let special = CharacterSet(charactersIn: ":#{}[],&*!|>'\"%@`").union(.whitespaces)
        let looksOther = ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased()) || Double(s) != nil
        if s.rangeOfCharacter(from: special) == nil && !looksOther && !s.hasPrefix("-") { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func emit(_ v: Any, indent: Int, into out: inout String, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch v {
        case let d as [String: Any]:
            if d.isEmpty { out += "{}\n"; return }
            var first = true
            for k in d.keys.sorted() {
                let val = d[k]!
                let prefix = (inList && first) ? "" : pad
                first = false
                out += "\(prefix)\(quote(k)):"
                writeValue(val, indent: indent, into: &out)
            }
        case let a as [Any]:
            if a.isEmpty { out += "[]\n"; return }
            for item in a {
                out += "\(pad)- "
                if let d = item as? [String: Any], !d.isEmpty { emit(d, indent: indent + 2, into: &out, inList: true) }
                else if let l = item as? [Any], !l.isEmpty { out += "\n"; emit(l, indent: indent + 2, into: &out, inList: false) }
                else if let s = item as? String, s.contains("\n") { block(s, indent: indent + 2, into: &out) }
                else { out += (item is [String: Any] ? "{}" : item is [Any] ? "[]" : scalar(item)) + "\n" }
            }
        default:
            out += pad + scalar(v) + "\n"
        }
    }

    static func writeValue(_ val: Any, indent: Int, into out: inout String) {
        if let d = val as? [String: Any], !d.isEmpty { out += "\n"; emit(d, indent: indent + 2, into: &out, inList: false) }
        else if let a = val as? [Any], !a.isEmpty { out += "\n"; emit(a, indent: indent, into: &out, inList: false) }
        else if let s = val as? String, s.contains("\n") { block(s, indent: indent + 2, into: &out) }
        else { out += " " + (val is [String: Any] ? "{}" : val is [Any] ? "[]" : scalar(val)) + "\n" }
    }

    static func block(_ s: String, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        out += " |\(s.hasSuffix("\n") ? "" : "-")\n"
        for line in s.split(separator: "\n", omittingEmptySubsequences: false).dropLast(s.hasSuffix("\n") ? 1 : 0) {
            out += line.isEmpty ? "\n" : pad + line + "\n"
        }
    }

    /// Line diff as unified-style lines: "  same", "- old", "+ new", from the standard library's
    /// `CollectionDifference` (Myers' algorithm: no size cap, where a hand-written LCS gave up past 4M cells and called
    /// every line changed). Unchanged runs longer than `context` lines on each side are folded into "@@ … @@" markers.
    public static func diff(_ a: [Substring], _ b: [Substring], context: Int = 3) -> [String] {
        var p = 0
        while p < a.count && p < b.count && a[p] == b[p] { p += 1 }
        var sa = a.count, sb = b.count
        while sa > p && sb > p && a[sa - 1] == b[sb - 1] { sa -= 1; sb -= 1 }
        let x = Array(a[p..<sa]), y = Array(b[p..<sb])
        var ops: [(Character, Substring)] = a[0..<p].map { (" ", $0) }
        // Removals are at offsets of x, insertions at offsets of y; walk both in order.
        let d = y.difference(from: x)
        var removed = Set<Int>(), inserted = Set<Int>()
        for c in d {
            switch c {
            case .remove(let o, _, _): removed.insert(o)
            case .insert(let o, _, _): inserted.insert(o)
            }
        }
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count && removed.contains(i) { ops.append(("-", x[i])); i += 1 }
            else if j < y.count && inserted.contains(j) { ops.append(("+", y[j])); j += 1 }
            else if i < x.count && j < y.count { ops.append((" ", x[i])); i += 1; j += 1 }
            else if i < x.count { ops.append(("-", x[i])); i += 1 }
            else { ops.append(("+", y[j])); j += 1 }
        }
        ops += a[sa...].map { (" ", $0) }
        // Fold long unchanged runs.
        var keep = [Bool](repeating: false, count: ops.count)
        for (k, op) in ops.enumerated() where op.0 != " " {
            for m in max(0, k - context)...min(ops.count - 1, k + context) { keep[m] = true }
        }
        var out: [String] = []
        var skipped = 0
        for (k, op) in ops.enumerated() {
            if keep[k] {
                if skipped > 0 || k == 0 {
                    let where_ = enclosing(ops.map(\.1), before: k)
                    out.append("@@ \(skipped) unchanged line(s) @@" + (where_.isEmpty ? "" : " " + where_))
                    skipped = 0
                }
                out.append("\(op.0) \(op.1)")
            } else { skipped += 1 }
        }
        if skipped > 0 && !out.isEmpty { out.append("@@ \(skipped) unchanged line(s) @@") }
        return out
    }

    /// The chain of enclosing keys above line `k` (lines with less indentation), like git's hunk context:
    /// `data › demo.flagd.json › "flags": { › "productCatalogFailure": {`.
    static func enclosing(_ lines: [Substring], before k: Int) -> String {
        func indent(_ l: Substring) -> Int { l.prefix { $0 == " " }.count }
        guard k < lines.count else { return "" }
        var level = indent(lines[k])
        var chain: [String] = []
        var i = k - 1
        while i >= 0 && level > 0 {
            let l = lines[i]
            if !l.trimmingCharacters(in: .whitespaces).isEmpty, indent(l) < level {
                chain.append(l.trimmingCharacters(in: .whitespaces))
                level = indent(l)
            }
            i -= 1
        }
        return chain.reversed().suffix(4).joined(separator: " › ")
    }
}
