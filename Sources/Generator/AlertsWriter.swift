import Foundation
import Snapshot

/// Evaluates alert rules once a minute over the running telemetry and writes Prometheus `/api/v1/alerts`
/// dumps: `alerts/alerts_at_*.json` (bare array) and one `alerts_in_alerting_state_*Z.json` (API envelope).
final class AlertsWriter {
    struct Active { var since: Nanos; var value: Double; var labels: [(String, String)]; var description: String }
    let dir: String
    let spec: ScenarioSpec
    private var conditionSince: [String: Nanos] = [:]
    /// Alert name → target service → first firing time (for the ground truth).
    private(set) var fired: [String: [String: Nanos]] = [:]
    var faults: [FaultModel] = []
    var roster: PodRoster? = nil
    private(set) var files = 0

    init(dir: String, spec: ScenarioSpec) { self.dir = dir; self.spec = spec }

    static func goFloat(_ v: Double) -> String {
        if v == 1 { return "1e+00" }
        var s = String(format: "%.15e", v)
        if let e = s.firstIndex(of: "e") {
            var mant = String(s[..<e]); let exp = String(s[e...])
            while mant.hasSuffix("0") { mant.removeLast() }
            if mant.hasSuffix(".") { mant.removeLast() }
            s = mant + exp
        }
        return s
    }

    /// Pretty JSON with 4-space indentation and the given key order (as Prometheus dumps were written).
    static func pretty(_ v: Any, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent), inner = String(repeating: " ", count: indent + 4)
        switch v {
        case let pairs as [(String, Any)]:
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { "\(inner)\(quote($0.0)): \(pretty($0.1, indent: indent + 4))" }.joined(separator: ",\n") + "\n\(pad)}"
        case let a as [Any]:
            if a.isEmpty { return "[]" }
            return "[\n" + a.map { inner + pretty($0, indent: indent + 4) }.joined(separator: ",\n") + "\n\(pad)]"
        case let s as String: return quote(s)
        default: return "\(v)"
        }
    }

    static func quote(_ s: String) -> String { Format.jsonQuote(s) }

    func alertObject(name: String, labels: [(String, String)], annotations: [(String, String)], state: String, activeAt: Nanos, value: String, envelope: Bool) -> [(String, Any)] {
        let l: [(String, Any)] = ([("alertname", name)] + labels).sorted { $0.0 < $1.0 }.map { ($0.0, $0.1 as Any) }
        let a: [(String, Any)] = annotations.map { ($0.0, $0.1 as Any) }
        let at = Timestamp.format(activeAt, fraction: 9).replacingOccurrences(of: " ", with: "T") + "Z"
        if envelope { return [("activeAt", at), ("annotations", a), ("labels", l), ("state", state), ("value", value)] }
        return [("labels", l), ("annotations", a), ("state", state), ("activeAt", at), ("value", value)]
    }

    /// The alerts every real snapshot shows whatever happened (Watchdog, InfoInhibitor, a throttled recorder, an
    /// expiring client certificate): noise an investigator learns to skip.
    func alwaysOn(boot: Nanos) -> [Any] {
        [
            alertObject(name: "Watchdog", labels: [("severity", "none")],
                        annotations: [("description", "This is an alert meant to ensure that the entire alerting pipeline is functional.\nThis alert is always firing, therefore it should always be firing in Alertmanager\nand always fire against a receiver."),
                                      ("runbook_url", "https://runbooks.prometheus-operator.dev/runbooks/general/watchdog"),
                                      ("summary", "An alert that should always be firing to certify that Alertmanager is working properly.")],
                        state: "firing", activeAt: boot + 12_932_996_249, value: "1e+00", envelope: false),
            alertObject(name: "InfoInhibitor", labels: [("alertstate", "pending"), ("container", "neo4j"), ("namespace", "kube-system"), ("pod", "topology-monitor-0"), ("severity", "none")],
                        annotations: [("description", "This is an alert that is used to inhibit info alerts."), ("summary", "Info-level alert inhibition.")],
                        state: "firing", activeAt: boot + 342_932_996_249, value: "1e+00", envelope: false),
            alertObject(name: "CPUThrottlingHigh", labels: [("container", "k8s-objects-recorder"), ("namespace", "data-recorders"), ("pod", "k8s-objects-recorder-0"), ("severity", "info")],
                        annotations: [("description", "42.5% throttling of CPU in namespace data-recorders for container k8s-objects-recorder."), ("summary", "Processes experience elevated CPU throttling.")],
                        state: "firing", activeAt: boot + 1_200_000_000_000, value: "4.25e-01", envelope: false),
            alertObject(name: "KubeClientCertificateExpiration", labels: [("job", "apiserver"), ("severity", "warning")],
                        annotations: [("description", "A client certificate used to authenticate to kubernetes apiserver is expiring in less than 7.0 days."), ("summary", "Client certificate is about to expire.")],
                        state: "firing", activeAt: boot + 600_000_000_000, value: "1e+00", envelope: false),
        ]
    }

    /// Evaluates the rules at minute `m` and writes that minute's file.
    func evaluate(minute m: Int, telemetry: Telemetry, writeEnvelope: Bool) throws {
        let t = spec.start + Int64(m) * 60_000_000_000 + 49_329_092_000
        var list: [Any] = []
        var firingApp: [Any] = []
        let boot = spec.start - 2 * 3600 * 1_000_000_000
        // Alerts the faults raise this minute; a rule alert with the same name and service is theirs, not a second one.
        let faultAlerts = roster.map { r in faults.flatMap { $0.alerts(at: t, roster: r, spec: spec) } } ?? []
        let raised = Set(faultAlerts.compactMap { a in a.labels.first { $0.0 == "service_name" }.map { "\(a.name)/\($0.1)" } })
        if spec.backgroundNoise { list += alwaysOn(boot: boot) }
        for s in AppModel.services.map(\.name).sorted() {
            let rules: [(String, Double?, String)] = [
                (spec.errorRule, telemetry.errorRate(s, minute: m).flatMap { $0 > 0 ? $0 : nil }, "Request error rate in service \(s) in namespace \(AppModel.namespace) is above 0"),
                (spec.latencyRule, telemetry.p95(s, minute: m).flatMap { $0 > 1500 ? $0 : nil }, "Request latency p95 in service \(s) in namespace \(AppModel.namespace) is above 1500 ms"),
            ]
            for (rule, value, text) in rules {
                let key = "\(rule)/\(s)"
                guard let v = value, !raised.contains(key) else { conditionSince[key] = nil; continue }
                let since = conditionSince[key] ?? (t - 10_840_121_467)
                conditionSince[key] = since
                let state = t - since >= 60_000_000_000 ? "firing" : "pending"
                if state == "firing" && fired[rule]?[s] == nil { fired[rule, default: [:]][s] = t }
                let labels = [("namespace", AppModel.namespace), ("service_name", s), ("severity", "warning")]
                let ann = [("description", "\(text) (current: \(v))")]
                list.append(alertObject(name: rule, labels: labels, annotations: ann, state: state, activeAt: since, value: Self.goFloat(v), envelope: false))
                if state == "firing" {
                    firingApp.append(alertObject(name: rule, labels: labels, annotations: ann, state: state, activeAt: since, value: Self.goFloat(v), envelope: true))
                }
            }
        }
        for a in faultAlerts {
            let labels = a.labels + [("severity", a.severity)]
            list.append(alertObject(name: a.name, labels: labels, annotations: [("description", a.description)], state: "firing",
                                    activeAt: a.since, value: "1e+00", envelope: false))
            firingApp.append(alertObject(name: a.name, labels: labels, annotations: [("description", a.description)], state: "firing",
                                         activeAt: a.since, value: "1e+00", envelope: true))
            let target = a.labels.first { ["container", "deployment", "horizontalpodautoscaler"].contains($0.0) }?.1 ?? ""
            if fired[a.name]?[target] == nil { fired[a.name, default: [:]][target] = t }
        }
        let stamp = Timestamp.format(t, fraction: 6).replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: ":", with: "-")
        try (Self.pretty(list) + "\n").write(toFile: (dir as NSString).appendingPathComponent("alerts_at_\(stamp).json"), atomically: true, encoding: .utf8)
        files += 1
        if writeEnvelope {
            let compact = Timestamp.format(t + 94_575_220_000, fraction: 6).replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: ":", with: "")
            let env: [(String, Any)] = [("data", [("alerts", firingApp)] as [(String, Any)]), ("status", "success"),
                                        ("timestamp", Timestamp.iso(t + 94_575_220_000))]
            try (Self.pretty(env) + "\n").write(toFile: (dir as NSString).appendingPathComponent("alerts_in_alerting_state_\(compact)Z.json"), atomically: true, encoding: .utf8)
            files += 1
        }
    }
}
