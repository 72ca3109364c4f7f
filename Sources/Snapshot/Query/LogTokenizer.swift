/// Turns log messages into masked token ids on a thread of its own, ahead of `LogTemplateMiner`: the miner groups
/// messages in order, one at a time, but masking and tokenizing a message needs nothing from the others, so half of a
/// large mining job is tokenized on the other core. Its ids are its own; the miner maps them to its vocabulary as it
/// meets them (`LogTemplateMiner.add(prepared:)`), in the order it would have interned them itself.
struct LogTokenizer {
    private var table = TokenTable()
    /// Each id's bytes (as the miner's vocabulary needs them).
    private(set) var tokenBytes: [[UInt8]] = []
    let maxTokens: Int
    /// Tokens of messages met before, by their bytes: a message seen before verbatim (two thirds of the records of a
    /// large snapshot) is not tokenized again. Bounded as the miner's own memo.
    private var memo: [LogTemplateMiner.Bytes: [Int32]] = [:]
    var maxMemo = 100_000

    init(maxTokens: Int) { self.maxTokens = maxTokens }

    /// A message ready for the miner: its memo key and its masked tokens as this tokenizer's ids.
    struct Prepared: Sendable {
        let key: LogTemplateMiner.Bytes
        let tokens: [Int32]
    }

    mutating func prepare(_ message: [UInt8]) -> Prepared {
        let key = LogTemplateMiner.Bytes(message)
        if let tokens = memo[key] { return Prepared(key: key, tokens: tokens) }
        var tokens: [Int32] = []
        LogTemplateMiner.eachToken(message, max: maxTokens) { tok in
            let (id, isNew) = table.id(tok)
            if isNew { tokenBytes.append(Array(tok)) }
            tokens.append(id)
        }
        if memo.count < maxMemo { memo[key] = tokens }
        return Prepared(key: key, tokens: tokens)
    }
}
