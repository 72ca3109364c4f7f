import CByteScan
import Foundation

/// Nanoseconds since the Unix epoch, UTC. All snapshot times are converted to this.
public typealias Nanos = Int64

/// Parsers and formatters for every timestamp form found in snapshots.
public enum Timestamp {
    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    @inlinable
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Days in a month of the proleptic Gregorian calendar.
    @inlinable
    public static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.fraction][Z]` from raw bytes (TSV, JSON, RFC 3339).
    /// Returns nil when the bytes are not such a timestamp, name an impossible date (`2026-02-30`), or lie outside
    /// what nanoseconds since the epoch can hold (years before 1678 or after 2261).
    public static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Nanos? {
        // The form nearly every cell has, parsed in C; anything else (or anything wrong) takes the general parser.
        var fast: Int64 = 0
        if let base = b.baseAddress, bs_datetime(base, b.count, &fast) != 0 { return fast }
        return parseGeneral(b)
    }

    /// `parse` without the fast path for the common form (tests hold the two equal).
    static func parseGeneral(_ b: UnsafeBufferPointer<UInt8>) -> Nanos? {
        let n = b.count
        guard n >= 19 else { return nil }
        @inline(__always) func dig(_ i: Int) -> Int? {
            let c = b[i]
            return (c >= 0x30 && c <= 0x39) ? Int(c - 0x30) : nil
        }
        @inline(__always) func num(_ i: Int, _ len: Int) -> Int? {
            var v = 0
            for k in i..<(i + len) { guard let d = dig(k) else { return nil }; v = v * 10 + d }
            return v
        }
        guard let y = num(0, 4), b[4] == 0x2D, let mo = num(5, 2), b[7] == 0x2D, let d = num(8, 2),
              b[10] == 0x20 || b[10] == 0x54, let h = num(11, 2), b[13] == 0x3A, let mi = num(14, 2),
              b[16] == 0x3A, let s = num(17, 2), (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, s < 61
        else { return nil }
        var frac: Int64 = 0
        var i = 19
        if i < n && b[i] == 0x2E {
            i += 1
            var digits = 0
            while i < n, let dd = dig(i) {
                if digits < 9 { frac = frac * 10 + Int64(dd); digits += 1 }
                i += 1
            }
            while digits < 9 { frac *= 10; digits += 1 }
        }
        var offsetSeconds = 0
        if i < n {
            let c = b[i]
            if c == 0x5A || c == 0x7A { i += 1 }
            else if (c == 0x2B || c == 0x2D) && i + 6 <= n, let oh = num(i + 1, 2), let om = num(i + 4, 2) {
                offsetSeconds = (oh * 3600 + om * 60) * (c == 0x2B ? 1 : -1)
            }
        }
        let days = daysFromCivil(y, mo, d)
        let secs = Int64(days) * 86400 + Int64(h * 3600 + mi * 60 + s - offsetSeconds)
        let (ns, o1) = secs.multipliedReportingOverflow(by: 1_000_000_000)
        let (t, o2) = ns.addingReportingOverflow(frac)
        return o1 || o2 ? nil : t
    }

    public static func parse(_ s: String) -> Nanos? {
        var s = s
        return s.withUTF8 { parse($0) }
    }

    /// Snapshot time from an alert file name: `alerts_at_2025-12-15T17-30-49.329092.json` or
    /// `alerts_in_alerting_state_2025-12-15T175223.904312Z.json`.
    public static func fromAlertFileName(_ name: String) -> Nanos? {
        var stem = name
        if stem.hasSuffix(".json") { stem.removeLast(5) }
        let digits: [Character]
        if let r = stem.range(of: "alerts_at_") {
            digits = Array(stem[r.upperBound...])
        } else if let r = stem.range(of: "alerts_in_alerting_state_") {
            digits = Array(stem[r.upperBound...])
        } else { return nil }
        // Keep digits and the '.' fraction separator; rebuild an RFC 3339 string.
        let s = String(digits)
        guard let tIdx = s.firstIndex(of: "T") else { return nil }
        let date = s[s.startIndex..<tIdx]
        var time = s[s.index(after: tIdx)...].filter { $0.isNumber || $0 == "." }
        guard date.count == 10, time.count >= 6 else { return nil }
        let hh = time.prefix(2); time.removeFirst(2)
        let mm = time.prefix(2); time.removeFirst(2)
        let rest = time
        return parse("\(date)T\(hh):\(mm):\(rest)Z")
    }

    /// Formats as `2025-12-15 17:24:44.327` (UTC, milliseconds).
    public static func format(_ t: Nanos, fraction: Int = 3) -> String {
        // Floor division without overflow, for every Int64 (Int64.min included).
        var secs = t / 1_000_000_000
        var ns = t % 1_000_000_000
        if ns < 0 { secs -= 1; ns += 1_000_000_000 }
        var days = Int(secs / 86400)
        var rem = Int(secs % 86400)
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        var out = String(format: "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, rem / 3600, (rem / 60) % 60, rem % 60)
        if fraction > 0 {
            let f = String(format: "%09lld", ns)
            out += "." + f.prefix(fraction)
        }
        return out
    }

    /// RFC 3339 in UTC with the nanoseconds when there are any: `2026-03-10T09:00:04.402526417Z`.
    public static func rfc3339(_ t: Nanos) -> String {
        let frac = ((t % 1_000_000_000) + 1_000_000_000) % 1_000_000_000
        return format(t, fraction: frac == 0 ? 0 : 9).replacingOccurrences(of: " ", with: "T") + "Z"
    }

    /// Formats as RFC 3339 `2025-12-15T17:24:44Z` (seconds).
    public static func iso(_ t: Nanos) -> String {
        format(t, fraction: 0).replacingOccurrences(of: " ", with: "T") + "Z"
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Parses a user-given time: absolute (`2025-12-15 17:40`, `17:40:05` on the snapshot's day)
    /// or relative to `reference` (`-5m`, `+30s`, `1h`).
    public static func parseUser(_ s: String, reference: Nanos) -> Nanos? {
        let t = s.trimmingCharacters(in: .whitespaces)
        if let v = parse(t) { return v }
        if t.count == 16, let v = parse(t + ":00") { return v }
        if let first = t.first, first == "+" || first == "-" || first.isNumber, let unit = t.last, "smhd".contains(unit) {
            let sign: Int64 = first == "-" ? -1 : 1
            let body = t.drop { $0 == "+" || $0 == "-" }.dropLast()
            if let n = Double(body) {
                let mult: Double = unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : 86400
                // Out of range (beyond ±292 years), infinite or NaN offsets are not times: nil, never a trap.
                let offset = n * mult * 1e9
                guard offset.isFinite, abs(offset) < 9.2e18 else { return nil }
                let (v, o) = reference.addingReportingOverflow(sign * Int64(offset))
                return o ? nil : v
            }
        }
        // Time of day on the reference's date.
        let parts = t.split(separator: ":")
        if parts.count >= 2, parts.count <= 3 {
            let day = format(reference, fraction: 0).prefix(10)
            let padded = parts.count == 2 ? "\(t):00" : t
            return parse("\(day) \(padded)")
        }
        return nil
    }

    /// Human duration: `850ns`, `12.3ms`, `4.2s`, `3m12s`.
    public static func duration(_ ns: Int64) -> String {
        let a = ns.magnitude
        if a < 1_000 { return "\(ns)ns" }
        if a < 1_000_000 { return String(format: "%.1fµs", Double(ns) / 1e3) }
        if a < 1_000_000_000 { return String(format: "%.1fms", Double(ns) / 1e6) }
        if a < 60_000_000_000 { return String(format: "%.2fs", Double(ns) / 1e9) }
        let s = ns / 1_000_000_000
        if a < 3_600_000_000_000 { return "\(s / 60)m\(String(format: "%02d", abs(s % 60)))s" }
        return "\(s / 3600)h\(String(format: "%02d", abs((s / 60) % 60)))m"
    }
}
