/// Masked log tokens as dense ids (`LogTemplateMiner`'s vocabulary, and `LogTokenizer`'s on the other thread), with
/// the masked id of each distinct raw token remembered: most raw tokens of a log file repeat (92 % of those in the
/// first 100,000 bodies of the generated 1 GB snapshot), so each is masked, hashed and interned once, not every time.
/// Ids are given in the order masked tokens are first met, as interning each masked token would give them.
struct MaskedVocabulary: Sendable {
    /// Distinct raw tokens remembered (bounds the memo's memory; beyond it, tokens are masked every time).
    let rawLimit: Int
    private var table = TokenTable()
    /// Each id's bytes, in id order.
    private(set) var tokenBytes: [[UInt8]] = []
    private var raw = TokenTable(capacity: 4096)
    private var rawMasked: [Int32] = []

    /// A vocabulary whose first ids are `first`.
    init(_ first: [String] = [], rawLimit: Int = 1 << 20) {
        self.rawLimit = rawLimit
        for w in first { _ = Array(w.utf8).withUnsafeBufferPointer { intern($0) } }
    }

    /// The id of masked token bytes `b` (added when new).
    mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, isNew) = table.id(b)
        if isNew { tokenBytes.append(Array(b)) }
        return id
    }

    /// The ids of `message`'s whitespace tokens, masked (`TokenMask`); beyond `max` tokens, one `…`.
    mutating func ids(_ message: [UInt8], max: Int) -> [Int32] {
        var out: [Int32] = []
        message.withUnsafeBufferPointer { sp in
            guard let p = sp.baseAddress else { return }
            LogTemplateMiner.eachRawToken(sp, max: max) { r in
                if let r { out.append(id(p, r)) } else { out.append(LogTemplateMiner.ellipsisBytes.withUnsafeBufferPointer { intern($0) }) }
            }
        }
        return out
    }

    /// The id of token `p[r]` masked: remembered per raw token, else masked (on the stack) and interned.
    private mutating func id(_ p: UnsafePointer<UInt8>, _ r: Range<Int>) -> Int32 {
        var slot = -1
        if raw.count < rawLimit {
            let (rid, isNew) = raw.id(UnsafeBufferPointer(start: p + r.lowerBound, count: r.count))
            if !isNew { return rawMasked[Int(rid)] }
            slot = Int(rid)
            rawMasked.append(-1)
        }
        let id = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TokenMask.capacity(for: r.count)) { buf -> Int32 in
            var n = 0
            TokenMask.mask(p, r.lowerBound, r.upperBound, into: buf.baseAddress!, &n)
            return intern(UnsafeBufferPointer(start: buf.baseAddress!, count: n))
        }
        if slot >= 0 { rawMasked[slot] = id }
        return id
    }
}
