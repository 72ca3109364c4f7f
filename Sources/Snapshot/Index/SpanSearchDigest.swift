import Foundation

/// What a text search needs from the spans, kept as a small cache section of its own, so `search` reads tens of
/// kilobytes instead of the trace section (70 MB for a 1 GB snapshot):
/// - each distinct span name and error status message once, so a pattern is matched once per text;
/// - per span name, a list: how many spans carry it and the first `keep` of them by (start, row);
/// - per (status message, span name) of error spans, a list of the same shape, so a span matched by its message but
///   not its name is counted once, and one matched by both is not counted twice.
/// A kept span holds what a hit shows: its row, start, name, service, status, file offset and trace key.
public final class SpanSearchDigest: @unchecked Sendable {
    /// Spans kept per list by default (the agent tools' largest page): a search asking for more reads the trace index.
    public static let defaultKeep = 1000
    /// Spans kept per list in this digest.
    let keep: Int

    /// Names, messages and services (its own table, so the trace section need not be read).
    let strings: StringTable
    /// Per list: its span name, its status message (-1 for a list of all spans of a name), how many spans it has, and
    /// where its kept spans start (`listStart` has one more element).
    var listName: [Int32] = [], listMessage: [Int32] = [], listCount: [Int64] = [], listStart: [Int32] = [0]
    /// Per kept span, in (start, row) order within its list.
    var row: [Int32] = [], time: [Int64] = [], name: [Int32] = [], service: [Int32] = [], status: [UInt8] = []
    var offset: [Int64] = [], traceKey: [UInt64] = []

    init(strings: StringTable, keep: Int) { self.strings = strings; self.keep = keep }

    /// The `keep` smallest (start, row) pairs seen, as a max-heap: spans come in row order and mostly in time order,
    /// so once full almost every span is turned away by one comparison with the largest kept.
    struct Smallest {
        let capacity: Int
        var heap: [(Int64, Int32)] = []
        mutating func offer(_ x: (Int64, Int32)) {
            if heap.count < capacity {
                heap.append(x)
                var c = heap.count - 1
                while c > 0 { let p = (c - 1) / 2; guard heap[p] < heap[c] else { break }; heap.swapAt(p, c); c = p }
            } else if capacity > 0, x < heap[0] {
                heap[0] = x
                var p = 0
                while true {
                    let l = 2 * p + 1, r = l + 1
                    var m = p
                    if l < heap.count, heap[m] < heap[l] { m = l }
                    if r < heap.count, heap[m] < heap[r] { m = r }
                    if m == p { break }
                    heap.swapAt(p, m); p = m
                }
            }
        }
    }

    /// Builds the digest in one pass over the name, time and status columns (and the error spans' messages).
    static func build(_ t: TraceIndex, keep: Int = defaultKeep) -> SpanSearchDigest {
        let d = SpanSearchDigest(strings: StringTable(), keep: keep)
        var local = [Int32](repeating: -1, count: t.strings.count)
        func id(_ s: Int32) -> Int32 {
            if local[Int(s)] < 0 { local[Int(s)] = d.strings.intern(t.strings.strings[Int(s)]) }
            return local[Int(s)]
        }
        var listOfName = [Int32](repeating: -1, count: t.strings.count)
        var lists: [Smallest] = []
        for i in 0..<t.count {
            let n = Int(t.name[i])
            if listOfName[n] < 0 {
                listOfName[n] = Int32(lists.count); lists.append(Smallest(capacity: keep))
                d.listName.append(id(t.name[i])); d.listMessage.append(-1); d.listCount.append(0)
            }
            let l = Int(listOfName[n])
            d.listCount[l] += 1
            lists[l].offer((t.time[i], Int32(i)))
        }
        var listOfPair: [UInt64: Int] = [:]
        for (k, r) in t.errorRows.enumerated() {
            let key = UInt64(UInt32(bitPattern: t.errorMessages[k])) << 32 | UInt64(UInt32(bitPattern: t.name[Int(r)]))
            let l: Int
            if let x = listOfPair[key] { l = x } else {
                l = lists.count; listOfPair[key] = l; lists.append(Smallest(capacity: keep))
                d.listName.append(id(t.name[Int(r)])); d.listMessage.append(id(t.errorMessages[k])); d.listCount.append(0)
            }
            d.listCount[l] += 1
            lists[l].offer((t.time[Int(r)], r))
        }
        for l in lists.indices {
            for (time, r) in lists[l].heap.sorted(by: <) {
                let i = Int(r)
                d.row.append(r); d.time.append(time); d.name.append(d.listName[l]); d.service.append(id(t.service[i]))
                d.status.append(t.status[i]); d.offset.append(t.offset[i]); d.traceKey.append(t.traceKeys[Int(t.traceOf[i])])
            }
            d.listStart.append(Int32(d.row.count))
        }
        return d
    }

    /// The spans whose name or status message `matches`: how many, and the first `limit` (≤ `keep`) by (start, row),
    /// as indices of kept spans. Each distinct text is matched at most once.
    func search(limit: Int, _ matches: (String) throws -> Bool) rethrows -> (total: Int, kept: [Int]) {
        precondition(limit <= keep)
        var known = [Int8](repeating: -1, count: strings.count)
        func hit(_ s: Int32) throws -> Bool {
            if known[Int(s)] < 0 { let text = strings[s]; known[Int(s)] = try !text.isEmpty && matches(text) ? 1 : 0 }
            return known[Int(s)] == 1
        }
        var total = 0, candidates: [Int] = []
        for l in listName.indices {
            let byName = try hit(listName[l])
            guard listMessage[l] < 0 ? byName : try !byName && hit(listMessage[l]) else { continue }
            total += Int(listCount[l])
            let s = Int(listStart[l])
            candidates += s..<min(Int(listStart[l + 1]), s + limit)
        }
        candidates.sort { (time[$0], row[$0]) < (time[$1], row[$1]) }
        return (total, Array(candidates.prefix(limit)))
    }

    func write(_ w: inout BlobWriter) {
        w.strings(strings.strings); w.int(keep)
        w.array(listName); w.array(listMessage); w.array(listCount); w.array(listStart)
        w.array(row); w.array(time); w.array(name); w.array(service); w.array(status); w.array(offset); w.array(traceKey)
    }

    static func read(_ r: inout BlobReader) throws -> SpanSearchDigest {
        let d = SpanSearchDigest(strings: StringTable(restoring: try r.strings()), keep: try r.int())
        d.listName = try r.array(Int32.self); d.listMessage = try r.array(Int32.self); d.listCount = try r.array(Int64.self)
        d.listStart = try r.array(Int32.self)
        d.row = try r.array(Int32.self); d.time = try r.array(Int64.self); d.name = try r.array(Int32.self); d.service = try r.array(Int32.self)
        d.status = try r.array(UInt8.self); d.offset = try r.array(Int64.self); d.traceKey = try r.array(UInt64.self)
        let lists = d.listName.count, kept = d.row.count, texts = Int32(d.strings.count)
        guard d.keep >= 0, d.listMessage.count == lists, d.listCount.count == lists, d.listStart.count == lists + 1, d.listStart.first == 0,
              d.listStart.last.map({ Int($0) == kept }) ?? false,
              d.listName.indices.allSatisfy({ Int64(d.listStart[$0 + 1] - d.listStart[$0]) == min(d.listCount[$0], Int64(d.keep)) }),
              [d.time.count, d.name.count, d.service.count, d.status.count, d.offset.count, d.traceKey.count].allSatisfy({ $0 == kept }),
              (d.listName + d.name + d.service).allSatisfy({ $0 >= 0 && $0 < texts }), d.listMessage.allSatisfy({ $0 >= -1 && $0 < texts })
        else { throw BlobReader.Corrupt() }
        return d
    }
}
