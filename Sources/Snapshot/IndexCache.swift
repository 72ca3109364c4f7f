import Foundation

/// The persistent index: a snapshot indexed once is saved under the user's cache directory (never inside the
/// snapshot, which may be read-only) and reloaded by later processes, so each CLI call does not re-index. The cache
/// is keyed by the snapshot's real path and invalidated when any file's size or modification time changes.
public enum IndexCache {
    static let version = 3

    /// `$TRIAGE_CACHE_DIR`, else `$XDG_CACHE_HOME/triage`, else `~/.cache/triage`.
    public static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let d = env["TRIAGE_CACHE_DIR"], !d.isEmpty { return d }
        if let x = env["XDG_CACHE_HOME"], !x.isEmpty { return (x as NSString).appendingPathComponent("triage") }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".cache/triage")
    }

    struct Key: Codable, Equatable {
        var version: Int
        var root: String
        var files: [String]   // "path size mtime-ns"
    }

    static func key(for root: String) throws -> Key {
        let layout = try SnapshotLayout(root: root)
        var files: [String] = []
        for e in layout.entries where !e.path.hasSuffix("/") {
            let full = (root as NSString).appendingPathComponent(e.path)
            var st = stat()
            guard stat(full, &st) == 0 else { continue }
            files.append("\(e.path) \(st.st_size) \(st.st_mtim.tv_sec)\(String(format: "%09ld", st.st_mtim.tv_nsec))")
        }
        return Key(version: version, root: root, files: files.sorted())
    }

    static func cachePath(for root: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in root.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return (directory as NSString).appendingPathComponent(String(format: "%016llx.idx", h))
    }

    /// Opens a snapshot through the cache: loads the saved index when it is current, otherwise indexes and saves.
    public static func open(_ path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Snapshot {
        let root = URL(fileURLWithPath: (path as NSString).standardizingPath).resolvingSymlinksInPath().path
        let k = try key(for: root)
        let cp = cachePath(for: root)
        if ProcessInfo.processInfo.environment["TRIAGE_NO_CACHE"] == nil, let s = try? load(cp, key: k, root: root) { return s }
        let s = try Snapshot.load(root, progress: progress)
        if ProcessInfo.processInfo.environment["TRIAGE_NO_CACHE"] == nil { try? save(s, key: k, to: cp) }
        return s
    }

    static func save(_ s: Snapshot, key: Key, to path: String) throws {
        var w = BlobWriter()
        try w.json(key)
        try w.json(s.diagnostics)
        try w.json(s.files)
        // Traces.
        w.int(s.traces == nil ? 0 : 1)
        if let t = s.traces {
            try w.strings(t.strings.strings)
            w.array(t.offset); w.array(t.time); w.array(t.duration); w.array(t.traceKey); w.array(t.spanKey); w.array(t.parentKey)
            w.array(t.service); w.array(t.pod); w.array(t.namespace); w.array(t.name); w.array(t.status); w.array(t.kind); w.array(t.peer)
            w.array(t.traceKeys); w.array(t.traceStart); w.array(t.traceSpans)
            let calls = t.calls.sorted { ($0.key.caller, $0.key.callee) < ($1.key.caller, $1.key.callee) }
            w.array(calls.map(\.key.caller)); w.array(calls.map(\.key.callee))
            w.array(calls.map { Int64($0.value.calls) }); w.array(calls.map { Int64($0.value.errors) }); w.array(calls.map(\.value.totalDuration))
        }
        w.int(s.logs == nil ? 0 : 1)
        if let l = s.logs {
            try w.strings(l.strings.strings); try w.json(l.columns); w.int(l.bodyColumn)
            w.array(l.offset); w.array(l.time); w.array(l.service); w.array(l.pod); w.array(l.namespace); w.array(l.level)
        }
        w.int(s.objects == nil ? 0 : 1)
        if let o = s.objects {
            try w.json(o.objects); w.int(o.bodyColumn)
            w.array(o.offset); w.array(o.time); w.array(o.object); w.array(o.contentHash)
        }
        w.int(s.events == nil ? 0 : 1)
        if let e = s.events { try w.json(e.events); w.int(e.rows) }
        w.int(s.metricFiles.count)
        for m in s.metricFiles {
            try w.json([m.path, m.target.rawValue, m.targetName, m.namespace]); w.int(m.rows)
            w.int(m.series.count)
            for sr in m.series { try w.json(sr.name); try w.json(sr.labels); w.int(sr.duplicates); w.array(sr.times); w.array(sr.values) }
        }
        try w.json(s.alertStore)
        let g = s.graph
        try w.json(g.sources.map { [$0.key.description, String($0.value.rawValue)] })
        try w.json(g.edges); try w.json(g.serviceEntities); try w.json(g.podOwner); try w.json(g.podNamespace); try w.json(g.entities)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let tmp = path + ".tmp-\(getpid())"
        try w.data.write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else { try? FileManager.default.removeItem(atPath: tmp); throw SnapshotError.io(path: path, reason: "rename failed") }
    }

    static func load(_ path: String, key: Key, root: String) throws -> Snapshot? {
        let start = Date()
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var r = BlobReader(data)
        guard try r.json(Key.self) == key else { return nil }
        let diagnostics = try r.json([Diagnostic].self)
        let files = try r.json([Snapshot.FileStats].self)
        let layout = try SnapshotLayout(root: root)
        func file(_ kind: SnapshotLayout.FileKind) -> ByteFile? {
            layout.first(kind).flatMap { try? ByteFile(path: (root as NSString).appendingPathComponent($0)) }
        }
        var traces: TraceIndex? = nil
        if try r.int() == 1 {
            let t = TraceIndex(strings: StringTable(restoring: try r.json([String].self)))
            t.offset = try r.array(Int64.self); t.time = try r.array(Int64.self); t.duration = try r.array(Int64.self)
            t.traceKey = try r.array(UInt64.self); t.spanKey = try r.array(UInt64.self); t.parentKey = try r.array(UInt64.self)
            t.service = try r.array(Int32.self); t.pod = try r.array(Int32.self); t.namespace = try r.array(Int32.self); t.name = try r.array(Int32.self)
            t.status = try r.array(UInt8.self); t.kind = try r.array(UInt8.self); t.peer = try r.array(Int32.self)
            t.traceKeys = try r.array(UInt64.self); t.traceStart = try r.array(Int32.self); t.traceSpans = try r.array(Int32.self)
            var lookup = U64Map(capacity: t.traceKeys.count)
            for (i, k) in t.traceKeys.enumerated() { lookup.set(k, Int32(i)) }
            t.traceLookup = lookup
            let callers = try r.array(Int32.self), callees = try r.array(Int32.self)
            let calls = try r.array(Int64.self), errors = try r.array(Int64.self), durations = try r.array(Int64.self)
            var map: [TraceIndex.CallKey: TraceIndex.CallStats] = [:]
            for i in callers.indices {
                map[TraceIndex.CallKey(caller: callers[i], callee: callees[i])] = TraceIndex.CallStats(calls: Int(calls[i]), errors: Int(errors[i]), totalDuration: durations[i])
            }
            t.calls = map
            traces = t
        }
        var logs: LogIndex? = nil
        if try r.int() == 1 {
            let l = LogIndex(strings: StringTable(restoring: try r.json([String].self)))
            l.columns = try r.json([String].self); l.bodyColumn = try r.int()
            l.offset = try r.array(Int64.self); l.time = try r.array(Int64.self); l.service = try r.array(Int32.self)
            l.pod = try r.array(Int32.self); l.namespace = try r.array(Int32.self); l.level = try r.array(UInt8.self)
            logs = l
        }
        var objects: ObjectIndex? = nil
        if try r.int() == 1 {
            let o = ObjectIndex()
            o.objects = try r.json([ObjectIndex.Object].self); o.bodyColumn = try r.int()
            o.offset = try r.array(Int64.self); o.time = try r.array(Int64.self); o.object = try r.array(Int32.self); o.contentHash = try r.array(UInt64.self)
            for (i, ob) in o.objects.enumerated() { o.lookup[ob.id] = Int32(i) }
            objects = o
        }
        var events: EventIndex? = nil
        if try r.int() == 1 { let e = EventIndex(); e.events = try r.json([KubeEvent].self); e.rows = try r.int(); events = e }
        var metrics: [MetricFileIndex] = []
        for _ in 0..<(try r.int()) {
            let meta = try r.json([String].self)
            guard meta.count == 4, let target = MetricFileIndex.Target(rawValue: meta[1]) else { return nil }
            let m = MetricFileIndex(path: meta[0], target: target, targetName: meta[2])
            m.namespace = meta[3]; m.rows = try r.int()
            for _ in 0..<(try r.int()) {
                let name = try r.json(String.self), labels = try r.json([String: String].self), dups = try r.int()
                m.series.append(MetricSeries(name: name, labels: labels, times: try r.array(Int64.self), values: try r.array(Double.self), duplicates: dups))
            }
            metrics.append(m)
        }
        let alerts = try r.json(AlertStore.self)
        let g = EntityGraph()
        for pair in try r.json([[String]].self) {
            guard pair.count == 2, let raw = UInt8(pair[1]),
                  let id = try? JSONDecoder().decode(EntityID.self, from: Data("\"\(pair[0].replacingOccurrences(of: "\"", with: "\\\""))\"".utf8)) else { continue }
            g.sources[id] = EntityGraph.Sources(rawValue: raw)
        }
        g.edges = try r.json([EntityGraph.Edge].self)
        for (i, e) in g.edges.enumerated() { g.outgoing[e.from, default: []].append(i); g.incoming[e.to, default: []].append(i) }
        g.serviceEntities = try r.json([String: [EntityID]].self)
        g.podOwner = try r.json([String: EntityID].self)
        g.podNamespace = try r.json([String: String].self)
        g.entities = try r.json([EntityID].self)
        return Snapshot(root: root, layout: layout, diagnostics: diagnostics, files: files, events: events, objects: objects, traces: traces,
                        logs: logs, metricFiles: metrics, alertStore: alerts, tracesFile: file(.traces), logsFile: file(.logs),
                        objectsFile: file(.objects), graph: g, loadSeconds: Date().timeIntervalSince(start))
    }
}
