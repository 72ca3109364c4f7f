import Foundation

/// One recorded observation of an object.
public struct ObjectObservation: Sendable, Codable {
    public var entity: EntityID
    public var time: Nanos
    /// Index among the object's observations (0 = first).
    public var index: Int
    /// Whether spec/data differ from the previous observation (status changes are not counted).
    public var changed: Bool
    /// The manifest as YAML (managedFields removed); filled only when asked for.
    public var yaml: String?
}

/// A change between two consecutive observations of an object.
public struct ObjectChange: Sendable, Codable {
    public var entity: EntityID
    public var from: Nanos
    public var to: Nanos
    /// Unified-style diff lines of the YAML manifests ("- old", "+ new", "  context").
    public var diff: [String]
}

/// An object listed by `objects(kind:namespace:)`.
public struct ObjectSummary: Sendable, Codable {
    public var entity: EntityID
    public var observations: Int
    public var versions: Int
    public var firstSeen: Nanos
    public var lastSeen: Nanos
}

extension Snapshot {
    /// Objects recorded in `k8s_objects_raw.tsv`, optionally of one kind / namespace / name pattern.
    public func objects(kind: String? = nil, namespace: String? = nil, nameContains: String? = nil, changedOnly: Bool = false) -> [ObjectSummary] {
        guard let o = objects else { return [] }
        let k = kind.map(Kind.normalize)
        return o.objects.compactMap { obj in
            if let k, obj.id.kind != k { return nil }
            if let namespace, obj.id.namespace != namespace { return nil }
            if let n = nameContains, obj.id.name.range(of: n, options: .caseInsensitive) == nil { return nil }
            if changedOnly && obj.versions < 2 { return nil }
            let times = obj.observations.map { o.time[Int($0)] }
            return ObjectSummary(entity: obj.id, observations: obj.observations.count, versions: obj.versions,
                                 firstSeen: times.min() ?? 0, lastSeen: times.max() ?? 0)
        }.sorted { $0.entity < $1.entity }
    }

    /// Number of object rows (observations) recorded.
    public var objectRows: Int { objects?.rows ?? 0 }

    /// Decoded manifest of observation row `row` (managedFields stripped).
    func manifest(row: Int) -> [String: Any]? {
        guard let o = objects, let file = objectsFile,
              let fields = TSVRecordReader.fields(file, at: Int(o.offset[row])), o.bodyColumn < fields.count,
              var json = try? JSONSerialization.jsonObject(with: Data(fields[o.bodyColumn])) as? [String: Any] else { return nil }
        if var meta = json["metadata"] as? [String: Any] {
            meta.removeValue(forKey: "managedFields")
            json["metadata"] = meta
        }
        return json
    }

    /// All observations of `id`, oldest first; `withYAML` fills in each manifest.
    public func observations(of id: EntityID, withYAML: Bool = false) -> [ObjectObservation] {
        guard let o = objects, let i = o.index(of: id) else { return [] }
        var prev: UInt64? = nil
        return o.objects[i].observations.enumerated().map { (n, r) in
            let h = o.contentHash[Int(r)]
            defer { prev = h }
            return ObjectObservation(entity: id, time: o.time[Int(r)], index: n, changed: prev != nil && prev != h,
                                     yaml: withYAML ? manifest(row: Int(r)).map(ManifestText.yaml) : nil)
        }
    }

    /// The manifest of `id` as YAML at time `at` (the last observation at or before it; default: the latest).
    public func manifest(of id: EntityID, at: Nanos? = nil) -> ObjectObservation? { observed(of: id, at: at)?.observation }

    /// The observation `manifest(of:at:)` picks and its manifest as a JSON object (managedFields removed), from one
    /// read of the record: the YAML is written from the same object.
    public func observed(of id: EntityID, at: Nanos? = nil) -> (observation: ObjectObservation, manifest: [String: Any]?)? {
        guard let o = objects, let i = o.index(of: id) else { return nil }
        let obs = o.objects[i].observations
        guard !obs.isEmpty else { return nil }
        var pick = obs.count - 1
        if let at { pick = obs.lastIndex { o.time[Int($0)] <= at } ?? 0 }
        let r = Int(obs[pick])
        let changed = pick > 0 && o.contentHash[Int(obs[pick - 1])] != o.contentHash[r]
        let object = manifest(row: r)
        return (ObjectObservation(entity: id, time: o.time[r], index: pick, changed: changed, yaml: object.map(ManifestText.yaml)), object)
    }

    /// Spec/data changes of `id` between consecutive observations, as YAML diffs.
    public func changes(of id: EntityID, includeStatus: Bool = false) -> [ObjectChange] {
        guard let o = objects, let i = o.index(of: id) else { return [] }
        let obs = o.objects[i].observations
        var out: [ObjectChange] = []
        var k = 1
        while k < obs.count {
            let a = Int(obs[k - 1]), b = Int(obs[k])
            if o.contentHash[a] != o.contentHash[b] || includeStatus {
                if var ma = manifest(row: a), var mb = manifest(row: b) {
                    if !includeStatus { ma.removeValue(forKey: "status"); mb.removeValue(forKey: "status") }
                    for key in ["resourceVersion", "generation"] {
                        if var m = ma["metadata"] as? [String: Any] { m.removeValue(forKey: key); ma["metadata"] = m }
                        if var m = mb["metadata"] as? [String: Any] { m.removeValue(forKey: key); mb["metadata"] = m }
                    }
                    let ya = ManifestText.yaml(ma), yb = ManifestText.yaml(mb)
                    if ya != yb {
                        let d = ManifestText.diff(ya.split(separator: "\n", omittingEmptySubsequences: false),
                                                  yb.split(separator: "\n", omittingEmptySubsequences: false))
                        out.append(ObjectChange(entity: id, from: o.time[a], to: o.time[b], diff: d))
                    }
                }
            }
            k += 1
        }
        return out
    }

    /// Every object whose spec/data changed during the recording, with the time of its first change.
    public func changedObjects() -> [(entity: EntityID, firstChange: Nanos, versions: Int)] {
        guard let o = objects else { return [] }
        var out: [(EntityID, Nanos, Int)] = []
        for obj in o.objects where obj.versions > 1 {
            var prev: UInt64? = nil
            for r in obj.observations {
                let h = o.contentHash[Int(r)]
                if let p = prev, p != h { out.append((obj.id, o.time[Int(r)], obj.versions)); break }
                prev = h
            }
        }
        return out.sorted { $0.1 < $1.1 }.map { (entity: $0.0, firstChange: $0.1, versions: $0.2) }
    }
}
