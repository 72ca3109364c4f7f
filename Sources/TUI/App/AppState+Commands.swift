import Foundation
import Scoring
import Snapshot

/// The command line (`:`): navigation, the basket, time windows, label-mode edits, exports and the analysis pages.
extension AppState {
    
    func runCommand(_ raw: String) {
        let parts = raw.split(separator: " ", maxSplits: 1).map(String.init)
        guard let cmd = parts.first?.lowercased() else { return }
        let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        onEvent?("command", ["command": raw])
        if agentMode, ["open", "o", "w", "write", "w!", "write!"].contains(cmd) {
            message = ":\(cmd) is not available to an agent: the TUI stays inside this snapshot and writes nothing"
            return
        }
        switch cmd {
        case "q", "quit", "exit": quit = true
        case "entity", "e":
            do { go(.entity(try snapshot.entity(arg).description)) } catch { message = "\(error)" }
        case "add":
            do { let e = try snapshot.entity(arg).description; if !basket.contains(e) { basket.append(e) }; message = "added \(e) (\(basket.count))" } catch { message = "\(error)" }
        case "submit": submit()
        case "prop", "alert", "group", "rootgroup", "save", "gt", "drop":
            guard let l = labelling else { message = "not labelling (triage label SNAPSHOT)"; return }
            switch cmd {
            case "save": message = l.save(snapshot: snapshot)
            case "gt": go(.groundTruth)
            case "drop": message = l.drop(arg)
            case "group", "rootgroup":
                let p = arg.split(separator: " ", maxSplits: 2).map(String.init)
                guard p.count == 3 else { message = ":\(cmd) KIND NAMESPACE REGEX (namespace - for none)"; return }
                message = l.filterGroup(kind: p[0], namespace: p[1] == "-" ? nil : p[1], regex: p[2], root: cmd == "rootgroup", snapshot: snapshot)
            default:
                guard let e = focusedEntity(), let id = try? snapshot.entity(e) else { message = "no entity in focus"; return }
                if cmd == "alert" { message = arg.isEmpty ? ":alert NAME" : l.alert(arg, on: id) }
                else {
                    let parts = arg.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    message = l.propagate(to: id, condition: parts.first ?? "", effect: parts.count > 1 ? parts[1] : "")
                }
            }
            invalidate()
        case "step":
            if replay != nil, let n = Int(arg) { go(.replay); var c = views[.replay]?.cursor ?? ListCursor(); c.selected = n - 1; c.clamp(count: rowCount(), page: pageSize); views[.replay, default: PageViewState()].cursor = c }
            else { message = "use :step N while replaying" }
        case "open", "o":
            if practice != nil { message = "a practice session stays on its task; q quits"; return }
            if arg.isEmpty { go(.picker) } else { switchSnapshot(arg) }
        case "basket": go(.basket)
        case "noise": perform(.noise)
        case "help": mode = .help
        case "time":
            let words = arg.split(separator: " ").map(String.init)
            let ts = words.map { Timestamp.parseUser($0, reference: snapshot.windows.recording?.end ?? 0) }
            if let bad = words.indices.first(where: { ts[$0] == nil }) {
                message = "cannot read '\(words[bad])' as a time (a clock time, a date 1678-2262, or an offset such as -5m): window unchanged"
            } else if ts.count == 2, let a = ts[0], let b = ts[1] {
                timeWindow = TimeWindow(start: min(a, b), end: max(a, b)); invalidate(); message = "time window set"
            } else if words.isEmpty { timeWindow = nil; invalidate(); message = "time window cleared (use :time 17:40 17:50)" }
            else { message = ":time takes two times (:time 17:40 17:50), or none to clear the window" }
        case "filter": views[page, default: PageViewState()].filter = arg.isEmpty ? nil : arg; invalidate()
        case "by", "groupby":
            guard let list = current as? GroupedList else { message = ":by works on the Alerts and Events views"; return }
            list.group(arg, self)
        case "w", "write": writeCommand(arg, force: false)
        case "w!", "write!": writeCommand(arg, force: true)
        case "goto", "go":
            go(.view(.logs))
            (current as? LogsPage)?.goto(arg, self)
        case "tree": TreePage.command(arg, self)
        case "path": PathPage.command(arg, self)
        case "patterns": go(.patterns)
        case "compare": go(.compare(arg))
        case "suspects":
            if !hintsAllowed { message = "suspects are switched off on this server (--no-hints)"; return }
            if practice != nil { message = "suspects are hidden in practice sessions: the investigation is yours"; return }
            go(.suspects)
        default:
            if let v = ViewID.allCases.first(where: { $0.title.lowercased().hasPrefix(cmd) }) {
                go(.view(v))
                if !arg.isEmpty { views[page, default: PageViewState()].filter = arg; invalidate() }
            } else {
                message = "unknown command :\(cmd); try :entity NAME, :logs [regex], :add NAME, :submit, :time A B, :by FIELD, :patterns, :compare, :q"
            }
        }
    }
}
