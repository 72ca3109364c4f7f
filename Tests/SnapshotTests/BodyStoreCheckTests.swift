import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The body store's checksum is checked in the same pass as a search matches its bodies (`records(containing:)`, in
/// chunks): the records it finds are the ones a body-by-body search finds, whatever the chunk size, and a store whose
/// bytes do not check out gives no hits, is reported once, and is never read again.
@Suite struct BodyStoreCheckTests {
    /// A body store section holding `bodies` (as `LogBodyStore.write` lays it out), and its checksum.
    static func section(_ bodies: [[UInt8]]) -> (Data, UInt64) {
        var w = BlobWriter()
        var ends: [Int64] = [], total = 0
        for b in bodies { b.withUnsafeBytes { w.bytes($0) }; total += b.count; ends.append(Int64(total)) }
        w.array([Int32]()); w.array(ends); w.int(total)
        return (w.data, Checksum64.of(w.data))
    }

    /// The records whose body holds `needle` (`fold`: A-Z lowercased first), one body at a time.
    static func naive(_ bodies: [[UInt8]], _ needle: [UInt8], fold: Bool) -> [Int] {
        bodies.indices.filter { i in
            let b = fold ? bodies[i].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 } : bodies[i]
            guard b.count >= needle.count else { return false }
            return (0...(b.count - needle.count)).contains { Array(b[$0..<($0 + needle.count)]) == needle }
        }
    }

    @Test func theChunkedMatchFindsWhatABodyByBodySearchFinds() throws {
        var rng = JSONTextWriterTests.Mix(state: 7)   // seeded: the same stores every run
        let alphabet = Array("abcAC \"".utf8)
        for round in 0..<300 {
            let bodies = (0..<Int(rng.next() % 60)).map { _ in (0..<Int(rng.next() % 24)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] } }
            let (data, sum) = Self.section(bodies)
            let store = try LogBodyStore.read(data, checksum: sum)
            let needle = Array(["a", "ab", "ca", "cab", "abca", "\"a", "c c"][round % 7].utf8)
            for fold in [false, true] {
                let want = Self.naive(bodies, needle, fold: fold)
                for chunk in [1, 3, 16, 64, 1 << 20] {
                    var got: [Int] = []
                    let intact = try store.records(containing: needle, foldCase: fold, deadline: nil, chunk: chunk) { rec, body in
                        got.append(rec)
                        #expect(Array(body) == bodies[rec])
                    }
                    #expect(intact)
                    #expect(got == want, "round \(round) chunk \(chunk) fold \(fold)")
                }
            }
        }
    }

    @Test func bytesThatDoNotCheckOutGiveNoHitsAndAreReportedOnce() throws {
        let bodies = (0..<5000).map { Array("GET /api/cart \($0)".utf8) }
        let (data, sum) = Self.section(bodies)
        let reports = Counter()
        let store = try LogBodyStore.read(data, checksum: sum &+ 1, onDamaged: { reports.add() })
        var hits = 0
        #expect(try !store.records(containing: Array("cart".utf8), foldCase: true, deadline: nil, chunk: 4096) { _, _ in hits += 1 })
        #expect(hits > 0)   // the hits came before the end of the check: the caller drops them
        #expect(!store.isIntact)
        hits = 0
        #expect(try !store.records(containing: Array("cart".utf8), foldCase: true, deadline: nil) { _, _ in hits += 1 })
        #expect(hits == 0 && reports.value == 1)
        // The same bytes with their checksum: intact, checked by the first reader (a whole-section check here).
        let good = try LogBodyStore.read(data, checksum: sum)
        #expect(good.isIntact)
        var found: [Int] = []
        let intact = try good.records(containing: Array("cart 4999".utf8), foldCase: false, deadline: nil) { rec, _ in found.append(rec) }
        #expect(intact && found == [4999])
    }

    @Test func aSearchOfADamagedStoreReadsTheFile() throws {
        let (fresh, damaged) = try SpanDigestTests.freshAndDamaged(SpanDigestTests.paths[1], section: "logbodies")
        for q in ["cart", "GET", "zzz-no-such"] {
            let a = try fresh.search(q), b = try damaged.search(q)
            #expect(a.totals["log"] == b.totals["log"], "\(q)")
            #expect(a.hits.filter { $0.signal == .log }.map(\.ref) == b.hits.filter { $0.signal == .log }.map(\.ref), "\(q)")
        }
        #expect(try fresh.search("cart").totals["log"] ?? 0 > 0)
    }

    @Test func theEarliestHitsAreWhatSortingEveryMatchGives() {
        var rng = JSONTextWriterTests.Mix(state: 11)
        for round in 0..<500 {
            let n = Int(rng.next() % 300)
            // Mostly in time order, with ties and records out of order, as log files are.
            let time = (0..<n).map { i in Nanos(i / 3) + (rng.next() % 5 == 0 ? Nanos(rng.next() % 40) - 20 : 0) }
            let records = (0..<n).filter { _ in rng.next() % 3 != 0 }.map(Int32.init)
            let limit = [0, 1, 5, 20, 400][round % 5]
            let want = Array(records.sorted { (time[Int($0)], $0) < (time[Int($1)], $1) }.prefix(limit))
            #expect(Snapshot.earliest(records, time: time, limit: limit) == want, "round \(round)")
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
    }
}
