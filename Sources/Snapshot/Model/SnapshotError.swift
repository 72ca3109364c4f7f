/// Errors that stop an operation; problems inside a file are `Diagnostic`s instead.
public enum SnapshotError: Error, CustomStringConvertible, Sendable {
    case io(path: String, reason: String)
    case notASnapshot(path: String, reason: String)
    case badArgument(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .io(let path, let reason): return "\(path): \(reason)"
        case .notASnapshot(let path, let reason): return "\(path): not an incident snapshot (\(reason))"
        case .badArgument(let s): return s
        case .notFound(let s): return s
        }
    }
}
