import Foundation

/// The persistent index: a snapshot indexed once is saved under the user's cache directory (never inside the
/// snapshot, which may be read-only) and reloaded by later processes, so each CLI call does not re-index. The cache
/// is keyed by the snapshot's real path and invalidated when any file's size or modification time changes.
public enum IndexCache {
    static let version = 20

    /// `$TRIAGE_CACHE_DIR`, else `$XDG_CACHE_HOME/triage`, else `$HOME/.cache/triage`, else (no HOME) a per-user
    /// folder in the system temp directory; the password database is never consulted.
    public static var directory: String { directory(environment: ProcessInfo.processInfo.environment) }

    static func directory(environment env: [String: String]) -> String {
        if let d = env["TRIAGE_CACHE_DIR"], !d.isEmpty { return d }
        if let x = env["XDG_CACHE_HOME"], !x.isEmpty { return x + "/triage" }
        if let h = env["HOME"], !h.isEmpty { return h + "/.cache/triage" }
        return NSTemporaryDirectory() + "triage-cache-\(getuid())"
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
            files.append("\(e.path) \(st.st_size) \(modificationNanoseconds(st))")
        }
        return Key(version: version, root: root, files: files.sorted())
    }

    /// A file's modification time in nanoseconds as text (glibc names the field `st_mtim`, Darwin `st_mtimespec`).
    static func modificationNanoseconds(_ st: stat) -> String {
        #if canImport(Darwin)
        let t = st.st_mtimespec
        #else
        let t = st.st_mtim
        #endif
        return "\(t.tv_sec)\(String(format: "%09ld", t.tv_nsec))"
    }

    static func cachePath(for root: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in root.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return (directory as NSString).appendingPathComponent(String(format: "%016llx.idx", h))
    }

    /// Opens a snapshot through the cache: loads the saved index when it is current, otherwise indexes and saves.
    /// `saveInBackground`: return as soon as the snapshot is indexed and write the cache on another thread
    /// (for long-running processes like the TUI; a short CLI call saves before it returns).
    /// `reindex`: index the files even when the saved index is current, and save the fresh one.
    public static func open(_ path: String, saveInBackground: Bool = false, reindex: Bool = false, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Snapshot {
        let root = URL(fileURLWithPath: (path as NSString).standardizingPath).resolvingSymlinksInPath().path
        let k = try key(for: root)
        let cp = cachePath(for: root)
        if !reindex, ProcessInfo.processInfo.environment["TRIAGE_NO_CACHE"] == nil, let s = try? load(cp, key: k, root: root) {
            s.fromSavedIndex = true
            return s
        }
        let s = try PhaseLog.time("index (all files)") { try Snapshot.load(root, progress: progress) }
        if ProcessInfo.processInfo.environment["TRIAGE_NO_CACHE"] == nil {
            if saveInBackground { Thread.detachNewThread { try? save(s, key: k, to: cp) } } else { try? PhaseLog.time("save index") { try save(s, key: k, to: cp) } }
        }
        return s
    }

    /// File: [sections...][header: key, diagnostics, files, windows, alerts, graph, counts, signal counts, the whole
    /// recording's service rollup, section table][header length].
    /// Sections (traces, logs, objects, events, metrics) are streamed to the file as they are written, so saving adds
    /// almost nothing to the process's memory, and are read only when a query first needs them.
    static func save(_ s: Snapshot, key: Key, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Not flushed to the disk before the rename: every section and the header carry a checksum, and a cache cut or
        // zeroed by a crash is indexed again, so waiting for the disk (130 ms for 1 GB's 105 MB) buys nothing.
        try AtomicFile.write(to: path, durable: false) { fd in try write(s, key: key, to: FileHandle(fileDescriptor: fd, closeOnDealloc: false)) }
    }

    /// The cache's bytes: the sections, then the header (key, small tables, table of contents), its checksum and length.
    private static func write(_ s: Snapshot, key: Key, to fh: FileHandle) throws {
        // The span digests are derived from the trace columns: built on the other core while the other sections are
        // written (they go last).
        if s.traces != nil {
            Thread.detachNewThread {
                PhaseLog.time("span digest (other thread)") { _ = s.spanDigest }
                PhaseLog.time("span search digest (other thread)") { _ = s.spanSearch }
            }
        }
        var w = BlobWriter(streamingTo: fh)
        var toc: [String: [Int]] = [:]
        // Each section: [start, length, checksum (as Int)], so a damaged section is found when it is read.
        func section(_ name: String, _ body: (inout BlobWriter) throws -> Void) rethrows {
            let start = w.written
            w.resetChecksum()
            try PhaseLog.time("save section \(name)") { try body(&w) }
            toc[name] = [start, w.written - start, Int(truncatingIfNeeded: w.checksum.final)]
        }
        do {   // one scope, as before the atomic write moved out
            if let t = s.traces {
                section("traces") { w in
                    w.strings(t.strings.strings)
                    w.array(t.offset); w.array(t.time); w.array(t.duration); w.array(t.traceOf); w.array(t.spanKey); w.array(t.parentKey)
                    w.array(t.service); w.array(t.pod); w.array(t.namespace); w.array(t.name); w.array(t.status); w.array(t.kind); w.array(t.peer)
                    w.array(t.traceKeys); w.array(t.traceStart); w.array(t.traceSpans)
                    w.array(t.errorRows); w.array(t.errorMessages)
                    let calls = t.calls.sorted { ($0.key.caller, $0.key.callee) < ($1.key.caller, $1.key.callee) }
                    w.array(calls.map(\.key.caller)); w.array(calls.map(\.key.callee))
                    w.array(calls.map { Int64($0.value.calls) }); w.array(calls.map { Int64($0.value.errors) }); w.array(calls.map(\.value.totalDuration))
                }
            }
            if let d = s.logDigest { try section("logdigest") { w in try d.write(&w) } }
            if let l = s.logs {
                section("logs") { w in
                    w.strings(l.strings.strings); w.strings(l.columns); w.int(l.bodyColumn)
                    w.array(l.offset); w.array(l.time); w.array(l.service); w.array(l.pod); w.array(l.namespace); w.array(l.level)
                }
            }
            if let l = s.logs, let f = s.logsFile { try section("logbodies") { w in try LogBodyStore.write(l, file: f, to: &w) } }
            if let o = s.objects {
                section("objects") { w in
                    w.objects(o.objects); w.int(o.bodyColumn)
                    w.array(o.offset); w.array(o.time); w.array(o.object); w.array(o.contentHash)
                }
            }
            if let e = s.events { section("events") { w in w.events(e.events); w.int(e.rows) } }
            section("metrics") { w in
                w.int(s.metricFiles.count)
                for m in s.metricFiles {
                    w.strings([m.path, m.target.rawValue, m.targetName, m.namespace]); w.int(m.rows)
                    w.strings(m.series.map(\.name)); w.stringMaps(m.series.map(\.labels)); w.array(m.series.map { Int64($0.duplicates) })
                    for sr in m.series { w.array(sr.times); w.array(sr.values) }
                }
            }
            // The digests last: the other thread derives them while the sections above are written.
            if let d = s.spanDigest {
                try section("spandigest") { w in try d.write(&w) }
                section("tracedigest") { w in d.perTrace.write(&w) }
            }
            if let d = s.spanSearch { section("spansearch") { w in d.write(&w) } }
            // Every series scored, so `compare` and `suspects` from the saved index do not score them again.
            if !s.metricFiles.isEmpty { section("serieslist") { w in SeriesListBlob.write(s.metricSeries(), to: &w) } }
            var h = BlobWriter()
            try h.json(key); try h.json(s.diagnostics); try h.json(s.files); try h.json(s.windows); try h.json(s.alertStore)
            let g = s.graph
            try h.json(g.sources.map { [$0.key.description, String($0.value.rawValue)] })
            try h.json(g.edges); try h.json(g.serviceEntities); try h.json(g.podOwner); try h.json(g.podNamespace); try h.json(g.entities)
            // The record counts `info` prints, so a summary from the saved index decodes no section.
            try h.json(s.recordCounts)
            try h.json(s.signalCounts)
            try h.json(s.serviceRollup())
            try h.json(toc)
            fh.write(h.data)
            var sum = Checksum64.of(h.data)
            fh.write(Data(bytes: &sum, count: 8))
            var len = Int64(h.data.count)
            fh.write(Data(bytes: &len, count: 8))
        }
    }

    static func load(_ path: String, key: Key, root: String) throws -> Snapshot? {
        let start = Date()
        let cache = try ByteFile(path: path)
        guard cache.size > 16 else { return nil }
        let tail = cache.bytes(at: cache.size - 16, count: 16)
        guard tail.count == 16 else { return nil }
        let (sum, headerLen) = tail.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self), Int($0.loadUnaligned(fromByteOffset: 8, as: Int64.self))) }
        guard headerLen > 0, headerLen <= cache.size - 16 else { return nil }
        let headerStart = cache.size - 16 - headerLen
        let headerData = cache.data(at: headerStart, count: headerLen)
        guard Checksum64.of(headerData) == sum else { return nil }   // a damaged header: re-index
        var r = BlobReader(headerData)
        guard try r.json(Key.self) == key else { return nil }
        let diagnostics = try r.json([Diagnostic].self)
        let files = try r.json([Snapshot.FileStats].self)
        let windows = try r.json(SnapshotWindows.self)
        let alerts = try r.json(AlertStore.self)
        let g = EntityGraph()
        let dec = JSONDecoder()
        for pair in try r.json([[String]].self) {
            guard pair.count == 2, let raw = UInt8(pair[1]),
                  let id = try? dec.decode(EntityID.self, from: JSONEncoder().encode(pair[0])) else { continue }
            g.sources[id] = EntityGraph.Sources(rawValue: raw)
        }
        g.edges = try r.json([EntityGraph.Edge].self)
        for (i, e) in g.edges.enumerated() { g.outgoing[e.from, default: []].append(i); g.incoming[e.to, default: []].append(i) }
        g.serviceEntities = try r.json([String: [EntityID]].self)
        g.podOwner = try r.json([String: EntityID].self)
        g.podNamespace = try r.json([String: String].self)
        g.entities = try r.json([EntityID].self)
        let counts = try r.json(SnapshotInfo.Counts.self)
        let signals = try r.json(EntitySignalCounts.self)
        let rollup = try r.json([ServiceRollup].self)
        let toc = try r.json([String: [Int]].self)
        // A damaged section (checksum mismatch, cut short, undecodable) is never read as "no such signal": the
        // snapshot is indexed again from its files, once, and the cache rewritten.
        let rebuilt = LazyBox<Snapshot?> { () -> Snapshot? in
            guard let s = try? Snapshot.load(root) else { return nil }
            try? save(s, key: key, to: path)
            return s
        }
        enum Section { case absent, ok(BlobReader), damaged }
        /// `check`: whether to check the section's checksum here (a section that checks its own is handed it).
        func section(_ name: String, check: Bool = true) -> Section {
            guard let e = toc[name] else { return .absent }
            guard e.count == 3, e[0] >= 0, e[1] >= 0, e[0] <= headerStart - e[1] else { return .damaged }
            // Large sections are mapped, not read: a 70 MB trace section then costs one copy (into its columns).
            let d = (e[1] >= 1 << 20 ? cache.mappedData(at: e[0], count: e[1]) : nil) ?? cache.data(at: e[0], count: e[1])
            guard d.count == e[1], !check || PhaseLog.time("section \(name): checksum", { Checksum64.of(d) }) == UInt64(bitPattern: Int64(e[2])) else { return .damaged }
            return .ok(BlobReader(d))
        }
        /// Reads a section with `decode`; absent is nil, damaged or undecodable falls back to re-indexing. `check`: as
        /// `section`'s.
        func read<T>(_ name: String, check: Bool = true, _ fallback: @escaping (Snapshot) -> T?, _ decode: (inout BlobReader) throws -> T) -> T? {
            switch section(name, check: check) {
            case .absent: return nil
            case .damaged: return rebuilt.value.flatMap(fallback)
            case .ok(var r): if let v = PhaseLog.time("section \(name): decode", { try? decode(&r) }) { return v }; return rebuilt.value.flatMap(fallback)
            }
        }
        let layout = try SnapshotLayout(root: root)
        func file(_ kind: SnapshotLayout.FileKind) -> ByteFile? {
            layout.first(kind).flatMap { try? ByteFile(path: (root as NSString).appendingPathComponent($0)) }
        }
        let traces = LazyBox<TraceIndex?> { read("traces", { $0.traces }) { try readTraces(&$0) } }
        let digest = LazyBox<SpanDigest?> {
            let d = read("spandigest", { $0.spanDigest }) { try SpanDigest.read(&$0) }
            if let d, d.perTrace.traceCount == 0 {
                // The per-trace part is read when a trace listing first asks for it.
                d.perTraceBox = LazyBox {
                    read("tracedigest", { $0.spanDigest?.perTrace }) { try TraceDigest.read(&$0, keys: d.keyService.count, names: d.strings.count) } ?? TraceDigest()
                }
            }
            return d
        }
        let spanSearch = LazyBox<SpanSearchDigest?> { read("spansearch", { $0.spanSearch }) { try SpanSearchDigest.read(&$0) } }
        let logDigest = LazyBox<LogDigest?> { read("logdigest", { $0.logDigest }) { try LogDigest.read(&$0) } }
        let logs = LazyBox<LogIndex?> {
            read("logs", { $0.logs }) { r in
                let l = LogIndex(strings: StringTable(restoring: try r.strings()))
                l.columns = try r.strings(); l.bodyColumn = try r.int()
                l.offset = try r.array(Int64.self); l.time = try r.array(Int64.self); l.service = try r.array(Int32.self)
                l.pod = try r.array(Int32.self); l.namespace = try r.array(Int32.self); l.level = try r.array(UInt8.self)
                return l
            }
        }
        // The body store checks its checksum when its bodies are first read: a search checks it in the same pass over
        // the bytes as it matches them. Damaged, it is never read (the log file is) and the snapshot is indexed again.
        let logBodies = LazyBox<LogBodyStore?> {
            read("logbodies", check: false, { _ in nil }) { r in
                try LogBodyStore.read(r.data, checksum: UInt64(bitPattern: Int64(toc["logbodies"]![2])), onDamaged: { _ = rebuilt.value })
            }
        }
        let objects = LazyBox<ObjectIndex?> {
            read("objects", { $0.objects }) { r in
                let o = ObjectIndex()
                o.objects = try r.objects(); o.bodyColumn = try r.int()
                o.offset = try r.array(Int64.self); o.time = try r.array(Int64.self); o.object = try r.array(Int32.self); o.contentHash = try r.array(UInt64.self)
                for (i, ob) in o.objects.enumerated() { o.lookup[ob.id] = Int32(i) }
                return o
            }
        }
        let events = LazyBox<EventIndex?> {
            read("events", { $0.events }) { r in let e = EventIndex(); e.events = try r.events(); e.rows = try r.int(); return e }
        }
        let metrics = LazyBox<[MetricFileIndex]> { read("metrics", { $0.metricFiles }) { try readMetrics(&$0) } ?? [] }
        let snap = Snapshot(root: root, layout: layout, diagnostics: diagnostics, files: files, events: events, objects: objects, traces: traces,
                            spanDigest: digest, spanSearch: spanSearch, logs: logs, logDigest: logDigest, logBodies: logBodies, metricFiles: metrics, alertStore: alerts, tracesFile: file(.traces), logsFile: file(.logs),
                            objectsFile: file(.objects), graph: g, loadSeconds: Date().timeIntervalSince(start))
        snap.cache.seed("windows", windows)
        snap.cache.seed("recordCounts", counts)
        snap.cache.seed("signalCounts", signals)
        snap.cache.seed(Snapshot.rollupKey(nil), rollup)
        snap.cache.seed(Snapshot.allSeriesKey) { read("serieslist", { $0.metricSeries() }) { try SeriesListBlob.read(&$0) } }
        return snap
    }

    static func readTraces(_ r: inout BlobReader) throws -> TraceIndex {
        let t = TraceIndex(strings: StringTable(restoring: try r.strings()))
        t.offset = try r.array(Int64.self); t.time = try r.array(Int64.self); t.duration = try r.array(Int64.self)
        t.traceOf = try r.array(Int32.self); t.spanKey = try r.array(UInt64.self); t.parentKey = try r.array(UInt64.self)
        t.service = try r.array(Int32.self); t.pod = try r.array(Int32.self); t.namespace = try r.array(Int32.self); t.name = try r.array(Int32.self)
        t.status = try r.array(UInt8.self); t.kind = try r.array(UInt8.self); t.peer = try r.array(Int32.self)
        t.traceKeys = try r.array(UInt64.self); t.traceStart = try r.array(Int32.self); t.traceSpans = try r.array(Int32.self)
        t.errorRows = try r.array(Int32.self); t.errorMessages = try r.array(Int32.self)
        guard t.traceOf.count == t.count, t.traceOf.allSatisfy({ $0 >= 0 && Int($0) < t.traceKeys.count }) else { throw BlobReader.Corrupt() }
        guard t.errorRows.count == t.errorMessages.count, t.errorRows.allSatisfy({ $0 >= 0 && Int($0) < t.count }),
              t.errorMessages.allSatisfy({ $0 >= 0 && Int($0) < t.strings.count }) else { throw BlobReader.Corrupt() }
        let callers = try r.array(Int32.self), callees = try r.array(Int32.self)
        let calls = try r.array(Int64.self), errors = try r.array(Int64.self), durations = try r.array(Int64.self)
        var map: [TraceIndex.CallKey: TraceIndex.CallStats] = [:]
        for i in callers.indices {
            map[TraceIndex.CallKey(caller: callers[i], callee: callees[i])] = TraceIndex.CallStats(calls: Int(calls[i]), errors: Int(errors[i]), totalDuration: durations[i])
        }
        t.calls = map
        return t
    }

    static func readMetrics(_ r: inout BlobReader) throws -> [MetricFileIndex] {
        var metrics: [MetricFileIndex] = []
        for _ in 0..<(try r.int()) {
            let meta = try r.strings()
            guard meta.count == 4, let target = MetricFileIndex.Target(rawValue: meta[1]) else { throw BlobReader.Corrupt() }
            let m = MetricFileIndex(path: meta[0], target: target, targetName: meta[2])
            m.namespace = meta[3]; m.rows = try r.int()
            // Names and labels of every series as one JSON document each (one decoder call, not two per series).
            let names = try r.strings(), labels = try r.stringMaps(), dups = try r.array(Int64.self)
            guard labels.count == names.count, dups.count == names.count else { throw BlobReader.Corrupt() }
            for k in names.indices {
                m.series.append(MetricSeries(name: names[k], labels: labels[k], times: try r.array(Int64.self), values: try r.array(Double.self),
                                             duplicates: Int(dups[k])))
            }
            metrics.append(m)
        }
        return metrics
    }
}
