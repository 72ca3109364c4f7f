import Foundation
import Testing
@testable import Snapshot

@Suite struct ParsingTests {
    @Test func pythonDictLiterals() throws {
        let v = try PythonLiteral.parse("{'k8s.namespace.name': 'otel-demo', 'n': 3, 'f': 1.5, 'ok': True, 'no': None, 'q': \"it's\", 'e': 'a\\'b\\n', 'l': [1, 'x'], 'd': {'x': False}}")
        #expect(v["k8s.namespace.name"] == .string("otel-demo"))
        #expect(v["n"] == .int(3))
        #expect(v["f"] == .double(1.5))
        #expect(v["ok"] == .bool(true))
        #expect(v["no"] == PyValue.none)
        #expect(v["q"] == .string("it's"))
        #expect(v["e"] == .string("a'b\n"))
        #expect(v["l"] == .list([.int(1), .string("x")]))
        #expect(v["d"]?["x"] == .bool(false))
        #expect(try PythonLiteral.parse("{}") == .dict([]))
        #expect(throws: PythonLiteral.ParseError.self) { try PythonLiteral.parse("{'a': }") }
        #expect(throws: PythonLiteral.ParseError.self) { try PythonLiteral.parse("{'a': 'open") }
    }

    @Test func quickExtractionMatchesFullParse() {
        let cell = "{'host.name': 'x', 'k8s.pod.name': 'cart-755465879b-rh5r4', 'service.name': 'cart'}"
        var s = cell
        let got = s.withUTF8 { PythonLiteral.quickString("k8s.pod.name", in: $0) }
        #expect(got == "cart-755465879b-rh5r4")
        let missing = s.withUTF8 { PythonLiteral.quickString("k8s.node.name", in: $0) }
        #expect(missing == nil)
    }

    @Test func timestampsInEveryForm() {
        let base = Timestamp.parse("2025-12-15T17:24:44Z")!
        #expect(Timestamp.parse("2025-12-15 17:24:44.327494932") == base + 327_494_932)
        #expect(Timestamp.parse("2025-12-15 17:24:44") == base)
        #expect(Timestamp.parse("2025-12-15 17:24:44.327") == base + 327_000_000)
        #expect(Timestamp.parse("2025-12-15T17:23:12.932996249Z") == base - 92_000_000_000 + 932_996_249)
        #expect(Timestamp.parse("2025-12-15T18:24:44+01:00") == base)
        #expect(Timestamp.parse("not a time") == nil)
        #expect(Timestamp.fromAlertFileName("alerts_at_2025-12-15T17-30-49.329092.json") == Timestamp.parse("2025-12-15 17:30:49.329092"))
        #expect(Timestamp.fromAlertFileName("alerts_in_alerting_state_2025-12-15T175223.904312Z.json") == Timestamp.parse("2025-12-15 17:52:23.904312"))
        #expect(Timestamp.format(base + 327_494_932) == "2025-12-15 17:24:44.327")
        #expect(Timestamp.iso(base) == "2025-12-15T17:24:44Z")
        #expect(Timestamp.parseUser("-5m", reference: base) == base - 300_000_000_000)
        #expect(Timestamp.parseUser("17:30", reference: base) == Timestamp.parse("2025-12-15 17:30:00"))
    }

    @Test func entityIdsAndKubectlKinds() {
        #expect(Kind.canonical("deploy") == "Deployment")
        #expect(Kind.canonical("SVC") == "Service")
        #expect(Kind.canonical("netpol") == "NetworkPolicy")
        #expect(Kind.canonical("configmaps") == "ConfigMap")
        #expect(Kind.canonical("po") == "Pod")
        #expect(EntityRef.parse("otel-demo/deploy/cart")?.exact?.description == "otel-demo/Deployment/cart")
        #expect(EntityRef.parse("otel-demo/NetworkPolicy/frontend-block-all-ports")?.exact?.description == "otel-demo/NetworkPolicy/frontend-block-all-ports")
        #expect(EntityRef.parse("cm/flagd-config")?.kind == "ConfigMap")
        #expect(EntityRef.parse("deployment.apps/cart")?.kind == "Deployment")
        let nsName = EntityRef.parse("otel-demo/cart")!
        #expect(nsName.namespace == "otel-demo" && nsName.kind == nil)
        #expect(EntityRef.parse("node/ip-1")?.exact?.description == "Node/ip-1")
        #expect(EntityID(namespace: "x", kind: "namespace", name: "otel-demo").description == "Namespace/otel-demo")
        #expect(EntityRef.parse("a//b") == nil)
    }

    @Test func jsonSkimFindsNestedStrings() {
        var s = #"{"kind":"Event","metadata":{"name":"a\"b","namespace":"ns"},"list":[{"x":"}"}],"n":3}"#
        s.withUTF8 { b in
            let j = JSONSkim(b)
            #expect(j.string(["kind"]) == "Event")
            #expect(j.string(["metadata", "name"]) == "a\"b")
            #expect(j.string(["metadata", "namespace"]) == "ns")
            #expect(j.string(["missing"]) == nil)
        }
    }

    @Test func regexLiteralExtractionAndErrors() throws {
        #expect(TextPattern.literal(of: "status=50[0-9]").0 == "status=50")
        #expect(TextPattern.literal(of: "a|b").0 == nil)
        #expect(TextPattern.literal(of: "timeout").1 == true)
        #expect(TextPattern.literal(of: "colou?r").0 == "colo")
        #expect(TextPattern.literal(of: #"GET /api/cart\.json"#).0 == "GET /api/cart.json")
        let e = #expect(throws: TextPattern.PatternError.self) { try TextPattern("ab(c") }
        #expect(e?.position == 2)
        #expect(e?.description.contains("unclosed '('") == true)
        let e2 = #expect(throws: TextPattern.PatternError.self) { try TextPattern("*x") }
        #expect(e2?.position == 0)
        #expect(try TextPattern("Error", ignoreCase: true).matches("an ERROR here"))
    }

    @Test func manifestDiffShowsChangedLines() {
        let a = "data:\n  flag: off\n  other: 1\n".split(separator: "\n", omittingEmptySubsequences: false)
        let b = "data:\n  flag: on\n  other: 1\n".split(separator: "\n", omittingEmptySubsequences: false)
        let d = ManifestText.diff(a, b)
        #expect(d.contains("-   flag: off"))
        #expect(d.contains("+   flag: on"))
    }

    /// Issue 15: the hand-written LCS gave up past 4M cells and reported every line as changed; the standard
    /// library's difference shows the one changed line of two 3,000-line manifests with interleaved edits.
    @Test func bigManifestDiffsShowOnlyWhatChanged() {
        let a = (0..<3000).map { "  key\($0): value\($0)" }
        var b = a
        b[1500] = "  key1500: CHANGED"
        b.insert("  inserted: here", at: 200)
        b.remove(at: 2900)
        let d = ManifestText.diff(a.map { Substring($0) }, b.map { Substring($0) })
        #expect(d.filter { $0.hasPrefix("- ") }.count == 2, "\(d.filter { $0.hasPrefix("- ") })")
        #expect(d.filter { $0.hasPrefix("+ ") }.count == 2)
        #expect(d.contains("-   key1500: value1500") && d.contains("+   key1500: CHANGED") && d.contains("+   inserted: here"))
    }
}

