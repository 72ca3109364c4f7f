/// The span digest's per-trace part, in the trace index's order: first start, last end, spans, errors, the root span
/// (file offset, service and name as ids of the digest's names) and the (service, pod, namespace) keys its spans
/// carry. Trace listings and their filters read it instead of any span column; it is a cache section of its own, so
/// the questions that need only the digest's counts (compare, rollups) do not read it.
struct TraceDigest: Sendable {
    var traceFirst: [Nanos] = [], traceEnd: [Nanos] = [], traceSpanCount: [Int32] = [], traceErrors: [Int32] = []
    var traceKey: [UInt64] = [], traceRootOffset: [Int64] = [], traceRootService: [Int32] = [], traceRootName: [Int32] = []
    /// Trace t's keys are traceKeyIDs[traceKeysStart[t] ..< traceKeysStart[t+1]].
    var traceKeysStart: [Int32] = [0], traceKeyIDs: [Int32] = []

    var traceCount: Int { traceFirst.count }

    /// The keys of trace `t`.
    func keys(ofTrace t: Int) -> ArraySlice<Int32> { traceKeyIDs[Int(traceKeysStart[t])..<Int(traceKeysStart[t + 1])] }

    func write(_ w: inout BlobWriter) {
        w.array(traceFirst); w.array(traceEnd); w.array(traceSpanCount); w.array(traceErrors)
        w.array(traceKey); w.array(traceRootOffset); w.array(traceRootService); w.array(traceRootName); w.array(traceKeysStart); w.array(traceKeyIDs)
    }

    /// Reads and checks it against its digest's key and name counts.
    static func read(_ r: inout BlobReader, keys n: Int, names: Int) throws -> TraceDigest {
        var d = TraceDigest()
        d.traceFirst = try r.array(Int64.self); d.traceEnd = try r.array(Int64.self)
        d.traceSpanCount = try r.array(Int32.self); d.traceErrors = try r.array(Int32.self)
        d.traceKey = try r.array(UInt64.self); d.traceRootOffset = try r.array(Int64.self); d.traceRootService = try r.array(Int32.self); d.traceRootName = try r.array(Int32.self)
        d.traceKeysStart = try r.array(Int32.self); d.traceKeyIDs = try r.array(Int32.self)
        let tc = d.traceFirst.count
        guard [d.traceEnd.count, d.traceSpanCount.count, d.traceErrors.count, d.traceKey.count, d.traceRootOffset.count, d.traceRootService.count,
               d.traceRootName.count].allSatisfy({ $0 == tc }), d.traceKeysStart.count == tc + 1,
              d.traceKeysStart.last.map({ Int($0) == d.traceKeyIDs.count }) ?? false,
              d.traceKeyIDs.allSatisfy({ $0 >= 0 && Int($0) < n }),
              (d.traceRootService + d.traceRootName).allSatisfy({ $0 >= 0 && Int($0) < names })
        else { throw BlobReader.Corrupt() }
        return d
    }
}
