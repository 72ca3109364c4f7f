import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Grouping spans by trace on two threads gives what one thread gives: the same time-ordered spans per trace and the
/// same calls between services, on every shipped incident, wherever the two halves meet.
@Suite struct TraceGroupingTests {
    @Test(arguments: SpanDigestTests.paths) func twoHalvesGroupAsOne(path: String) throws {
        let s = try Snapshot.load(path)
        let t = try #require(s.traces)
        t.buildTraces(parallelFrom: Int.max)
        let (start, spans, calls) = (t.traceStart, t.traceSpans, t.calls)
        #expect(t.traceCount > 10 && !calls.isEmpty)
        for from in [1, t.count / 3, t.count] {
            t.buildTraces(parallelFrom: from)
            #expect(t.traceStart == start && t.traceSpans == spans, "grouped from \(from) spans")
            #expect(t.calls.count == calls.count, "grouped from \(from) spans")
            for (key, want) in calls {
                let got = t.calls[key]
                #expect(got?.calls == want.calls && got?.errors == want.errors && got?.totalDuration == want.totalDuration)
            }
        }
    }
}
