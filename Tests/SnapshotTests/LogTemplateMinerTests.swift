import Testing
@testable import Snapshot

@Suite struct LogTemplateMinerTests {
    @Test func masksVariablePartsAndKeepsWords() {
        let m = { (s: String) in LogTemplateMiner.tokens(Substring(s), max: 48).joined(separator: " ") }
        #expect(m("GetCartAsync called with userId=0puk6v6ev0") == "GetCartAsync called with userId=<*>")
        #expect(m("took 12ms for 3 items (id 7d9c4f-x2)") == "took <*> for <*> items (id <*>)")
        #expect(m("GET /api/v1 HTTP/1.1 from 10.0.0.12:8080") == "GET /api/v1 HTTP/1.1 from <*>")
        #expect(m("hash deadbeefcafebabe0123 ok, trace=4bf92f3577b34da6a3ce929d0e0e4736") == "hash <*> ok, trace=<*>")
        #expect(m("mode=fast user=alice") == "mode=fast user=alice")
    }

    @Test func similarMessagesShareOneTemplate() {
        var m = LogTemplateMiner()
        let a = m.add("Charged card for order alpha")
        let b = m.add("Charged card for order beta")
        let c = m.add("Payment failed: connection refused")
        #expect(a == b && a != c)
        #expect(m.text(a) == "Charged card for order <*>" && m.text(c) == "Payment failed: connection refused")
        // Another length is another template; a huge message is bounded.
        #expect(m.add("Charged card") != a)
        let big = m.add(Substring(String(repeating: "word ", count: 10_000)))
        #expect(m.template(big).count == 49 && m.template(big).last == "…")
    }

    /// The masking rules as first written, on array slices: the oracle `TokenMask` (raw bytes) must equal.
    enum Oracle {
        static func isPunct(_ b: UInt8) -> Bool { Array("()[]{},;:\"'".utf8).contains(b) }
        static func http(_ t: ArraySlice<UInt8>) -> Bool { t.starts(with: Array("HTTP/".utf8)) || t.starts(with: Array("http/".utf8)) }
        static func isVariable(_ t: ArraySlice<UInt8>) -> Bool {
            let digits = t.filter { (48...57).contains($0) }.count
            let hexLetters = t.filter { (97...102).contains($0) || (65...70).contains($0) }.count
            let letters = t.filter { (65...90).contains($0) || (97...122).contains($0) }.count
            if digits == 0 { return t.count >= 16 && digits + hexLetters == t.count }
            if letters == 0 { return true }
            if t.count <= 5 && digits == 1 { return false }
            return !http(t)
        }
        static func mask(_ token: ArraySlice<UInt8>) -> [UInt8] {
            let star = Array("<*>".utf8)
            if let eq = token.firstIndex(of: 0x3D), eq != token.startIndex {
                return isVariable(token[(eq + 1)...]) ? Array(token[...eq]) + star : Array(token)
            }
            if token.contains(0x2F), !http(token) {
                var out: [UInt8] = [], start = token.startIndex
                for k in token.indices where token[k] == 0x2F { if k > start { out += mask(token[start..<k]) }; out.append(0x2F); start = k + 1 }
                if start < token.endIndex { out += mask(token[start...]) }
                return out
            }
            var lo = token.startIndex, hi = token.endIndex
            while lo < hi, isPunct(token[lo]) { lo += 1 }
            while hi > lo, isPunct(token[hi - 1]) { hi -= 1 }
            guard lo < hi, isVariable(token[lo..<hi]) else { return Array(token) }
            return Array(token[..<lo]) + star + Array(token[hi...])
        }
    }

    @Test func rawByteMaskingEqualsTheRulesOnRandomTokens() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "F", "z", "Q", "0", "7", "=", "/", "(", ")", ",", ":", "\"", "'", "-", ".", "HTTP/", "http/", "é", "deadbeefcafebabe"]
        for _ in 0..<20_000 {
            let token = Array((0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined().utf8)
            let got = LogTemplateMiner.maskedTokens(token, max: 48)
            #expect(got == [Oracle.mask(token[...])], "\(String(decoding: token, as: UTF8.self))")
        }
        // Whitespace splitting and the `…` beyond `max` tokens.
        let words = Array("GET /api/v1/cart/42 HTTP/1.1\t200 \r\n id=7d9c4f x  y".utf8)
        #expect(LogTemplateMiner.maskedTokens(words, max: 3).map { String(decoding: $0, as: UTF8.self) } == ["GET", "/api/v1/cart/<*>", "HTTP/1.1", "…"])
        #expect(LogTemplateMiner.maskedTokens(words, max: 48).count == 7 && LogTemplateMiner.maskedTokens([], max: 48).isEmpty)
    }
}
