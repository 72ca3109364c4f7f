import CByteScan
import Foundation
import Testing
@testable import Snapshot

/// The SSE2 kernels answer exactly what a plain loop answers, at every length and alignment (the vector loops and
/// their tails meet at 16 and 32 bytes) and for every byte value.
@Suite struct ByteKernelsTests {
    static func random(_ n: Int, from alphabet: [UInt8], _ rng: inout SystemRandomNumberGenerator) -> [UInt8] {
        (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
    }

    @Test func delimiterAsciiAndLowercaseMatchPlainLoops() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("aZ\t\n\"'{}:,09@[`".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]
        for n in 0..<80 {
            for _ in 0..<40 {
                let b = Self.random(n, from: alphabet, &rng)
                b.withUnsafeBufferPointer { p in
                    let base = p.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    #expect(bs_find_delim(base, n) == (b.firstIndex { $0 == 0x09 || $0 == 0x0A } ?? n))
                    #expect(bs_first_non_ascii(base, n) == (b.firstIndex { $0 >= 0x80 } ?? n))
                    var out = [UInt8](repeating: 0, count: n)
                    out.withUnsafeMutableBufferPointer { o in if n > 0 { bs_lower_ascii(o.baseAddress!, base, n) } }
                    #expect(out == b.map { ($0 &- 0x41) < 26 ? $0 | 0x20 : $0 })
                }
            }
        }
    }

    @Test func substringSearchFindsTheFirstOccurrence() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("abc".utf8) + [0x00, 0xFF]
        for n in 0..<70 {
            for m in 0..<6 {
                for _ in 0..<30 {
                    let h = Self.random(n, from: alphabet, &rng), needle = Self.random(m, from: alphabet, &rng)
                    var expected: Int? = m == 0 ? 0 : nil
                    if m > 0 && m <= n { expected = (0...(n - m)).first { Array(h[$0..<($0 + m)]) == needle } }
                    let got: Int? = h.withUnsafeBytes { hb in
                        needle.withUnsafeBytes { nb in
                            c_memmem(hb.baseAddress, n, nb.baseAddress, m).map { $0 - UnsafeMutableRawPointer(mutating: hb.baseAddress!) }
                        }
                    }
                    if n == 0 && m == 0 { continue }   // an empty haystack has no base address to point into
                    #expect(got == expected, "\(h) \(needle)")
                }
            }
        }
    }

    /// `bs_memmem_fold` answers what a search of the lowercased haystack answers (the copy it replaces), for letters,
    /// their neighbours around 0x20 (`@` and `` ` ``, `[` and `{`), non-ASCII bytes and needles with A-Z (never found).
    @Test func foldedSearchEqualsASearchOfTheLowercasedHaystack() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("aAbB@`[{zZ".utf8) + [0x00, 0xC1, 0xE1]
        for n in 0..<70 {
            for m in 1..<6 {
                for _ in 0..<30 {
                    let h = Self.random(n, from: alphabet, &rng), needle = Self.random(m, from: alphabet, &rng)
                    let lowered = h.map { ($0 &- 0x41) < 26 ? $0 | 0x20 : $0 }
                    var expected: Int? = nil
                    if m <= n { expected = (0...(n - m)).first { Array(lowered[$0..<($0 + m)]) == needle } }
                    let got: Int? = h.withUnsafeBytes { hb in
                        needle.withUnsafeBytes { nb in
                            c_memmem(hb.baseAddress, n, nb.baseAddress, m, foldCase: true).map { $0 - UnsafeMutableRawPointer(mutating: hb.baseAddress!) }
                        }
                    }
                    if n == 0 { continue }
                    #expect(got == expected, "\(h) \(needle)")
                }
            }
        }
    }

    @Test func hexIdsParseAndValidateLikeTheScalarRules() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEFgG-x ".utf8)
        for n in [0, 1, 15, 16, 17, 31, 32, 33] {
            for _ in 0..<300 {
                // Mostly well-formed ids, some with one bad digit.
                var b = Self.random(n, from: Array("0123456789abcdefABCDEF".utf8), &rng)
                if n > 0, Bool.random(using: &rng) { b[Int.random(in: 0..<n, using: &rng)] = alphabet.randomElement(using: &rng)! }
                b.withUnsafeBufferPointer { p in
                    for digits in [16, 32] {
                        let got = Hex.id(p, digits: digits)
                        #expect(got.key == Hex.low64(p), "\(String(decoding: b, as: UTF8.self))")
                        #expect(got.valid == Hex.isID(p, digits: digits), "\(String(decoding: b, as: UTF8.self))")
                    }
                }
            }
        }
    }
}
