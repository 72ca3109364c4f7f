import AgentTools
import Foundation

/// Records TUI steps (view changes, filters, pivots, basket changes, the submission) into an ATIF trajectory.
struct SessionRecorder {
    let path: String
    let snapshot: String

    var callback: (String, [String: String]) -> Void {
        let rec = Recorder(path: path, agentName: "triage-tui")
        let snap = snapshot
        return { kind, args in
            let tool = kind == "submit" ? "submit_root_causes" : "tui_\(kind)"
            var a: [String: Any] = args
            if kind == "submit" { a = ["root_causes": (args["root_causes"] ?? "").split(separator: ",").map(String.init)] }
            let now = Date()
            try? rec.append(tool: tool, arguments: a, output: "", isError: false, started: now, finished: now, snapshot: snap)
        }
    }
}
