import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// Conformance on real ITBench bytes (../shared/itbench/excerpts), checked against Python's csv module.
@Suite struct RealExcerptTests {
    var scenario: String { (TestPaths.excerpts as NSString).appendingPathComponent("Scenario-2") }

    @Test func everyExcerptTSVParsesRecordForRecord() throws {
        guard TestPaths.hasShared else { print(TestPaths.sharedMissing); return }
        let fm = FileManager.default
        var checked = 0
        let enumerator = fm.enumerator(atPath: TestPaths.excerpts)!
        for case let rel as String in enumerator where rel.hasSuffix(".tsv.excerpt") {
            let path = (TestPaths.excerpts as NSString).appendingPathComponent(rel)
            let name = (rel as NSString).lastPathComponent
            let isMetric = name.hasPrefix("service_") || name.hasPrefix("pod_")
            let headerFirst = isMetric ? "metric_name" : "Timestamp"
            let standard = isMetric ? (name.hasPrefix("pod_") ? Columns.podMetrics : Columns.serviceMetrics)
                : (name.hasPrefix("otel_traces") ? Columns.traces : Columns.logs)
            let file = try ByteFile(path: path)
            let summary = TSVScanner.scan(file, displayName: rel, headerFirstColumn: headerFirst, expectedHeader: standard) { _ in true }
            let hasHeader = !summary.diagnostics.contains { $0.reason.contains("no header row") }
            guard let python = TestPaths.pythonRecordCount(path, header: hasHeader) else {
                Issue.record("python3 is needed for the independent count"); return
            }
            if name.hasPrefix("otel_traces") {
                // Deliberately cut inside a quoted multi-line cell: Python returns the partial record, we report it.
                #expect(summary.records == python - 1, "\(rel)")
                #expect(summary.diagnostics.contains { $0.reason.contains("unterminated quoted cell") && $0.line == 2 })
            } else {
                #expect(summary.records == python, "\(rel): ours \(summary.records), python \(python)")
                #expect(!summary.diagnostics.contains { $0.severity == .error }, "\(rel): \(summary.diagnostics)")
            }
            checked += 1
        }
        #expect(checked >= 4)
    }

    @Test func scenario2LoadsWithEveryQuirk() throws {
        guard TestPaths.hasShared else { print(TestPaths.sharedMissing); return }
        let s = try Snapshot.load(scenario)
        // Events: 6 rows, folded to distinct event objects (both API versions of one event are one).
        #expect(s.eventRows == 6)
        let evs = s.events()
        #expect(evs.count < 6 && !evs.isEmpty)
        let reload = evs.first { $0.reason == "RELOAD" }
        #expect(reload?.entity.description == "ingress-nginx/Pod/ingress-nginx-controller-75cfcdbd64-pnlpk")
        #expect(reload?.count == 13)
        #expect(reload.map { Timestamp.iso($0.firstTime) } == "2025-12-14T18:14:09Z")   // replayed from the day before
        // Objects: no header in the excerpt; both records decode.
        #expect(s.objectRows == 2)
        // Metrics: 11 rows, 4 exact duplicates dropped.
        let series = s.metricSeries()
        #expect(series.reduce(0) { $0 + $1.samples } == 7)
        #expect(series.reduce(0) { $0 + $1.duplicatesDropped } == 4)
        #expect(series.allSatisfy { $0.file.hasPrefix("metrics/service_frontend-proxy") })
        // Alerts: both shapes, snapshot time from the file names.
        let alerts = s.alerts()
        #expect(alerts.contains { $0.name == "Watchdog" })
        let rer = alerts.filter { $0.name == "RequestErrorRate" }
        #expect(rer.contains { $0.labels["service_name"] == "fraud-detection" })   // only in the envelope file
        #expect(s.alertFiles.count == 2)
        #expect(s.alertFiles.allSatisfy { $0.time != nil })
        // Traces: truncated record reported, rest loads.
        #expect(s.diagnostics.contains { $0.file.hasPrefix("otel_traces_raw.tsv") && $0.reason.contains("unterminated") })
    }

    @Test func alertCountsMatchTheJSON() throws {
        guard TestPaths.hasShared else { print(TestPaths.sharedMissing); return }
        let dir = (scenario as NSString).appendingPathComponent("alerts")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            let data = try Data(contentsOf: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(name)))
            let json = try JSONSerialization.jsonObject(with: data)
            let expected = (json as? [Any])?.count ?? (((json as? [String: Any])?["data"] as? [String: Any])?["alerts"] as? [Any])?.count
            let store = AlertStore.load(root: dir, paths: [name])
            #expect(store.files.first?.count == expected, "\(name)")
        }
    }
}
