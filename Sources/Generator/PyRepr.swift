/// Python `repr` of string dicts, the format of attribute cells (`{'k8s.pod.name': 'cart-…'}`).
enum PyRepr {
    static func dict(_ pairs: [(String, String)]) -> String {
        var s = "{"
        for (i, (k, v)) in pairs.enumerated() {
            if i > 0 { s += ", " }
            s += str(k) + ": " + str(v)
        }
        return s + "}"
    }

    /// Python picks double quotes when the text has a single quote and no double quote.
    static func str(_ v: String) -> String {
        if v.contains("'") && !v.contains("\"") { return "\"" + v.replacingOccurrences(of: "\\", with: "\\\\") + "\"" }
        var out = "'"
        for ch in v.unicodeScalars {
            switch ch {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "'"
    }
}
