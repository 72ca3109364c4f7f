import AgentTools
import ArgumentParser
import Foundation

/// The exit codes of every command (docs/INTERFACE.md).
enum ExitStatus: Int32, CaseIterable {
    /// The command did what was asked.
    case success = 0
    /// It ran, and the answer is no: a search without hits, a score under `--fail-under`, a check that found problems.
    case negative = 1
    /// The command line is wrong: an unknown command or option, a value out of range, a bad regex, an unknown entity.
    case usage = 2
    /// An input cannot be read: a missing or unreadable snapshot, ground truth, submission or trajectory.
    case input = 3
    /// triage failed: an internal error, or the call ran past its time limit.
    case failure = 4

    /// The exit status of a tool error code (`Toolbox` results).
    static func of(toolError code: String?) -> ExitStatus {
        switch code {
        case "bad_argument", "bad_regex", "bad_path", "unknown_entity", "unknown_tool", "not_found", "forbidden": return .usage
        case "io", "bad_snapshot": return .input
        default: return .failure
        }
    }
}

/// An error with its exit status and a message for stderr.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    var status: ExitStatus = .input
    var description: String { message }
}

/// Ends the process with `status` after writing `message` (when not empty) to stderr.
func exitWith(_ status: ExitStatus, _ message: String = "") -> Never {
    if !message.isEmpty { FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8)) }
    exit(status.rawValue)
}

@main
enum TriageMain {
    /// Parses and runs the command, mapping every error to the exit-code table: usage errors (ArgumentParser's
    /// validation, 64 by default) exit 2, input errors 3, anything else 4; help and --version exit 0 on stdout.
    static func main() async {
        let argv = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try Triage.parseAsRoot(argv)
            if var a = command as? AsyncParsableCommand { try await a.run() } else { try command.run() }
        } catch let e as CLIError {
            exitWith(e.status, "error: \(e.message)")
        } catch let e as ExitCode {
            exit(e.rawValue == ExitCode.validationFailure.rawValue ? ExitStatus.usage.rawValue : e.rawValue)
        } catch {
            let code = Triage.exitCode(for: error)
            let message = Triage.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            exitWith(code == .validationFailure ? .usage : .failure, message)
        }
    }
}
