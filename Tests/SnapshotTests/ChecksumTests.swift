import Foundation
import Testing
@testable import Snapshot

/// The index cache's section checksum: the same bytes give the same value however they are fed, and any flipped,
/// zeroed, swapped or cut byte, and any reordered stripe or block of them, changes it.
@Suite struct ChecksumTests {
    static let bytes: [UInt8] = (0..<10_007).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }

    static func sum(_ b: [UInt8], chunks: [Int]) -> UInt64 {
        var c = Checksum64()
        var at = 0
        b.withUnsafeBytes { p in
            for n in chunks where at < b.count {
                let end = min(b.count, at + n)
                c.add(UnsafeRawBufferPointer(rebasing: p[at..<end])); at = end
            }
            if at < b.count { c.add(UnsafeRawBufferPointer(rebasing: p[at...])) }
        }
        return c.final
    }

    @Test func anyChunkingGivesTheSameValue() {
        let whole = Self.sum(Self.bytes, chunks: [Self.bytes.count])
        #expect(Self.sum(Self.bytes, chunks: Array(repeating: 1, count: Self.bytes.count)) == whole)
        #expect(Self.sum(Self.bytes, chunks: [3, 5, 7, 33, 1, 64, 9, 100, 31, 8, 8, 4096]) == whole)
        #expect(Self.sum(Self.bytes, chunks: Array(repeating: 13, count: 1000)) == whole)
        #expect(Checksum64.of(Data(Self.bytes)) == whole)
    }

    @Test func everyDamageChangesIt() {
        let whole = Checksum64.of(Data(Self.bytes))
        for i in stride(from: 0, to: Self.bytes.count, by: 97) {
            var b = Self.bytes; b[i] ^= 0x01
            #expect(Checksum64.of(Data(b)) != whole, "flip at \(i)")
            b = Self.bytes; b[i] = 0
            if Self.bytes[i] != 0 { #expect(Checksum64.of(Data(b)) != whole, "zero at \(i)") }
        }
        var swapped = Self.bytes; swapped.swapAt(0, 8)   // words in different lanes
        if swapped != Self.bytes { #expect(Checksum64.of(Data(swapped)) != whole) }
        var lanes = Self.bytes
        for k in 0..<8 { lanes.swapAt(k, 32 + k) }        // the same lane, another word
        if lanes != Self.bytes { #expect(Checksum64.of(Data(lanes)) != whole) }
        var stripes = Self.bytes
        for k in 0..<64 { stripes.swapAt(64 + k, 128 + k) }   // two whole stripes of one block, swapped
        #expect(stripes != Self.bytes && Checksum64.of(Data(stripes)) != whole)
        // Two whole blocks of 16 stripes, swapped (on bytes that do not repeat every 256, as `bytes` do).
        var rng = JSONTextWriterTests.Mix(state: 5)
        let random = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var blocks = random
        for k in 0..<1024 { blocks.swapAt(k, 1024 + k) }
        #expect(blocks != random && Checksum64.of(Data(blocks)) != Checksum64.of(Data(random)))
        var page = Self.bytes
        for k in 4096..<8192 { page[k] = 0 }                  // a page zeroed, as a crash can leave it
        #expect(Checksum64.of(Data(page)) != whole)
        #expect(Checksum64.of(Data(Self.bytes.dropLast())) != whole)
        #expect(Checksum64.of(Data(Self.bytes + [0])) != whole)
    }
}
