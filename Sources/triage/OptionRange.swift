import AgentTools
import ArgumentParser

/// Range checks for the numeric options of the commands that are not agent tools (the tools' ranges live in the tool
/// catalog): out of range is a usage error (exit 2) naming the option and its range, never a value used as given.
enum OptionRange {
    /// The largest text-output cap (`--max-output`): ten million characters.
    static let maxOutput = ToolContext.maxOutputCap

    static func check<T: Comparable>(_ option: String, _ value: T?, _ range: ClosedRange<T>, _ unit: String = "") throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be from \(range.lowerBound) to \(range.upperBound)\(unit.isEmpty ? "" : " " + unit), got \(value)")
    }

    /// A number that must also be finite (NaN and infinities are out of every range).
    static func check(_ option: String, _ value: Double?, _ range: ClosedRange<Double>, _ unit: String = "") throws {
        guard let value else { return }
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(option) must be from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))\(unit.isEmpty ? "" : " " + unit), got \(value)")
        }
    }

    static func text(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
}
