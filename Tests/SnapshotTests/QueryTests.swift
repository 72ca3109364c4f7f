import Foundation
import Testing
import TestSupport
@testable import Snapshot

/// The query layer on the shipped default snapshot (a product-catalog feature-flag incident written by us).
@Suite struct QueryTests {
    static let path = (TestPaths.repoRoot as NSString).appendingPathComponent("Snapshots/incident-01")
    static let snapshot: Snapshot = try! Snapshot.load(path)
    var s: Snapshot { Self.snapshot }

    @Test func countsAndWindows() {
        let i = s.info()
        #expect(i.counts.spans > 1000)
        #expect(i.counts.traces > 100)
        #expect(i.counts.log_records > 100)
        #expect(i.counts.events > 10 && i.counts.event_rows == 2 * i.counts.events)
        #expect(i.counts.objects > 50 && i.counts.object_rows > i.counts.objects)
        #expect(i.counts.alert_files >= 20)
        #expect(i.diagnostics.filter { $0.severity != .info }.isEmpty, "\(i.diagnostics)")
        let w = s.windows
        #expect(w.recording != nil)
        #expect(w.incident!.start > w.recording!.start)
        #expect(i.entities["Deployment"]! >= 19)
    }

    @Test func entityResolutionAcceptsKubectlForms() throws {
        #expect(try s.entity("otel-demo/deploy/product-catalog").description == "otel-demo/Deployment/product-catalog")
        #expect(try s.entity("cm/flagd-config").description == "otel-demo/ConfigMap/flagd-config")
        #expect(try s.entity("svc/frontend").kind == "Service")
        #expect(try s.entity("product-catalog").kind == "Service")          // bare name prefers the Service
        let e = #expect(throws: SnapshotError.self) { try s.entity("product-catalogue") }
        #expect(e?.description.contains("did you mean") == true)
        #expect(e?.description.contains("product-catalog") == true)
    }

    @Test func podsResolveToOwnersAndServices() throws {
        let dep = try s.entity("deploy/product-catalog")
        let keys = s.telemetryKeys(dep)
        #expect(keys.services == ["product-catalog"])
        #expect(keys.pods.count == 1)
        let pod = keys.pods.first!
        #expect(s.graph.owner(ofPod: pod) == dep)
        #expect(s.related(dep).contains { $0.kind == "Service" && $0.name == "product-catalog" })
        // flagd was restarted: two pods, two ReplicaSets.
        let flagd = s.telemetryKeys(try s.entity("deploy/flagd"))
        let flagdDeploy = try s.entity("deploy/flagd")
        #expect(s.graph.out(flagdDeploy).filter { $0.relation == .owns }.count == 2)
        #expect(flagd.pods.count == 2)
        // Config dependency: flagd uses the flagd-config ConfigMap.
        #expect(s.graph.out(flagdDeploy).contains { $0.relation == .uses && $0.to.name == "flagd-config" })
    }

    @Test func manifestChangesShowTheFlagFlip() throws {
        let cm = try s.entity("cm/flagd-config")
        let changes = s.changes(of: cm)
        #expect(changes.count == 1)
        let diff = changes[0].diff.joined(separator: "\n")
        #expect(diff.contains("\"productCatalogFailure\""))
        #expect(changes[0].diff.contains { $0.hasPrefix("-") && $0.contains("\"defaultVariant\": \"off\"") })
        #expect(changes[0].diff.contains { $0.hasPrefix("+") && $0.contains("\"defaultVariant\": \"on\"") })
        #expect(s.changedObjects().contains { $0.entity == cm })
        let m = s.manifest(of: cm)!
        #expect(m.yaml!.contains("kind: ConfigMap"))
        #expect(!m.yaml!.contains("managedFields"))
        #expect(s.observations(of: cm).count >= 3)
    }

    @Test func tracesErrorsAndRollup() throws {
        let (rows, total) = s.traces(TraceFilter(errorsOnly: true, sort: .errors), limit: 5)
        #expect(total > 0 && rows.count <= 5)
        let tree = try s.trace(rows[0].traceID)
        #expect(tree.first?.depth == 0)
        #expect(tree.contains { $0.isError })
        #expect(tree.count == rows[0].spans)
        let pc = try s.entity("svc/product-catalog")
        let errs = s.errorSpans(entity: pc)
        #expect(errs.total > 0)
        #expect(errs.rows.allSatisfy { $0.service == "product-catalog" || $0.service == "frontend" || $0.isError })
        #expect(errs.rows.contains { $0.statusMessage.contains("Product Catalog Fail Feature Flag Enabled") })
        let rollup = s.serviceRollup()
        let pcRoll = rollup.first { $0.service == "product-catalog" }!
        #expect(pcRoll.errors > 0 && pcRoll.p95 >= pcRoll.p50)
        // Only errors after the flag flipped.
        let w = s.windows.recording!
        #expect(s.errorSpans(entity: pc, window: TimeWindow(start: w.start, end: w.start + 300_000_000_000)).total == 0)
        #expect(throws: SnapshotError.self) { try s.trace("zzzz") }
        #expect(throws: SnapshotError.self) { try s.trace("0123456789abcdef") }
    }

    @Test func logsRegexLiteralAndNonLiteralAgree() throws {
        let lit = try s.logMatches(LogQuery(pattern: "Product Catalog Fail"))
        let rx = try s.logMatches(LogQuery(pattern: "Product Cat.log Fail"))
        let ci = try s.logMatches(LogQuery(pattern: "product catalog fail", ignoreCase: true))
        #expect(!lit.isEmpty)
        #expect(lit == rx && rx == ci)
        let pc = try s.entity("deploy/product-catalog")
        let own = try s.logMatches(LogQuery(entity: pc, pattern: "Product Catalog Fail"))
        #expect(!own.isEmpty && own.count <= lit.count)
        let errors = try s.logs(LogQuery(entity: pc, minLevel: .error), limit: 3)
        #expect(errors.rows.allSatisfy { $0.level == "ERROR" })
        #expect(errors.total >= errors.rows.count)
        // Paging is stable and time-ordered.
        let page1 = try s.logs(LogQuery(), offset: 0, limit: 10).rows
        let page2 = try s.logs(LogQuery(), offset: 10, limit: 10).rows
        #expect(page1.last!.time <= page2.first!.time)
        let err = #expect(throws: TextPattern.PatternError.self) { try s.logMatches(LogQuery(pattern: "(unclosed")) }
        #expect(err?.position == 0)
        // Envoy access logs (empty severity) keep their body's trailing newline out of the row.
        let envoy = try s.logs(LogQuery(service: "frontend-proxy"), limit: 1).rows
        #expect(envoy.first?.body.hasPrefix("[") == true && envoy.first?.body.hasSuffix("\n") == false)
    }

    @Test func metricsRatesQuantilesAnomalies() throws {
        let pod = s.telemetryKeys(try s.entity("deploy/frontend")).pods.first!
        let series = s.metricSeries(entity: EntityID(namespace: "otel-demo", kind: "Pod", name: pod))
        let cpu = series.first { $0.name == "container_cpu_usage_seconds_total" }!
        #expect(cpu.cumulative)
        let pts = try s.seriesPoints(cpu.id)
        #expect(pts.derived == "rate/s" && pts.values.allSatisfy { $0 >= 0 })
        let raw = try s.seriesPoints(cpu.id, raw: true)
        #expect(raw.values.count == pts.values.count + 1)
        let svc = try s.entity("svc/frontend")
        let q = s.histogramQuantile(0.95, metric: "traces_span_metrics_duration_milliseconds", entity: svc)
        #expect(!q.isEmpty)
        #expect(q.allSatisfy { $0.values.allSatisfy { $0 >= 0 && $0 <= 1000 } })
        let top = s.metricAnomalies(limit: 10)
        #expect(!top.isEmpty)
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.anomaly >= $1.anomaly })
        #expect(throws: SnapshotError.self) { try s.seriesPoints("m999.1") }
    }

    @Test func topologyFromTraces() throws {
        let fe = try s.entity("svc/frontend")
        let calls = s.neighbours(fe).outgoing.filter { $0.relation == .calls }
        #expect(calls.contains { $0.to.name == "product-catalog" && ($0.calls ?? 0) > 0 && ($0.errors ?? 0) > 0 })
        let up = s.upstream(try s.entity("svc/product-catalog"))
        #expect(up.contains { $0.entity.name == "frontend" })
        #expect(up.contains { $0.entity.name == "frontend-proxy" })
        let down = s.downstream(try s.entity("svc/frontend"))
        #expect(down.contains { $0.entity.name == "product-catalog" })
        let path = s.path(from: try s.entity("cm/flagd-config"), to: try s.entity("svc/frontend-proxy"))
        #expect(path != nil)
        #expect(path!.first!.entity.name == "flagd-config" && path!.last!.entity.name == "frontend-proxy")
        #expect(!s.callGraph().isEmpty)
    }

    @Test func alertsEventsAndSummary() throws {
        let all = s.alerts()
        #expect(all.contains { $0.name == "Watchdog" })
        let clean = s.alerts(AlertFilter(hideNoise: true))
        #expect(!clean.contains { $0.name == "Watchdog" || $0.name == "CPUThrottlingHigh" })
        let pc = try s.entity("svc/product-catalog")
        let pcAlerts = s.alerts(AlertFilter(entity: pc))
        #expect(pcAlerts.contains { $0.name == "RequestErrorRate" && $0.state == "firing" })
        #expect(pcAlerts.allSatisfy { !$0.intervals.isEmpty })
        let proxy = s.alerts(AlertFilter(entity: try s.entity("svc/frontend-proxy"))).first { $0.name == "RequestErrorRate" }!
        #expect(s.wasPreexisting(proxy))
        let warnings = s.events(EventFilter(type: "Warning"))
        #expect(warnings.allSatisfy { $0.isWarning })
        #expect(s.events(EventFilter(type: "Warning", hideNoise: true)).isEmpty)
        let flagdDeploy = try s.entity("deploy/flagd")
        let flagd = s.events(EventFilter(entity: flagdDeploy))
        #expect(flagd.contains { $0.reason == "ScalingReplicaSet" })
        let sum = s.summary(pc)
        #expect(sum.errorSpans > 0 && sum.errorLogs > 0 && !sum.alerts.isEmpty)
        #expect(sum.seenIn.contains("traces"))
    }

    @Test func globalSearchCoversSignals() throws {
        let r = try s.search("flagd-config")
        #expect(r.hits.contains { $0.signal == .entity })
        #expect(r.hits.contains { $0.signal == .object })
        let r2 = try s.search("Product Catalog Fail")
        #expect(r2.totals["log", default: 0] > 0)
        #expect(r2.totals["span", default: 0] > 0)
    }

    /// One series looked up by id (the series plot's markers, the detail page) reads as the full listing has it.
    @Test func seriesInfoMatchesTheListing() throws {
        let s = Self.snapshot
        let all = s.metricSeries()
        #expect(!all.isEmpty)
        for m in all {
            let one = try #require(s.seriesInfo(m.id))
            #expect(one.entity == m.entity && one.name == m.name && one.labels == m.labels && one.anomaly == m.anomaly && one.last == m.last)
        }
        #expect(s.seriesInfo("m99999.0") == nil && s.seriesInfo("nonsense") == nil)
    }
}
