/// A problem found while loading: which file, where, and why. The rest of the snapshot still loads.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case warning, error, info }
    public var severity: Severity
    /// Path relative to the snapshot directory.
    public var file: String
    /// 1-based record number (data records, header excluded), when the problem is in one record.
    public var record: Int?
    /// 1-based line number in the file, when known.
    public var line: Int?
    public var reason: String

    public init(_ severity: Severity, file: String, record: Int? = nil, line: Int? = nil, reason: String) {
        self.severity = severity; self.file = file; self.record = record; self.line = line; self.reason = reason
    }

    public var description: String {
        var loc = file
        if let line { loc += ":\(line)" }
        if let record { loc += " (record \(record))" }
        return "\(severity.rawValue): \(loc): \(reason)"
    }
}
