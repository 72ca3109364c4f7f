import Snapshot

/// Running counters the traffic feeds and the metrics and alert writers sample.
final class Telemetry {
    struct Key: Hashable { let service: String; let span: String; let kind: String; let error: Bool }
    /// Cumulative calls and latency histogram per (service, span, kind, status).
    var calls: [Key: Double] = [:]
    var buckets: [Key: [Double]] = [:]
    static let bucketBounds: [Double] = [10, 50, 250, 1000, .infinity]
    /// Server-span requests and errors per service per minute (minute index from start).
    var perMinute: [String: [Int: (total: Int, errors: Int)]] = [:]
    /// Busy time per pod (seconds of server work), for CPU metrics.
    var podBusy: [String: Double] = [:]
    /// A sample of server-span durations (ms) per service per minute, for latency rules.
    var latencies: [String: [Int: [Double]]] = [:]

    func record(service: String, pod: String, span: String, kind: String, error: Bool, durationMs: Double, minute: Int, server: Bool) {
        let k = Key(service: service, span: span, kind: kind, error: error)
        calls[k, default: 0] += 1
        var b = buckets[k] ?? [Double](repeating: 0, count: Self.bucketBounds.count)
        for (i, bound) in Self.bucketBounds.enumerated() where durationMs <= bound { b[i] += 1 }
        buckets[k] = b
        if server {
            var m = perMinute[service, default: [:]]
            var v = m[minute] ?? (0, 0)
            v.total += 1
            if error { v.errors += 1 }
            m[minute] = v
            perMinute[service] = m
            podBusy[pod, default: 0] += durationMs / 1000
            var l = latencies[service, default: [:]]
            if l[minute, default: []].count < 400 { l[minute, default: []].append(durationMs) }
            latencies[service] = l
        }
    }

    /// 95th percentile of server-span latency (ms) over the `window` minutes ending at `minute`.
    func p95(_ service: String, minute: Int, window: Int = 2) -> Double? {
        guard let m = latencies[service] else { return nil }
        var all: [Double] = []
        for k in (minute - window + 1)...minute { all += m[k] ?? [] }
        guard all.count >= 3 else { return nil }
        all.sort()
        return all[min(all.count - 1, Int(Double(all.count) * 0.95))]
    }

    /// Error ratio of server spans over the `window` minutes ending at `minute` (nil: no traffic).
    func errorRate(_ service: String, minute: Int, window: Int = 2) -> Double? {
        guard let m = perMinute[service] else { return nil }
        var t = 0, e = 0
        for k in (minute - window + 1)...minute { if let v = m[k] { t += v.total; e += v.errors } }
        return t == 0 ? nil : Double(e) / Double(t)
    }
}
