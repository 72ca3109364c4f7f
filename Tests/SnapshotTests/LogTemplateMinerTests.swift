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
}
