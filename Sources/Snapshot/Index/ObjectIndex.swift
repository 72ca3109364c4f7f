/// Index of `k8s_objects_raw.tsv`: the time series of full manifests, one observation per row.
public final class ObjectIndex: @unchecked Sendable {
    /// One distinct object and its observations (row indices, time-ordered).
    public struct Object: Sendable, Codable {
        public let id: EntityID
        public var uid: String
        public var observations: [Int32]
        /// Number of distinct contents among the observations (1 = never changed).
        public var versions: Int
    }

    public internal(set) var objects: [Object] = []
    // Per observation (row).
    public internal(set) var offset: [Int64] = []
    public internal(set) var time: [Nanos] = []
    public internal(set) var object: [Int32] = []
    /// Hash of everything but `metadata` and `status`: equal hashes mean an unchanged spec/data.
    public internal(set) var contentHash: [UInt64] = []
    public internal(set) var bodyColumn = 8
    var lookup: [EntityID: Int32] = [:]

    public var rows: Int { offset.count }

    public func index(of id: EntityID) -> Int? { lookup[id].map(Int.init) }

    static func build(_ file: ByteFile, displayName: String, progress: ((Int) -> Void)?) -> (ObjectIndex, TSVScanSummary) {
        let idx = ObjectIndex()
        var summary = TSVScanSummary()
        var headerSeen = false
        var tsCol = 0
        var problems = RecordProblems()
        summary = TSVScanner.scan(file, displayName: displayName, headerFirstColumn: "Timestamp", expectedHeader: Columns.logs,
                                  progress: progress) { rec in
            if !headerSeen {
                headerSeen = true
                let h = summary.header.isEmpty ? Columns.logs : summary.header
                idx.bodyColumn = Columns.index("Body", in: h, standard: Columns.logs)
                tsCol = Columns.index("Timestamp", in: h, standard: Columns.logs)
            }
            let body = rec.bytes(idx.bodyColumn)
            let ok: Bool = body.withUnsafeBufferPointer { bp in
                let j = JSONSkim(bp)
                var kind: String?, name: String?, ns: String?, uid = ""
                var h: UInt64 = 0xcbf29ce484222325
                j.members(of: 0) { key, r in
                    if JSONSkim.equal(key, "kind") { kind = j.stringValue(r) }
                    else if JSONSkim.equal(key, "metadata") {
                        name = j.string(["name"], from: r.lowerBound)
                        ns = j.string(["namespace"], from: r.lowerBound)
                        uid = j.string(["uid"], from: r.lowerBound) ?? ""
                    } else if !JSONSkim.equal(key, "status") {
                        h = Hex.fnv(key, seed: h)
                        h = Hex.fnv(UnsafeBufferPointer(rebasing: bp[r]), seed: h)
                    }
                    return true
                }
                guard let kind, let name else { return false }
                let id = EntityID(namespace: ns, kind: kind, name: name)
                let oi: Int32
                if let existing = idx.lookup[id] { oi = existing } else {
                    oi = Int32(idx.objects.count)
                    idx.lookup[id] = oi
                    idx.objects.append(Object(id: id, uid: uid, observations: [], versions: 0))
                }
                let row = Int32(idx.offset.count)
                idx.offset.append(Int64(rec.offset))
                let t = Timestamp.parse(rec.raw(tsCol))
                if t == nil { problems.note("have an unreadable or impossible Timestamp (placed at the epoch)", offset: rec.offset) }
                idx.time.append(t ?? 0)
                idx.object.append(oi)
                idx.contentHash.append(h)
                idx.objects[Int(oi)].observations.append(row)
                return true
            }
            if !ok { problems.note("skipped: Body is not a Kubernetes object with kind and metadata.name", offset: rec.offset) }
            return true
        }
        summary.diagnostics += problems.diagnostics(file, displayName: displayName)
        for i in idx.objects.indices {
            var obs = idx.objects[i].observations
            obs.sort { idx.time[Int($0)] < idx.time[Int($1)] }
            idx.objects[i].observations = obs
            var versions = 0
            var last: UInt64? = nil
            for o in obs where idx.contentHash[Int(o)] != last { versions += 1; last = idx.contentHash[Int(o)] }
            idx.objects[i].versions = versions
        }
        return (idx, summary)
    }
}
