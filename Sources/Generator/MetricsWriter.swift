import Foundation
import Snapshot

/// Writes `metrics/pod_<pod>_raw.tsv` (cAdvisor-style container metrics) and `metrics/service_<svc>_raw.tsv`
/// (span-metrics counters and histogram buckets), sampling the running telemetry counters.
final class MetricsWriter {
    let dir: String
    let spec: ScenarioSpec
    private var podWriters: [String: TSVWriter] = [:]
    private var serviceWriters: [String: TSVWriter] = [:]
    private var podCPU: [String: Double] = [:]
    private var podThrottled: [String: Double] = [:]
    private var podPeriods: [String: Double] = [:]
    private var rng: RNG
    private var rows = 0

    init(dir: String, spec: ScenarioSpec, rng: RNG) {
        self.dir = dir; self.spec = spec; self.rng = rng
    }

    static let serviceHeader = ["metric_name", "timestamp", "value", "service_name", "namespace", "bucket_le", "tags", "metric_type", "status_code"]
    static let podHeader = ["metric_name", "timestamp", "value", "pod_name", "namespace", "tags"]

    func podWriter(_ pod: String) throws -> TSVWriter {
        if let w = podWriters[pod] { return w }
        let w = try TSVWriter(path: (dir as NSString).appendingPathComponent("pod_\(pod)_raw.tsv"), header: Self.podHeader)
        podWriters[pod] = w
        return w
    }

    func serviceWriter(_ svc: String) throws -> TSVWriter {
        if let w = serviceWriters[svc] { return w }
        let w = try TSVWriter(path: (dir as NSString).appendingPathComponent("service_\(svc)_raw.tsv"), header: Self.serviceHeader)
        serviceWriters[svc] = w
        return w
    }

    static func ms(_ t: Nanos) -> String { Timestamp.format(t, fraction: 3) }
    static func num(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(format: "%.1f", v) : String(v) }

    /// One sampling round at `t`.
    func sample(at t: Nanos, roster: PodRoster, telemetry: Telemetry, memoryFactor: (PodInstance, Nanos) -> Double,
                extraCPU: (PodInstance, Nanos) -> Double) throws {
        let ts = Self.ms(t)
        for p in roster.appPods(alive: t) {
            let s = AppModel.service(p.service)
            let w = try podWriter(p.name)
            let busy = telemetry.podBusy[p.name] ?? 0
            let cpu = (podCPU[p.name] ?? rng.around(30)) + rng.around(0.002 * Double(spec.metricInterval)) + busy * 0.02
                + extraCPU(p, t) * Double(spec.metricInterval)
            podCPU[p.name] = cpu
            telemetry.podBusy[p.name] = 0
            let periods = (podPeriods[p.name] ?? 1000) + Double(spec.metricInterval) * 10
            podPeriods[p.name] = periods
            let thr = (podThrottled[p.name] ?? 0) + Double(rng.int(4))
                + (extraCPU(p, t) > 0 ? Double(spec.metricInterval) * 8.7 : 0)
            podThrottled[p.name] = thr
            let limit = Double(s.memoryLimitMiB) * 1_048_576
            let mem = (limit * 0.45 * memoryFactor(p, t)).rounded() + Double(rng.int(200_000))
            let tags = PyRepr.dict([("container", p.service), ("endpoint", "https-metrics"), ("image", s.image), ("instance", "10.0.4.\(p.node.count):10250"),
                                    ("job", "kubelet"), ("metrics_path", "/metrics/cadvisor"), ("namespace", p.namespace), ("node", p.node),
                                    ("pod", p.name), ("prometheus", "prometheus/prometheus-kube-prometheus-prometheus"),
                                    ("service", "prometheus-kube-prometheus-kubelet")])
            for (name, v) in [("container_cpu_usage_seconds_total", cpu), ("container_memory_working_set_bytes", mem),
                              ("container_memory_rss", (mem * 0.8).rounded()), ("container_cpu_cfs_periods_total", periods),
                              ("container_cpu_cfs_throttled_periods_total", thr),
                              ("cluster:namespace:pod_memory:active:kube_pod_container_resource_limits", limit)] {
                w.row([name, ts, Self.num(v), p.name, p.namespace, tags])
                rows += 1
            }
        }
        let egress = "router \(AppModel.current.frontend) egress"
        for (key, count) in telemetry.calls.sorted(by: { ($0.key.service, $0.key.span, $0.key.kind, $0.key.error ? 1 : 0) < ($1.key.service, $1.key.span, $1.key.kind, $1.key.error ? 1 : 0) }) {
            guard key.kind == "Server" || key.kind == "Consumer" || key.span == egress else { continue }
            let w = try serviceWriter(key.service)
            let status = key.error ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET"
            let kind = "SPAN_KIND_" + key.kind.uppercased()
            func tags(_ le: String?) -> String {
                var pairs: [(String, String)] = [("container", "opentelemetry-collector"), ("endpoint", "demo-metrics"),
                                                 ("exported_job", "opentelemetry-demo/\(key.service)"), ("instance", "100.96.3.144:8889"),
                                                 ("job", "otel-collector"), ("namespace", AppModel.namespace), ("otel_scope_name", "spanmetricsconnector")]
                if let le { pairs.append(("le", le)) }
                pairs += [("service_name", key.service), ("span_kind", kind), ("span_name", key.span), ("status_code", status)]
                return PyRepr.dict(pairs)
            }
            w.row(["traces_span_metrics_calls_total", ts, Self.num(count), key.service, AppModel.namespace, "", tags(nil), "error_rate", ""])
            let b = telemetry.buckets[key] ?? []
            for (i, bound) in Telemetry.bucketBounds.enumerated() where i < b.count {
                let le = bound.isInfinite ? "+Inf" : Self.num(bound)
                let row = ["traces_span_metrics_duration_milliseconds_bucket", ts, Self.num(b[i]), key.service, AppModel.namespace, le, tags(le), "duration_p95", ""]
                w.row(row)
                // The recorder exports some rows twice, verbatim.
                if rng.chance(0.15) { w.row(row) }
            }
        }
    }

    func close() throws {
        for w in podWriters.values { try w.close() }
        for w in serviceWriters.values { try w.close() }
    }

    var bytes: Int { podWriters.values.reduce(0) { $0 + $1.bytesWritten } + serviceWriters.values.reduce(0) { $0 + $1.bytesWritten } }
}
