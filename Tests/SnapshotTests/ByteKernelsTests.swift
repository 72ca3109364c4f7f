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
                    #expect(bs_text_flags(base, n) == (b.contains { $0 >= 0x80 } ? 1 : 0) | (b.contains(0) ? 2 : 0))
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

    /// `bs_split_cells` splits what a plain loop splits, at every buffer length and start (its 32-byte blocks, the
    /// blocks it reuses for several cells and its byte-at-a-time tail), and stops where that loop stops: before a
    /// quoted cell, at the field limit or the repeated column, at a newline, or when a cell runs past the buffer. The
    /// text flags it gives are those of the bytes of the cells it took, never of a byte after them (the next record's,
    /// or the cell it stopped before).
    @Test func cellSplitterMatchesAPlainLoop() {
        #expect(MemoryLayout<FieldSpan>.stride == MemoryLayout<bs_cell>.stride)
        #expect(MemoryLayout<FieldSpan>.offset(of: \.end) == 4 && MemoryLayout<FieldSpan>.offset(of: \.quoted) == 8)
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array("aaaaaaaaaaaaaaaaab\t\t\n\r\"".utf8) + [0x00, 0xC3]
        for n in 0..<140 {
            for _ in 0..<60 {
                let b = Self.random(n, from: alphabet, &rng)
                let pos = Int.random(in: 0...n, using: &rng), rec = Int.random(in: 0...pos, using: &rng)
                let count = Int.random(in: 0..<4, using: &rng), limit = count + Int.random(in: 0..<40, using: &rng)
                let stop = Bool.random(using: &rng) ? Int.max : Int.random(in: 0..<12, using: &rng)
                // The plain loop.
                var want: [FieldSpan] = [], i = pos, nf = count, ended = false
                while nf < limit && nf != stop && i < n && b[i] != 0x22 {
                    guard let d = b[i...].firstIndex(where: { $0 == 0x09 || $0 == 0x0A }) else { break }
                    var e = d
                    if b[d] == 0x0A && e > i && b[e - 1] == 0x0D { e -= 1 }
                    want.append(FieldSpan(start: Int32(i - rec), end: Int32(e - rec), quoted: false))
                    nf += 1
                    if b[d] == 0x0A { i = d; ended = true; break }
                    i = d + 1
                }
                var out = [FieldSpan](repeating: FieldSpan(start: -1, end: -1, quoted: true), count: limit + 1)
                var at = pos, got = count, flags: UInt32 = 0
                // Tabs after the buffer's end: a kernel that took one past `n` for a delimiter would split differently.
                let r = (b + [UInt8](repeating: 0x09, count: 40)).withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer { o in
                        o.baseAddress!.withMemoryRebound(to: bs_cell.self, capacity: o.count) {
                            bs_split_cells(p.baseAddress!, n, rec, &at, $0, &got, limit, stop, &flags, nil)
                        }
                    }
                }
                #expect(at == i && got == nf && (r != 0) == ended, "\(b) from \(pos)")
                let written = out[count..<got].map { [$0.start, $0.end, $0.quoted ? 1 : 0] }
                #expect(written == want.map { [$0.start, $0.end, 0] }, "\(b) from \(pos)")
                #expect(out[got].start == -1, "wrote past the cells it counted")
                // A cell that runs past the buffer (the caller reads it again) may have given its bytes' flags too.
                func textFlags(_ s: ArraySlice<UInt8>) -> UInt32 { UInt32((s.contains { $0 >= 0x80 } ? 1 : 0) | (s.contains(0) ? 2 : 0)) }
                let ranPast = !ended && nf < limit && nf != stop && i < n && b[i] != 0x22
                let least = textFlags(b[pos..<i]), most = ranPast ? textFlags(b[pos..<n]) : least
                #expect(flags & least == least && flags | most == most, "\(b) from \(pos) to \(i)")
            }
        }
    }

    /// The C fast path for the common timestamp form answers what the general parser answers, or leaves the cell to
    /// it: random valid times from 1678 to 2261 (leap days, second 60, `T` for the space), every byte of a good one
    /// replaced in turn, impossible dates and the years just outside the range nanoseconds can hold.
    @Test func timestampFastPathMatchesTheGeneralParser() {
        var rng = SystemRandomNumberGenerator()
        func check(_ text: String) {
            let b = Array(text.utf8)
            b.withUnsafeBufferPointer { p in
                var fast: Int64 = 0
                let took = p.baseAddress.map { bs_datetime($0, p.count, &fast) } ?? 0
                let general = Timestamp.parseGeneral(p)
                if took != 0 { #expect(general == fast, "\(text)") }
                #expect(Timestamp.parse(p) == general, "\(text)")
            }
        }
        for _ in 0..<3000 {
            let y = Int.random(in: 1670...2270, using: &rng), mo = Int.random(in: 1...12, using: &rng)
            let d = Int.random(in: 1...31, using: &rng), h = Int.random(in: 0...23, using: &rng)
            let mi = Int.random(in: 0...59, using: &rng), s = Int.random(in: 0...60, using: &rng)
            let frac = Int.random(in: 0..<1_000_000_000, using: &rng)
            let sep = Bool.random(using: &rng) ? " " : "T"
            let base = String(format: "%04d-%02d-%02d%@%02d:%02d:%02d", y, mo, d, sep, h, mi, s)
            check(base)
            check(base + String(format: ".%09d", frac))
            check(base + String(format: ".%06d", frac % 1_000_000))
            check(base + "Z")
        }
        for day in ["2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2026-04-31", "2026-00-10", "2026-13-01"] {
            check(day + " 12:00:00.000000001")
        }
        for text in ["1677-12-31 23:59:59", "1678-01-01 00:00:00", "2261-12-31 23:59:59.999999999", "2262-04-11 23:47:16"] {
            check(text)
        }
        // Each broken one right after the good one: the fast path remembers the last minute it parsed.
        let good = Array("2026-03-10 09:00:00.016572932".utf8)
        for i in good.indices {
            for byte: UInt8 in [0x2F, 0x3A, 0x20, 0x2E, 0x41, 0x00, 0xFF, 0x30, 0x39] {
                var b = good
                b[i] = byte
                check(String(decoding: good, as: UTF8.self))
                check(String(decoding: b, as: UTF8.self))
            }
        }
        // Every second of one minute, in a row, with and without a fraction (each digit in every place).
        for s in 0...60 {
            let frac = Int.random(in: 0..<1_000_000_000, using: &rng)
            check(String(format: "2026-03-10 09:00:%02d", s))
            check(String(format: "2026-03-10 09:00:%02d.%09d", s, frac))
            check(String(format: "2026-03-10 09:00:%02d.%09d", s, (s % 10) * 111_111_111))
        }
    }

    /// `bs_hash` depends on every byte and on the length, at every length (its short path's overlapping loads, its
    /// lanes, its eight-byte steps and its overlapping last word), and only on the bytes, not on where they sit.
    @Test func hashSeesEveryByteAndTheLength() {
        var rng = SystemRandomNumberGenerator()
        func hash(_ b: [UInt8], at shift: Int = 0) -> UInt64 {
            let padded = [UInt8](repeating: 0x55, count: shift) + b
            return padded.withUnsafeBufferPointer { bs_hash($0.baseAddress! + shift, b.count) }
        }
        var seen = Set<UInt64>()
        for n in 0...100 {
            let b = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let h = hash(b)
            #expect(seen.insert(h).inserted, "length \(n) hashes like a shorter string")
            for shift in 1..<8 { #expect(hash(b, at: shift) == h, "length \(n) at offset \(shift)") }
            for k in 0..<n {
                var c = b
                c[k] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                #expect(hash(c) != h, "length \(n): byte \(k) is not hashed")
            }
            // Zero bytes added at the end change the hash (the length is part of it).
            if n < 100 { #expect(hash(b + [0]) != h) }
        }
    }
}
