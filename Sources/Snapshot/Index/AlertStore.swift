import Foundation

/// One alert (a distinct label set) across all alert snapshot files.
public struct Alert: Sendable, Codable, Hashable {
    public var name: String
    public var labels: [String: String]
    public var annotations: [String: String]
    public var severity: String
    /// `firing` or `pending`, in the latest file that holds the alert.
    public var state: String
    public var value: String
    /// When Prometheus says the alert became active.
    public var activeAt: Nanos?
    /// Snapshot times (from file names) of the first and last file holding it.
    public var firstSeen: Nanos
    public var lastSeen: Nanos
    /// Intervals over consecutive alert files in which the alert was present.
    public var intervals: [Interval]
    /// Files holding it.
    public var snapshots: Int
    /// The entity the labels point at (service, pod, deployment, namespace...), resolved at load.
    public var entity: EntityID?

    public struct Interval: Sendable, Codable, Hashable { public var start: Nanos; public var end: Nanos }

    public var namespace: String? { labels["namespace"] ?? labels["exported_namespace"] }

    /// A stable key for the label set.
    public var fingerprint: String { labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }

    /// The raw target named by the labels: (kind, name).
    public var labelTarget: (kind: String, name: String)? {
        if let s = labels["service_name"] { return ("Service", s) }
        if let p = labels["pod"] { return ("Pod", p) }
        if let d = labels["deployment"] { return ("Deployment", d) }
        if let d = labels["statefulset"] { return ("StatefulSet", d) }
        if let d = labels["daemonset"] { return ("DaemonSet", d) }
        if let h = labels["horizontalpodautoscaler"] { return ("HorizontalPodAutoscaler", h) }
        if let j = labels["job_name"] { return ("Job", j) }
        if let n = labels["node"] { return ("Node", n) }
        return nil
    }
}

/// All alert files of a snapshot (`alerts/*.json` or the root), both JSON shapes.
public struct AlertStore: Sendable, Codable {
    public struct File: Sendable, Codable { public var path: String; public var time: Nanos?; public var count: Int }
    public var files: [File] = []
    public var alerts: [Alert] = []
    public var diagnostics: [Diagnostic] = []

    /// Loads alert files (paths relative to `root`).
    public static func load(root: String, paths: [String]) -> AlertStore {
        var store = AlertStore()
        var byKey: [String: Int] = [:]
        var seenAt: [[Nanos]] = []
        // Files in time order (name time when present, else file order).
        let ordered = paths.map { ($0, Timestamp.fromAlertFileName(($0 as NSString).lastPathComponent)) }
            .sorted { ($0.1 ?? 0, $0.0) < ($1.1 ?? 0, $1.0) }
        var times: [Nanos] = []
        for (path, nameTime) in ordered {
            let full = (root as NSString).appendingPathComponent(path)
            // Through ByteFile: regular files only, never blocking on a FIFO (and no Foundation buffer leaked on an
            // empty file, which the fuzzer's leak checker found in FileManager.contents).
            let data: Data
            do { let f = try ByteFile(path: full); data = Data(f.bytes(at: 0, count: f.size)) } catch {
                store.diagnostics.append(Diagnostic(.error, file: path, reason: "cannot read file: \(error)")); continue
            }
            if data.isEmpty { store.diagnostics.append(Diagnostic(.warning, file: path, reason: "empty file")); continue }
            let json: Any
            do { json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
                store.diagnostics.append(Diagnostic(.error, file: path, line: jsonErrorLine(error, data: data),
                                                    reason: "invalid JSON: \(jsonErrorText(error))"))
                continue
            }
            var list: [Any]
            var envelopeTime: Nanos? = nil
            if let arr = json as? [Any] { list = arr }
            else if let obj = json as? [String: Any], let dataObj = obj["data"] as? [String: Any], let arr = dataObj["alerts"] as? [Any] {
                list = arr
                if let ts = obj["timestamp"] as? String { envelopeTime = Timestamp.parse(ts) }
            } else if let obj = json as? [String: Any], let arr = obj["alerts"] as? [Any] { list = arr }
            else {
                store.diagnostics.append(Diagnostic(.error, file: path, reason: "not an alert list: expected a JSON array or {\"data\": {\"alerts\": [...]}}"))
                continue
            }
            guard let t = nameTime ?? envelopeTime else {
                store.diagnostics.append(Diagnostic(.warning, file: path, reason: "no snapshot time in the file name; file skipped"))
                continue
            }
            times.append(t)
            var n = 0
            var badActive: (count: Int, record: Int, line: Int?) = (0, 0, nil)
            for (k, item) in list.enumerated() {
                guard let a = item as? [String: Any], let labels = a["labels"] as? [String: Any] else {
                    store.diagnostics.append(Diagnostic(.warning, file: path, record: k + 1, reason: "alert without labels skipped")); continue
                }
                let l = labels.compactMapValues { $0 as? String }
                let ann = (a["annotations"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
                var alert = Alert(name: l["alertname"] ?? "(unnamed)", labels: l, annotations: ann, severity: l["severity"] ?? "",
                                  state: (a["state"] as? String) ?? l["alertstate"] ?? "firing", value: (a["value"] as? String) ?? "",
                                  activeAt: (a["activeAt"] as? String).flatMap(Timestamp.parse), firstSeen: t, lastSeen: t,
                                  intervals: [], snapshots: 1, entity: nil)
                if let raw = a["activeAt"], alert.activeAt == nil, !(raw is NSNull) {
                    if badActive.count == 0 { badActive = (0, k + 1, (raw as? String).flatMap { lineOf(quoted: $0, in: data) }) }
                    badActive.count += 1
                }
                let key = alert.fingerprint
                if let i = byKey[key] {
                    var e = store.alerts[i]
                    if seenAt[i].last != t { e.snapshots += 1; seenAt[i].append(t) }
                    e.lastSeen = max(e.lastSeen, t); e.firstSeen = min(e.firstSeen, t)
                    e.state = alert.state; e.value = alert.value
                    if let aa = alert.activeAt { e.activeAt = min(e.activeAt ?? aa, aa) }
                    if e.annotations.isEmpty { e.annotations = ann }
                    store.alerts[i] = e
                } else {
                    byKey[key] = store.alerts.count
                    seenAt.append([t])
                    alert.labels = l
                    store.alerts.append(alert)
                }
                n += 1
            }
            if badActive.count > 0 {
                store.diagnostics.append(Diagnostic(.warning, file: path, record: badActive.record, line: badActive.line,
                    reason: "\(badActive.count) alert(s) have an unreadable or impossible activeAt (the file's time is used)"))
            }
            store.files.append(File(path: path, time: t, count: n))
        }
        // Active intervals: runs of consecutive files (in time order) that hold the alert.
        let sortedTimes = Array(Set(times)).sorted()
        let position = Dictionary(uniqueKeysWithValues: sortedTimes.enumerated().map { ($1, $0) })
        for i in store.alerts.indices {
            var runs: [Alert.Interval] = []
            var prev = -2
            for t in seenAt[i].sorted() {
                let p = position[t] ?? 0
                if p == prev + 1, var last = runs.popLast() { last.end = t; runs.append(last) }
                else { runs.append(Alert.Interval(start: store.alerts[i].activeAt.map { min($0, t) } ?? t, end: t)) }
                prev = p
            }
            // Only the first run may start at activeAt; later runs start when seen.
            for r in runs.indices.dropFirst() { runs[r].start = max(runs[r].start, runs[r - 1].end) }
            store.alerts[i].intervals = runs
        }
        store.alerts.sort { ($0.activeAt ?? $0.firstSeen, $0.name) < ($1.activeAt ?? $1.firstSeen, $1.name) }
        return store
    }

    static func jsonErrorText(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// The line of the first `"text"` in `data` (nil when it is not there verbatim, e.g. written with escapes).
    static func lineOf(quoted text: String, in data: Data) -> Int? {
        guard let r = data.range(of: Data(("\"" + text + "\"").utf8)) else { return nil }
        return data[..<r.lowerBound].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func jsonErrorLine(_ error: Error, data: Data) -> Int? {
        let ns = error as NSError
        guard let idx = ns.userInfo["NSJSONSerializationErrorIndex"] as? Int else { return nil }
        return data.prefix(idx).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
