import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The column filters of a log query in one pass (`LogColumnFilter`) keep exactly the rows a plain scan with the
/// query's meaning keeps: entity (its services, pods or namespace), service, minimum level and window, in every mix.
@Suite struct LogColumnFilterTests {
    @Test(arguments: ["incident-02", "incident-06", "incident-08"])
    func theOnePassFilterKeepsTheRowsOfAPlainScan(_ name: String) throws {
        let s = try Snapshot.load(TestPaths.snapshot(name))
        let l = try #require(s.logs)
        let w = s.windows.recording!
        let half = TimeWindow(start: w.start + (w.end - w.start) / 3, end: w.end - (w.end - w.start) / 4)
        let entities: [EntityID?] = [nil] + s.entities.filter { ["Service", "Deployment", "Pod", "Namespace"].contains($0.kind) }.prefix(12).map { $0 }
        for e in entities {
            for level: LogIndex.Level? in [nil, .warning, .error] {
                for window in [nil, half] {
                    for service in [nil, "frontend", "no-such-service"] {
                        let q = LogQuery(entity: e, service: service, minLevel: level, window: window)
                        let keys = e.map(s.telemetryKeys)
                        var want: [Int32] = []
                        for i in 0..<l.count {
                            if let k = keys, !k.matches(service: l.strings[l.service[i]], pod: l.strings[l.pod[i]], namespace: l.strings[l.namespace[i]]) { continue }
                            if let sv = service, l.strings[l.service[i]] != sv { continue }
                            if let m = level, l.level[i] < m.rawValue { continue }
                            if let w = window, !w.contains(l.time[i]) { continue }
                            want.append(Int32(i))
                        }
                        want.sort { (l.time[Int($0)], $0) < (l.time[Int($1)], $1) }
                        #expect(try s.logMatches(q) == want, "\(name) \(String(describing: e)) \(String(describing: level)) \(window != nil) \(String(describing: service))")
                    }
                }
            }
        }
    }
}
