import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Template mining shared by two threads (`PreparedMessages`: the miner's thread mines every chunk in order, reading
/// some itself, taking the other thread's tokenized ones and tokenizing later ones ahead while it would wait) gives
/// exactly the templates and counts of mining on one thread.
@Suite struct PatternMiningShareTests {
    static func describe(_ r: LogPatternReport) -> [String] {
        r.patterns.map { p in
            "\(p.count) \(p.errors) \(p.before) \(p.after) \(p.firstSeen) \(p.lastSeen) \(p.services) \(p.histogram) \(p.template) | \(p.example)"
        }
    }

    @Test func twoThreadsMineAsOne() throws {
        var read = 0, ahead = 0
        for path in SpanDigestTests.paths {
            let (fresh, saved) = try LogDigestTests.freshAndSaved(path)
            for s in [fresh, saved] {
                for q in [LogQuery(), LogQuery(minLevel: .warning)] {
                    let one = try s.logPatterns(q, pivot: nil, buckets: 24, deadline: nil, sharing: .init(parallelFrom: .max))
                    for chunk in [1, 4, 16] {
                        var share = Snapshot.MiningShare(parallelFrom: 0, chunkSize: chunk)
                        share.report = { _, r, a in read += r; ahead += a }
                        let two = try s.logPatterns(q, pivot: nil, buckets: 24, deadline: nil, sharing: share)
                        #expect(two.records == one.records && Self.describe(two) == Self.describe(one), "\(path) chunks of \(chunk)")
                    }
                }
            }
        }
        // Both ways for the miner's thread to take a chunk itself were taken.
        #expect(read > 0 && ahead > 0, "read \(read), ahead \(ahead)")
    }
}
