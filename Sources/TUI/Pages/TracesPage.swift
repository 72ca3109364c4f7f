import Foundation
import Snapshot

/// The Traces view: traces with their duration, span and error counts (from the span digest), or per-service
/// rollups with latency percentiles (`r`); `x` keeps only traces with an error span.
final class TracesPage: PageController {
    /// Per-service rollup instead of the trace list (`r`).
    var rollup = false
    /// Only traces with an error span (`x`).
    var errorsOnly = false
    var title: String { ViewID.traces.title }
    var contexts: [KeyContext] { [.traces, .list] }
    var help: String { "Traces: Enter opens a trace's waterfall; s sorts by time, duration or errors; x errors only; r per-service rollup." }
    var sortNames: [String] { rollup ? [] : ["time", "duration", "errors"] }
    var stateKey: String { "\(rollup)\(errorsOnly)" }

    func perform(_ action: Action, _ app: AppState) -> Bool {
        switch action {
        case .rollup:
            rollup.toggle()
            app.resetCursor(); app.invalidate()
            app.message = rollup ? "per-service rollup (r: traces)" : "traces (r: per-service rollup)"
        case .errorsOnly:
            errorsOnly.toggle()
            app.resetCursor(); app.invalidate()
            app.message = errorsOnly ? "only traces with an error span (x: all)" : "all traces"
        default: return false
        }
        return true
    }

    func open(_ row: Row, _ app: AppState) {
        if !rollup, let k = row.key { app.go(.trace(k)) } else if let e = row.entity { app.go(.entity(e)) }
    }

    func table(_ app: AppState) -> PageTable {
        let s = app.snapshot
        if rollup {
            return ([Column("SERVICE", .flex(min: 12)), Column("SPANS", .fixed(8), right: true), Column("ERRORS", .fixed(7), right: true),
                     Column("ERR%", .fixed(6), right: true), Column("P50", .fixed(8), right: true), Column("P95", .fixed(8), right: true), Column("P99", .fixed(8), right: true)],
                    s.serviceRollup(window: app.timeWindow).map { r in
                        Row([r.service, Format.count(r.spans), Format.count(r.errors), String(format: "%.1f", r.errorRate * 100),
                             Timestamp.duration(r.p50), Timestamp.duration(r.p95), Timestamp.duration(r.p99)],
                            role: r.errors > 0 ? .bad : .normal, entity: r.entity?.description)
                    })
        }
        let sort = TraceFilter.Sort.allCases[app.sortIndex % 3]
        let (rows, _) = s.traces(TraceFilter(errorsOnly: errorsOnly, window: app.timeWindow, sort: sort), limit: 2000)
        return ([Column("START", .fixed(8)), Column("DURATION", .fixed(9), right: true), Column("SPANS", .fixed(5), right: true),
                 Column("ERR", .fixed(4), right: true), Column("ROOT", .flex(min: 14)), Column("SERVICES", .flex(min: 10))],
                rows.map { t in Row([AppState.t(t.start), Timestamp.duration(t.duration), "\(t.spans)", t.errors > 0 ? "✘\(t.errors)" : "",
                                     "\(t.rootService) \(t.rootName)", t.services.joined(separator: ",")],
                                    role: t.errors > 0 ? .bad : .normal, entity: s.graph.primaryEntity(forService: t.rootService)?.description,
                                    key: t.traceID, time: t.start) })
    }
}
