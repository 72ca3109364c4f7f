/// Braille plots: each character cell holds 2×4 dots, so a sparkline of width w shows 2w samples at 4 levels,
/// and a plot of h rows shows 4h levels.
public enum Braille {
    // Dot bits, bottom to top, for the left and right column.
    static let left: [UInt32] = [0x40, 0x04, 0x02, 0x01]
    static let right: [UInt32] = [0x80, 0x20, 0x10, 0x08]

    /// Resamples `values` (non-finite ignored) to `n` points by taking the max of each bucket.
    static func resample(_ values: [Double], _ n: Int) -> [Double?] {
        guard n > 0 else { return [] }
        let v = values
        guard !v.isEmpty else { return Array(repeating: nil, count: n) }
        return (0..<n).map { i in
            let a = i * v.count / n, b = max(a + 1, (i + 1) * v.count / n)
            let slice = v[a..<min(b, v.count)].filter(\.isFinite)
            return slice.max()
        }
    }

    /// Resamples points to `n` equal slices of `window` by their times: the max of each slice; an empty slice holds
    /// the previous sample's value (nil before the first).
    static func resample(_ values: [Double], times: [Int64], window: (start: Int64, end: Int64), _ n: Int) -> [Double?] {
        var out = [Double?](repeating: nil, count: max(0, n))
        let span = Double(window.end - window.start)
        guard n > 0, span > 0 else { return out }
        var filled = [Bool](repeating: false, count: n)
        for (t, v) in zip(times, values) where v.isFinite && t >= window.start && t <= window.end {
            let i = min(n - 1, Int(Double(t - window.start) / span * Double(n)))
            out[i] = max(out[i] ?? v, v)
            filled[i] = true
        }
        // Between two samples the last value holds (a step line, as Prometheus samples are read).
        var last: Double? = nil
        for i in 0..<n { if filled[i] { last = out[i] } else { out[i] = last } }
        return out
    }

    /// A plot `width` cells wide and `height` rows high; returns the rows top to bottom.
    public static func plot(_ values: [Double], width: Int, height: Int) -> [String] {
        plot(points: resample(values, width * 2), width: width, height: height)
    }

    /// A plot with time on the x axis: column c covers the c-th of `width` equal slices of `window`.
    public static func plot(_ values: [Double], times: [Int64], window: (start: Int64, end: Int64), width: Int, height: Int) -> [String] {
        plot(points: resample(values, times: times, window: window, width * 2), width: width, height: height)
    }

    static func plot(points pts: [Double?], width: Int, height: Int) -> [String] {
        guard width > 0, height > 0, pts.count >= width * 2 else { return [] }
        let finite = pts.compactMap { $0 }
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let span = hi - lo
        let levels = height * 4
        func level(_ v: Double?) -> Int? {
            guard let v else { return nil }
            if span <= 0 { return v == 0 ? 0 : levels / 2 }
            return Int(((v - lo) / span * Double(levels - 1)).rounded()) + 1
        }
        var rows: [String] = []
        for r in 0..<height {
            let base = (height - 1 - r) * 4   // levels covered by this row: base+1 ... base+4
            var s = ""
            for c in 0..<width {
                var bits: UInt32 = 0
                for (col, table) in [(0, left), (1, right)] {
                    guard let l = level(pts[c * 2 + col]) else { continue }
                    let filled = max(0, min(4, l - base))
                    for k in 0..<filled { bits |= table[k] }
                }
                s.unicodeScalars.append(Unicode.Scalar(0x2800 + bits)!)
            }
            rows.append(s)
        }
        return rows
    }

    /// One-row sparkline.
    public static func sparkline(_ values: [Double], width: Int) -> String { plot(values, width: width, height: 1).first ?? "" }
}
