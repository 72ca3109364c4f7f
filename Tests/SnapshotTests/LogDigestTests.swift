import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The log digest counts what the log columns hold: for slot-aligned windows (as compare lays them) every service's
/// records per level before and after equal a scan of every record, fresh and from the saved index.
@Suite struct LogDigestTests {
    /// Per service and level, records in `before` and `after`, by a scan of every record (compare before the digest).
    static func scan(_ l: LogIndex, before: TimeWindow, after: TimeWindow) -> [String: [UInt8: (Int, Int)]] {
        var out: [String: [UInt8: (Int, Int)]] = [:]
        let nl = UInt8(LogIndex.Level.allCases.count)
        for i in 0..<l.count {
            let t = l.time[i]
            let side = before.contains(t) ? 0 : after.contains(t) ? 1 : -1
            guard side >= 0 else { continue }
            let lv = l.level[i] < nl ? l.level[i] : 0
            var c = out[l.strings[l.service[i]], default: [:]][lv] ?? (0, 0)
            if side == 0 { c.0 += 1 } else { c.1 += 1 }
            out[l.strings[l.service[i]], default: [:]][lv] = c
        }
        return out
    }

    /// The snapshot indexed now, and read back from the index it saves.
    static func freshAndSaved(_ path: String) throws -> (Snapshot, Snapshot) {
        let fresh = try Snapshot.load(path)
        let file = TestPaths.tempDir("logdigest") + "/index.idx"
        let key = try IndexCache.key(for: fresh.root)
        try IndexCache.save(fresh, key: key, to: file)
        return (fresh, try #require(try IndexCache.load(file, key: key, root: fresh.root)))
    }

    @Test(arguments: SpanDigestTests.paths) func countsEqualAScanOfEveryRecord(path: String) throws {
        let (fresh, saved) = try Self.freshAndSaved(path)
        let l = try #require(fresh.logs)
        let rec = try #require(fresh.windows.recording)
        let slot = SpanDigest.slotNanos
        // Several pivots and lengths on the 10-second grid, as compare lays its windows.
        for k in 1...4 {
            let edge = SpanDigest.floorDiv(rec.start + rec.duration * Int64(k) / 5, slot) * slot
            for span in [slot, 6 * slot, 60 * slot] {
                let before = TimeWindow(start: edge - span, end: edge - 1), after = TimeWindow(start: edge, end: edge + span - 1)
                let expected = Self.scan(l, before: before, after: after)
                for s in [fresh, saved] {
                    let got = try #require(s.logDigest).counts(before: before, after: after)
                    #expect(got.count == expected.count)
                    for (service, levels) in got {
                        #expect(levels.count == expected[service]?.count, "\(service)")
                        for (lv, b, a) in levels { #expect(expected[service]?[lv].map { $0 == (b, a) } == true, "\(service) level \(lv)") }
                    }
                }
            }
        }
        // Services come in the log index's name order, as compare's scan listed them.
        let order = try #require(fresh.logDigest).counts(before: TimeWindow(start: rec.start - slot * 1_000_000, end: rec.start - 1),
                                                         after: TimeWindow(start: rec.start, end: rec.end + slot * 1_000_000)).map(\.service)
        #expect(order == order.sorted { l.strings.id(of: $0)! < l.strings.id(of: $1)! })
    }

    /// The Overview's timeline reads error spans and error logs per 10-second slot from the digests: each slot's count
    /// equals the error spans and the error-or-worse records whose times fall in it, fresh and from the saved index.
    @Test(arguments: SpanDigestTests.paths) func timelineSlotsEqualTheTimesTheyCount(path: String) throws {
        let (fresh, saved) = try Self.freshAndSaved(path)
        func grouped(_ times: [Nanos]) -> [Int64: Int] {
            Dictionary(times.map { (SpanDigest.floorDiv($0, SpanDigest.slotNanos) * SpanDigest.slotNanos, 1) }, uniquingKeysWith: +)
        }
        let spans = grouped(fresh.errorSpanTimes())
        let logs = grouped(fresh.logTimes(try fresh.logMatches(LogQuery(minLevel: .error))))
        #expect(!spans.isEmpty || !logs.isEmpty)
        for s in [fresh, saved] {
            let gotSpans = s.errorSpanSlots(), gotLogs = s.logSlots(minLevel: .error)
            #expect(Dictionary(uniqueKeysWithValues: gotSpans.map { ($0.start, $0.count) }) == spans)
            #expect(Dictionary(uniqueKeysWithValues: gotLogs.map { ($0.start, $0.count) }) == logs)
            #expect(gotSpans.map(\.start) == gotSpans.map(\.start).sorted() && gotLogs.map(\.start) == gotLogs.map(\.start).sorted())
        }
    }
}
