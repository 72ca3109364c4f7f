import Foundation
import Testing
import TestSupport
@testable import Generator
import Snapshot

/// compare, log patterns and grouping on generated incidents whose answers are known.
@Suite struct AnalysisTests {
    static func incident(_ fault: FaultSpec, seed: UInt64 = 11) throws -> Snapshot {
        let dir = TestPaths.tempDir("analysis")
        try FileManager.default.removeItem(atPath: dir)
        let spec = ScenarioSpec(name: "a", description: "analysis", seed: seed, minutes: 12, rps: 0.6, faults: [fault], metricInterval: 30)
        _ = try SnapshotGenerator(spec: spec).generate(to: dir)
        return try Snapshot.load(dir)
    }

    @Test func compareRanksTheFaultyServicesErrorRateFirst() throws {
        let s = try Self.incident(FaultSpec.flag("cartFailure")!)
        let r = try s.compare()
        // The windows lie on the 10-second grid, the after window starting at the pivot rounded down.
        #expect(r.pivot == s.windows.incident?.start && r.before.end == r.after.start - 1)
        #expect(r.after.start <= r.pivot && r.pivot - r.after.start < SpanDigest.slotNanos && r.after.start % SpanDigest.slotNanos == 0)
        #expect(r.after.duration == r.before.duration && (r.after.duration + 1) % SpanDigest.slotNanos == 0)
        let cart = try #require(r.rows.first { $0.entity.hasSuffix("/cart") && $0.measure == "error_rate" })
        // EmptyCart fails every time after the flag is set; cart's other operations do not.
        #expect(cart.before == 0 && cart.after > 0.02, "\(cart)")
        // Among the error-rate rows, the faulty service's rise is in the top three.
        let errorRows = r.rows.filter { $0.measure == "error_rate" }
        #expect(errorRows.prefix(3).contains { $0.entity.hasSuffix("/cart") }, "\(errorRows.prefix(3))")
        // Kept to one entity, only it and what it runs remain.
        let only = try s.compare(entity: try s.entity("svc/cart"))
        #expect(!only.rows.isEmpty && only.rows.allSatisfy { $0.entity.contains("cart") }, "\(only.rows.map(\.entity))")
        #expect(throws: SnapshotError.self) { try s.compare(pivot: 1) }
    }

    @Test func logPatternsMaskIdsAndSeparateBeforeFromAfter() throws {
        let s = try Self.incident(FaultSpec.flag("cartFailure")!)
        let r = try s.logPatterns(LogQuery())
        #expect(r.records == s.logCount && r.patterns.reduce(0) { $0 + $1.count } == r.records)
        #expect(r.patterns.count < r.records / 5, "templates should fold records: \(r.patterns.count) for \(r.records)")
        // Templates never keep ids: no token with five or more digits survives.
        for p in r.patterns {
            #expect(!p.template.split(separator: " ").contains { $0.filter(\.isNumber).count >= 5 }, "\(p.template)")
            #expect(p.before + p.after == p.count && p.histogram.reduce(0, +) <= p.count)
        }
        // The fault's errors appear only after the pivot.
        let errs = r.patterns.filter { $0.errors > 0 && $0.services.contains("cart") }
        #expect(!errs.isEmpty && errs.allSatisfy { $0.after > 0 && $0.before == 0 }, "\(errs.map { ($0.template, $0.before, $0.after) })")
        let onlyErrors = try s.logPatterns(LogQuery(minLevel: .error))
        #expect(onlyErrors.patterns.allSatisfy { $0.errors == $0.count })
    }

    @Test func groupingCountsEventsAndAlerts() throws {
        let s = try Self.incident(try FaultSpec.make(kind: "network-policy", service: "cart", flag: nil))
        let byReason = try s.groupEvents(EventFilter(), by: .reason)
        #expect(byReason.reduce(0) { $0 + $1.count } == s.events().count)
        #expect(zip(byReason, byReason.dropFirst()).allSatisfy { $0.count >= $1.count })
        let warnings = try s.groupEvents(EventFilter(type: "Warning"), by: .kind)
        #expect(warnings.allSatisfy { $0.warnings == $0.count })
        let alerts = try s.groupAlerts(AlertFilter(), by: .entity)
        #expect(alerts.reduce(0) { $0 + $1.count } == s.alerts().count && alerts.allSatisfy { $0.entities == 1 })
        #expect(throws: GroupingError.self) { try s.groupEvents(EventFilter(), by: .severity) }
    }
}
