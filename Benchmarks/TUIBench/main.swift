// tui-bench: key-to-finished-frame time of the TUI state machine + renderer on a snapshot (no terminal I/O),
// and time to the first screen. usage: tui-bench SNAPSHOT [KEYS]
import Foundation
import Snapshot
import TUI

func now() -> Double { Date().timeIntervalSince1970 }
let args = CommandLine.arguments
guard args.count >= 2 else { print("usage: tui-bench SNAPSHOT [KEYS]"); exit(2) }
let n = args.count > 2 ? Int(args[2]) ?? 2000 : 2000
let t0 = now()
let snap = try IndexCache.open(args[1], saveInBackground: true)
let opened = now() - t0
let app = AppState(snapshot: snap, width: 120, height: 40)
_ = app.render()
let firstScreen = now() - t0

@MainActor func measure(_ label: String, setup: [Key], keys: [Key]) -> [String: Any] {
    for k in setup { app.handle(k) }
    _ = app.render()
    var times: [Double] = []
    for i in 0..<n {
        let a = now()
        app.handle(keys[i % keys.count])
        _ = app.render()
        times.append((now() - a) * 1000)
    }
    times.sort()
    return ["view": label, "keys": n, "p50_ms": times[n / 2], "p99_ms": times[n * 99 / 100], "max_ms": times.last!]
}

var results: [[String: Any]] = []
results.append(measure("logs (scroll j/k/PgDn over every record)", setup: [.char("6")], keys: [.char("j"), .char("j"), .pageDown, .char("k")]))
// Applying a filter to every record (Enter on `/access cart`): the body scan plus the service, pod and level match.
for k in [Key.char("/")] + "access cart".map({ Key.char($0) }) { app.handle(k) }
let filterStart = now()
app.handle(.enter); _ = app.render()
let filterMs = (now() - filterStart) * 1000
results.append(measure("logs filtered by a regex", setup: [], keys: [.char("j"), .pageDown, .char("k")]))
results.append(measure("alerts", setup: [.escape, .char("2")], keys: [.char("j"), .char("k")]))
results.append(measure("traces list", setup: [.char("4")], keys: [.char("j"), .pageDown, .char("k")]))
results.append(measure("traces ordered by duration (o o, ▲)", setup: [.char("o"), .char("o")], keys: [.char("j"), .pageDown, .char("k")]))
results.append(measure("events, long cells wrapped (w)", setup: [.char("3"), .char("w")], keys: [.char("j"), .pageDown, .char("k")]))
results.append(measure("logs, long cells wrapped (w)", setup: [.char("6"), .escape], keys: [.char("j"), .pageDown, .char("k")]))
results.append(measure("logs scrolled sideways (→ ←)", setup: [.char("w")], keys: [.right, .char("j"), .left, .char("j"), .right, .pageDown]))
results.append(measure("metrics → series plot → back", setup: [.char("5")], keys: [.enter, .escape, .char("j")]))
results.append(measure("record detail (d, Esc)", setup: [.char("6")], keys: [.char("d"), .escape, .char("j")]))
// Ordering every log record by level: the one key that sorts (o on TIME, then o to LEVEL), then scrolling the result.
app.handle(.char("6")); app.handle(.escape); app.handle(.char("o")); _ = app.render()
let sortStart = now()
app.handle(.char("o")); _ = app.render()
let orderMs = (now() - sortStart) * 1000
results.append(measure("logs ordered by level (o o)", setup: [], keys: [.char("j"), .pageDown, .char("k")]))
let out: [String: Any] = ["snapshot": args[1], "log_records": snap.logCount, "open_seconds": opened, "first_screen_seconds": firstScreen,
                          "order_logs_by_level_ms": orderMs, "filter_logs_ms": filterMs, "views": results]
print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
