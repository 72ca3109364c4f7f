import Foundation
import Testing
@testable import Snapshot

/// Every command's JSON is written by `JSONTextWriter`, which must give what `JSONSerialization` gives byte for byte
/// (keys in Foundation's locale order, numbers after Foundation's casts, escapes): checked on random values of every
/// kind a result holds, compact and pretty, and on values Foundation refuses.
@Suite struct JSONTextWriterTests {
    struct Mix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    static func foundation(_ v: Any, pretty: Bool) -> String {
        var opts: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        if pretty { opts.insert(.prettyPrinted) }
        guard JSONSerialization.isValidJSONObject([v]), let d = try? JSONSerialization.data(withJSONObject: v, options: opts) else { return "null" }
        return String(decoding: d, as: UTF8.self)
    }

    static let keyParts = ["a", "A", "b", "B", "z", "Z", "_", "-", ".", " ", "0", "1", "9", "10", "01", "é", "e", "k8s", "run", "runs",
                           "run_set", "Pod", "pod", "ß", "ǅ", "😀", "/", ":", "x"]
    static let textParts = ["plain", "a/b", "\"", "\\", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{0}", "\u{1}", "\u{f}", "\u{10}", "\u{1f}",
                            "\u{7f}", "é", "\u{2028}", "😀", "e\u{301}", " ", "otel-demo/Pod/cart-1", "{}", "[1]", "null"]
    static let numberTexts = ["0", "1", "-1", "2", "4.0", "-0", "1e2", "1.5", "0.1", "12345678901234567890", "-9223372036854775808",
                              "9223372036854775807", "1e300", "3.0e-5", "true", "false",
                              // read as NSDecimalNumber: written as their decimal text
                              "0.06764705882352941", "1.2345678901234567e-5", "123456789012345678901234567890", "-9223372036854775809",
                              "3.141592653589793238", "100000000000000000000000.0", "5e-324"]

    static func key(_ g: inout Mix) -> String {
        (0..<Int.random(in: 1...3, using: &g)).map { _ in keyParts.randomElement(using: &g)! }.joined()
    }

    static func leaf(_ g: inout Mix) -> Any {
        switch Int.random(in: 0..<14, using: &g) {
        case 0, 1: return (0..<Int.random(in: 0...4, using: &g)).map { _ in textParts.randomElement(using: &g)! }.joined()
        case 2: return [0, 1, -1, 2, 42, Int.max, Int.min, 1_000_000_007].randomElement(using: &g)!
        case 3: return Bool.random(using: &g)
        case 4: return [0.0, -0.0, 1.0, 4.0, 0.1, 1.0 / 3, 1e15, 1e16, 1e-7, 123456789.123, 1e20, 2.5, 9007199254740993.0].randomElement(using: &g)!
        case 5: return NSNull()
        case 6: return Float([1.1, 2.0, 0.5].randomElement(using: &g)!)
        case 7: return [Int64(5), Int64.max].randomElement(using: &g)!
        case 8: return [UInt64(7), UInt64.max].randomElement(using: &g)!
        case 9, 10:   // numbers and booleans as JSONSerialization reads them (NSNumber, NSDecimalNumber)
            let t = numberTexts.randomElement(using: &g)!
            return ((try? JSONSerialization.jsonObject(with: Data("[\(t)]".utf8))) as? [Any])?.first ?? NSNull()
        case 11: return NSNumber(value: Bool.random(using: &g))
        case 12: return [Int32(3), Int32(-3)].randomElement(using: &g)!
        default: return Double(Int.random(in: -1000...1000, using: &g)) / 8
        }
    }

    static func value(_ g: inout Mix, depth: Int) -> Any {
        guard depth > 0, Int.random(in: 0..<3, using: &g) > 0 else { return leaf(&g) }
        let n = Int.random(in: 0...5, using: &g)
        switch Int.random(in: 0..<5, using: &g) {
        case 0: return (0..<n).map { _ in value(&g, depth: depth - 1) }
        case 1: return Dictionary((0..<n).map { _ in (key(&g), Int.random(in: 0...9, using: &g)) }, uniquingKeysWith: { a, _ in a })
        case 2: return (0..<n).map { _ in key(&g) }
        default: return Dictionary((0..<n).map { _ in (key(&g), value(&g, depth: depth - 1)) }, uniquingKeysWith: { a, _ in a })
        }
    }

    @Test func randomValuesMatchJSONSerialization() {
        var g = Mix(state: 2026_12_07)
        for i in 0..<3000 {
            let v = Self.value(&g, depth: 4)
            for pretty in [false, true] {
                let ours = JSONTextWriter.text(v, pretty: pretty) ?? "null", theirs = Self.foundation(v, pretty: pretty)
                #expect(ours == theirs, "value \(i), pretty \(pretty)")
                if ours != theirs { return }
            }
        }
    }

    @Test func refusedValuesAreNullLikeFoundation() {
        let refused: [Any] = [Double.nan, Double.infinity, ["a": [1, Double.nan]] as [String: Any], [1: "x"] as [Int: String],
                              Date(timeIntervalSince1970: 0), ["k": Data([1])] as [String: Any], Float.infinity]
        for v in refused {
            #expect(JSONTextWriter.text(v, pretty: true) == nil)
            #expect(Self.foundation(v, pretty: true) == "null")
        }
        #expect(JSONOutput.text(["d": Double.nan] as [String: Any]) == "null")
    }

    @Test func keysSortAsFoundationSortsThem() {
        // Foundation's order is numeric and case-insensitive under the locale, not byte order: one dictionary with
        // every key part, written by both.
        let d = Dictionary(uniqueKeysWithValues: Self.keyParts.enumerated().map { ($0.element, $0.offset) })
        #expect(JSONTextWriter.text(d, pretty: false) == Self.foundation(d, pretty: false))
        #expect(JSONTextWriter.text(["run_sets": 1, "runs": 2, "a10": 3, "a9": 4, "B": 5, "a": 6], pretty: false)
                == #"{"a":6,"a9":4,"a10":3,"B":5,"run_sets":1,"runs":2}"#)
    }
}
