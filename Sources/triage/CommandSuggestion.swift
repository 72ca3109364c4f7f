/// "Did you mean": the closest name by edit distance, when it is close enough to be a slip of the keyboard.
enum CommandSuggestion {
    static func nearest(_ word: String, among names: [String]) -> String? {
        let w = Array(word.lowercased())
        let scored = names.map { ($0, distance(w, Array($0))) }.min { $0.1 < $1.1 }
        guard let (name, d) = scored, d <= max(1, min(3, name.count / 3)) else { return nil }
        return name
    }

    /// Damerau-Levenshtein distance (optimal string alignment), so a swapped pair of letters counts once.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
