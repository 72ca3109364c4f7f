/// Records that do not read as their schema says, counted by reason with the first one's offset, so a damaged file
/// gets one diagnostic per kind of damage (file, line of the first, how many) however many records it hits.
/// Parallel parts of one file merge theirs.
struct RecordProblems: Sendable {
    private(set) var byReason: [String: (count: Int, offset: Int)] = [:]

    var isEmpty: Bool { byReason.isEmpty }

    mutating func note(_ reason: String, offset: Int) {
        if let e = byReason[reason] { byReason[reason] = (e.count + 1, min(e.offset, offset)) } else { byReason[reason] = (1, offset) }
    }

    mutating func merge(_ o: RecordProblems) {
        for (r, e) in o.byReason {
            if let m = byReason[r] { byReason[r] = (m.count + e.count, min(m.offset, e.offset)) } else { byReason[r] = e }
        }
    }

    /// One diagnostic per reason, at the first such record's line: "3 record(s): unreadable Duration (…)".
    func diagnostics(_ file: ByteFile, displayName: String) -> [Diagnostic] {
        byReason.sorted { $0.value.offset < $1.value.offset }.map { reason, e in
            Diagnostic(.warning, file: displayName, line: file.lineNumber(at: e.offset),
                       reason: "\(e.count) record(s) \(reason)" + (e.count > 1 ? " (the first at this line)" : ""))
        }
    }
}
