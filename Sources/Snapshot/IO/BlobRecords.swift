/// Records of the index cache written as columns (one string or number array per field) instead of JSON: reading
/// a section back is then a copy per column, not a JSON parse (the events and objects sections, which search,
/// suspects and compare read on every call).
extension BlobWriter {
    /// Entity ids: namespace, whether there is one, kind and name.
    mutating func entityIDs(_ ids: [EntityID]) {
        strings(ids.map { $0.namespace ?? "" }); array(ids.map { UInt8($0.namespace == nil ? 0 : 1) })
        strings(ids.map(\.kind)); strings(ids.map(\.name))
    }

    mutating func events(_ e: [KubeEvent]) {
        strings(e.map(\.name)); strings(e.map(\.namespace)); strings(e.map(\.reason)); strings(e.map(\.type))
        strings(e.map(\.message)); strings(e.map(\.source)); entityIDs(e.map(\.entity))
        array(e.map(\.firstTime)); array(e.map(\.lastTime)); array(e.map { Int64($0.count) }); array(e.map { Int64($0.rows) })
        array(e.map(\.offset)); array(e.map { Int64($0.record) })
    }

    mutating func objects(_ o: [ObjectIndex.Object]) {
        entityIDs(o.map(\.id)); strings(o.map(\.uid))
        array(o.map { Int32($0.observations.count) }); array(o.flatMap(\.observations)); array(o.map { Int64($0.versions) })
    }
}

extension BlobReader {
    mutating func entityIDs() throws -> [EntityID] {
        let namespaces = try strings(), hasNamespace = try array(UInt8.self), kinds = try strings(), names = try strings()
        guard hasNamespace.count == namespaces.count, kinds.count == namespaces.count, names.count == namespaces.count else { throw Corrupt() }
        return namespaces.indices.map { EntityID(namespace: hasNamespace[$0] == 0 ? nil : namespaces[$0], kind: kinds[$0], name: names[$0]) }
    }

    mutating func events() throws -> [KubeEvent] {
        let name = try strings(), namespace = try strings(), reason = try strings(), type = try strings(), message = try strings()
        let source = try strings(), entity = try entityIDs()
        let first = try array(Int64.self), last = try array(Int64.self), count = try array(Int64.self), rows = try array(Int64.self)
        let offset = try array(Int64.self), record = try array(Int64.self)
        let n = name.count
        guard [namespace.count, reason.count, type.count, message.count, source.count, entity.count, first.count, last.count, count.count,
               rows.count, offset.count, record.count].allSatisfy({ $0 == n }) else { throw Corrupt() }
        return (0..<n).map {
            KubeEvent(name: name[$0], namespace: namespace[$0], reason: reason[$0], type: type[$0], message: message[$0], entity: entity[$0],
                      firstTime: first[$0], lastTime: last[$0], count: Int(count[$0]), source: source[$0], rows: Int(rows[$0]),
                      offset: offset[$0], record: Int(record[$0]))
        }
    }

    mutating func objects() throws -> [ObjectIndex.Object] {
        let ids = try entityIDs(), uids = try strings(), counts = try array(Int32.self), observations = try array(Int32.self)
        let versions = try array(Int64.self)
        guard uids.count == ids.count, counts.count == ids.count, versions.count == ids.count, counts.allSatisfy({ $0 >= 0 }),
              counts.reduce(0, { $0 + Int($1) }) == observations.count else { throw Corrupt() }
        var at = 0
        return ids.indices.map { i in
            defer { at += Int(counts[i]) }
            return ObjectIndex.Object(id: ids[i], uid: uids[i], observations: Array(observations[at..<(at + Int(counts[i]))]), versions: Int(versions[i]))
        }
    }
}
