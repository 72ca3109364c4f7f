import Foundation
import Snapshot

/// Writes a complete incident snapshot in the ITBench on-disk dialect from a `ScenarioSpec`.
/// Output goes to a temporary sibling directory renamed into place at the end, so a failed run leaves nothing half-written.
public struct SnapshotGenerator {
    public let spec: ScenarioSpec
    public init(spec: ScenarioSpec) { self.spec = spec }

    public struct Result: Sendable {
        public var path: String
        public var bytes: Int
        public var spans: Int
        public var logs: Int
        public var seconds: Double
    }

    /// Generates into `path` (which must not exist unless `overwrite`). `progress(fractionDone)`.
    public func generate(to path: String, overwrite: Bool = false, progress: ((Double) -> Void)? = nil) throws -> Result {
        try AppModel.$current.withValue(spec.application ?? AppModel.current) { try write(to: path, overwrite: overwrite, progress: progress) }
    }

    private func write(to path: String, overwrite: Bool, progress: ((Double) -> Void)?) throws -> Result {
        let started = Date()
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !overwrite {
            throw GeneratorError("\(path) already exists (use --force to replace it)")
        }
        let tmp = path + ".generating"
        try? fm.removeItem(atPath: tmp)
        try fm.createDirectory(atPath: (tmp as NSString).appendingPathComponent("alerts"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: (tmp as NSString).appendingPathComponent("metrics"), withIntermediateDirectories: true)
        var rng = RNG(seed: spec.seed)
        var roster = PodRoster(spec: spec, rng: &rng)
        var flagsOn = Set<String>()
        // Independent faults start a little apart, in the order given.
        var models: [FaultModel] = spec.faults.enumerated().map { (i, f) in f.model(start: spec.faultTime + Int64(i) * 90_000_000_000) }
        if spec.noise != .none { models.append(NoiseModel(spec: spec)) }
        for f in spec.faults { if case .featureFlag(let flag, _, _, _, _) = f { flagsOn.insert(flag) } }
        for m in models { m.shapePods(&roster, spec: spec, rng: &rng) }
        let telemetry = Telemetry()
        let traces = try TSVWriter(path: (tmp as NSString).appendingPathComponent("otel_traces_raw.tsv"), header: Columns.traces)
        let logs = try TSVWriter(path: (tmp as NSString).appendingPathComponent("otel_logs_raw.tsv"), header: Columns.logs)
        let objects = try TSVWriter(path: (tmp as NSString).appendingPathComponent("k8s_objects_raw.tsv"), header: Columns.logs)
        let metrics = MetricsWriter(dir: (tmp as NSString).appendingPathComponent("metrics"), spec: spec, rng: RNG(seed: spec.seed ^ 0x3E7))
        let alerts = AlertsWriter(dir: (tmp as NSString).appendingPathComponent("alerts"), spec: spec)
        alerts.faults = models
        alerts.roster = roster
        var cluster = ClusterObjects(spec: spec, roster: roster, uids: .init(seed: spec.seed))
        cluster.faults = models
        var traffic = TrafficGenerator(spec: spec, roster: roster, telemetry: telemetry, rng: RNG(seed: spec.seed ^ 0x7AFF1C), traces: traces,
                                       logs: logs, faults: models)
        var resourceVersion = 1_200_000
        let totalSeconds = spec.minutes * 60
        var acc = 0.0
        var trafficRNG = RNG(seed: spec.seed ^ 0x51DE)
        let envelopeMinute = max(1, spec.minutes * 3 / 4)
        for sec in 0..<totalSeconds {
            let t = spec.start + Int64(sec) * 1_000_000_000
            // Object observations every 5 minutes (first at +28 s).
            if sec % 300 == 28 {
                for (i, (plural, ns, body)) in cluster.objects(at: t, flagsOn: t >= spec.faultTime ? flagsOn : [], rv: &resourceVersion).enumerated() {
                    let rt = t + Int64(i) * 1_713_000
                    objects.row([Timestamp.format(rt, fraction: 9), Timestamp.format(rt, fraction: 0), "", "", "0", "", "0", "",
                                 EventsWriter.json(body), "", ns.map { PyRepr.dict([("k8s.namespace.name", $0)]) } ?? "{}", "",
                                 "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/k8sobjectsreceiver", "1.0.0", "{}",
                                 PyRepr.dict([("k8s.resource.name", plural)])], trailingTab: true)
                }
            }
            acc += spec.rps
            var starts: [Nanos] = []
            while acc >= 1 { acc -= 1; starts.append(t + Int64(trafficRNG.int(1_000_000_000))) }
            for s in starts.sorted() { traffic.request(at: s) }
            // Background noise present from the start: the proxy times out on an image request now and then.
            if sec % 40 == 7 { traffic.request(at: t + 250_000_000, upstreamTimeout: true) }
            if sec > 0 && sec % spec.metricInterval == 0 {
                let at = t + 2_949_000_000
                try metrics.sample(at: at, roster: roster, telemetry: telemetry,
                                   memoryFactor: { p, tt in models.reduce(1.0 + Double((sec / 60) % 5) * 0.01) { $0 * $1.memoryFactor(p, at: tt) } },
                                   extraCPU: { p, tt in models.reduce(0) { $0 + $1.extraCPU(p, at: tt) } })
            }
            if sec % 60 == 49 {
                let m = sec / 60
                try alerts.evaluate(minute: m, telemetry: telemetry, writeEnvelope: m == envelopeMinute)
            }
            if sec % 30 == 0 { progress?(Double(sec) / Double(totalSeconds)) }
        }
        try traces.close(); try logs.close(); try objects.close(); try metrics.close()
        let events = EventsWriter(rng: RNG(seed: spec.seed ^ 0xE7E7))
        addEvents(events, roster: roster)
        for m in models { m.events(events, roster: roster, spec: spec) }
        let eventBytes = try events.write(to: (tmp as NSString).appendingPathComponent("k8s_events_raw.tsv"))
        if spec.truthFiles.isEmpty {
            var builder = GroundTruthBuilder(spec: spec, fired: alerts.fired)
            for m in models { m.groundTruth(&builder) }
            try builder.gt.yaml().write(toFile: (tmp as NSString).appendingPathComponent("ground_truth.yaml"), atomically: true, encoding: .utf8)
        } else {
            for (name, text) in spec.truthFiles.sorted(by: { $0.key < $1.key }) {
                try text.write(toFile: (tmp as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        try (spec.description + "\n").write(toFile: (tmp as NSString).appendingPathComponent("DESCRIPTION"), atomically: true, encoding: .utf8)
        if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
        try fm.moveItem(atPath: tmp, toPath: path)
        progress?(1)
        let bytes = traces.bytesWritten + logs.bytesWritten + objects.bytesWritten + metrics.bytes + eventBytes
        return Result(path: path, bytes: bytes, spans: traces.rows, logs: logs.rows, seconds: Date().timeIntervalSince(started))
    }

    func addEvents(_ w: EventsWriter, roster: PodRoster) {
        let s = spec.start
        // Replayed history: pod start-up events from before the recording.
        for p in roster.pods where p.start < s && p.namespace == AppModel.namespace {
            let comp = "kubelet"
            for (k, (reason, msg)) in [("Scheduled", "Successfully assigned \(p.namespace)/\(p.name) to \(p.node)"),
                                       ("Pulled", "Container image already present on machine"),
                                       ("Created", "Created container: \(p.service)"), ("Started", "Started container \(p.service)")].enumerated() {
                let at = p.start + Int64(k) * 1_000_000_000
                w.add(.init(time: s + 4_000_000_000 + Int64(k) * 1_000_000, first: at, last: at, count: 1, type: "Normal", reason: reason, message: msg,
                            kind: "Pod", name: p.name, namespace: p.namespace, component: k == 0 ? "default-scheduler" : comp, watch: "DELETED"))
            }
        }
        // Benchmark noise: ingress reloads and recorder probe failures.
        guard spec.backgroundNoise else { return }
        var k = 0
        var t = s + 40_000_000_000
        while t < spec.end {
            let ing = roster.pods.first { $0.namespace == "ingress-nginx" }!
            w.add(.init(time: t, first: s - 80_000_000_000_000, last: t, count: 13 + k, type: "Normal", reason: "RELOAD",
                        message: "NGINX reload triggered due to a change in configuration", kind: "Pod", name: ing.name, namespace: ing.namespace, component: "nginx-ingress-controller"))
            let rec = roster.pods.first { $0.namespace == "data-recorders" }!
            w.add(.init(time: t + 95_000_000_000, first: s - 3_600_000_000_000, last: t + 95_000_000_000, count: 40 + k, type: "Warning", reason: "Unhealthy",
                        message: "Readiness probe failed: Get \"http://\(rec.ip):13133/\": context deadline exceeded", kind: "Pod", name: rec.name, namespace: rec.namespace, component: "kubelet", watch: "MODIFIED"))
            k += 1
            t += 420_000_000_000
        }
        // Rollout restarts.
        for (svc, at) in roster.restarts {
            guard let newPod = roster.pods.last(where: { $0.service == svc && $0.start == at }),
                  let old = roster.pods.first(where: { $0.service == svc && $0.end != nil && $0.end! <= at + 20_000_000_000 && $0.end! > at }) else { continue }
            let rs = "\(svc)-\(newPod.rsHash)"
            let ns = AppModel.namespace
            let seq: [(Nanos, String, String, String, String, String)] = [
                (at, "ScalingReplicaSet", "Scaled up replica set \(rs) from 0 to 1", "Deployment", svc, "deployment-controller"),
                (at + 100_000_000, "SuccessfulCreate", "Created pod: \(newPod.name)", "ReplicaSet", rs, "replicaset-controller"),
                (at + 200_000_000, "Scheduled", "Successfully assigned \(ns)/\(newPod.name) to \(newPod.node)", "Pod", newPod.name, "default-scheduler"),
                (at + 900_000_000, "Pulled", "Container image \"\(AppModel.service(svc).image)\" already present on machine", "Pod", newPod.name, "kubelet"),
                (at + 1_100_000_000, "Created", "Created container: \(svc)", "Pod", newPod.name, "kubelet"),
                (at + 1_500_000_000, "Started", "Started container \(svc)", "Pod", newPod.name, "kubelet"),
                (at + 9_000_000_000, "ScalingReplicaSet", "Scaled down replica set \(svc)-\(old.rsHash) from 1 to 0", "Deployment", svc, "deployment-controller"),
                (at + 9_100_000_000, "Killing", "Stopping container \(svc)", "Pod", old.name, "kubelet"),
            ]
            for (time, reason, msg, kind, name, comp) in seq {
                w.add(.init(time: time + 700_000_000, first: time, last: time, count: 1, type: "Normal", reason: reason, message: msg, kind: kind, name: name, namespace: ns, component: comp))
            }
        }
    }

    /// The service that calls `svc` on the main request path.
    static func caller(of svc: String) -> String? {
        let app = AppModel.current
        if let c = app.callers[svc] { return c }
        if svc == app.proxy || svc == app.loadGenerator || svc == "flagd" || svc == app.frontend { return nil }
        return app.frontend
    }
}
