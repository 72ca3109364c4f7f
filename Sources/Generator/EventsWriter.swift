import Foundation
import Snapshot

/// Writes `k8s_events_raw.tsv`: each event twice (core/v1 and events.k8s.io/v1), wrapped in a watch envelope.
final class EventsWriter {
    struct Event {
        var time: Nanos          // row time
        var first: Nanos
        var last: Nanos
        var count: Int
        var type: String
        var reason: String
        var message: String
        var kind: String
        var name: String
        var namespace: String
        var component: String
        var watch: String = "ADDED"
    }
    private var events: [Event] = []
    private var rng: RNG

    init(rng: RNG) { self.rng = rng }

    func add(_ e: Event) { events.append(e) }

    static func json(_ d: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: d, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    func write(to path: String) throws -> Int {
        let w = try TSVWriter(path: path, header: Columns.logs)
        for var e in events.sorted(by: { ($0.time, $0.name) < ($1.time, $1.name) }) {
            let evName = "\(e.name).\(rng.hex(16))"
            let uid = rng.uuid()
            let iso = Timestamp.iso
            let meta: [String: Any] = ["creationTimestamp": iso(e.first), "name": evName, "namespace": e.namespace, "resourceVersion": String(10000 + rng.int(900000)), "uid": uid,
                                       "managedFields": [["apiVersion": "v1", "fieldsType": "FieldsV1", "manager": e.component, "operation": "Update", "time": iso(e.last),
                                                          "fieldsV1": ["f:count": [:] as [String: Any], "f:message": [:] as [String: Any], "f:reason": [:] as [String: Any]]] as [String: Any]]]
            let involved: [String: Any] = ["apiVersion": e.kind == "Pod" ? "v1" : "apps/v1", "kind": e.kind, "name": e.name, "namespace": e.namespace,
                                           "resourceVersion": String(1000 + rng.int(90000)), "uid": rng.uuid()]
            let v2: [String: Any] = ["apiVersion": "events.k8s.io/v1", "kind": "Event", "deprecatedCount": e.count, "deprecatedFirstTimestamp": iso(e.first),
                                     "deprecatedLastTimestamp": iso(e.last), "deprecatedSource": ["component": e.component], "eventTime": NSNull(),
                                     "metadata": meta, "note": e.message, "reason": e.reason, "regarding": involved, "reportingController": e.component, "type": e.type]
            let v1: [String: Any] = ["apiVersion": "v1", "kind": "Event", "count": e.count, "firstTimestamp": iso(e.first), "lastTimestamp": iso(e.last),
                                     "eventTime": NSNull(), "involvedObject": involved, "message": e.message, "metadata": meta, "reason": e.reason,
                                     "reportingComponent": "", "reportingInstance": "", "source": ["component": e.component], "type": e.type]
            if e.watch.isEmpty { e.watch = "ADDED" }
            for (k, body) in [v2, v1].enumerated() {
                let t = e.time + Int64(k * 30)
                w.row([Timestamp.format(t, fraction: 9), Timestamp.format(t, fraction: 0), "", "", "0", "", "0", "",
                       Self.json(["object": body, "type": e.watch]), "", PyRepr.dict([("k8s.namespace.name", e.namespace)]), "",
                       "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/k8sobjectsreceiver", "1.0.0", "{}",
                       PyRepr.dict([("event.domain", "k8s"), ("event.name", evName), ("k8s.resource.name", "events")])], trailingTab: true)
            }
        }
        try w.close()
        return w.bytesWritten
    }
}
