// triage-bench: in-process timings of the query layer on one snapshot, printed as JSON.
// Used by Benchmarks/run.sh, which runs cat, ripgrep and lnav on the same bytes in the same run.
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Snapshot

func now() -> Double { Date().timeIntervalSince1970 }
func median(_ a: [Double]) -> Double { let s = a.sorted(); return s[s.count / 2] }
func peakRSSKiB() -> Int { var u = rusage(); getrusage(RUSAGE_SELF.rawValue, &u); return Int(u.ru_maxrss) }

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: triage-bench SNAPSHOT PATTERN [REPEATS]\n".data(using: .utf8)!)
    exit(2)
}
let path = args[1], pattern = args[2]
let repeats = args.count > 3 ? Int(args[3]) ?? 5 : 5

let t0 = now()
let s = try Snapshot.load(path)
let indexed = now() - t0
// Time to first answer: what a first screen or a first agent call needs after indexing.
let alerts = s.alerts(AlertFilter(hideNoise: true))
let firstLogs = try s.logs(LogQuery(), limit: 50)
let firstAnswer = now() - t0
let peakAfterIndex = peakRSSKiB()

var searchTimes: [Double] = []
var matches = 0
for _ in 0..<repeats {
    let a = now()
    matches = try s.logMatches(LogQuery(pattern: pattern)).count
    searchTimes.append(now() - a)
}
var ciTimes: [Double] = []
var ciMatches = 0
for _ in 0..<max(1, repeats / 2) {
    let a = now()
    ciMatches = try s.logMatches(LogQuery(pattern: pattern, ignoreCase: true)).count
    ciTimes.append(now() - a)
}
let (page, total) = try s.logs(LogQuery(pattern: pattern), offset: 0, limit: 100)
var filterTimes: [Double] = []
let entity = s.entities.first { $0.kind == "Deployment" && $0.namespace == "otel-demo" }
for _ in 0..<repeats {
    let a = now()
    _ = try s.logMatches(LogQuery(entity: entity, minLevel: .error))
    filterTimes.append(now() - a)
}
let result: [String: Any] = [
    "snapshot": path, "bytes": s.files.reduce(0) { $0 + $1.bytes }, "spans": s.spanCount, "log_records": s.logCount,
    "index_seconds": indexed, "first_answer_seconds": firstAnswer, "alerts": alerts.count, "first_logs": firstLogs.rows.count,
    "peak_rss_kib_after_index": peakAfterIndex, "peak_rss_kib": peakRSSKiB(),
    "log_search_seconds_median": median(searchTimes), "log_search_matches": matches,
    "log_search_ci_seconds_median": median(ciTimes), "log_search_ci_matches": ciMatches,
    "log_filter_seconds_median": median(filterTimes), "page_rows": page.count, "page_total": total,
]
let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: data, as: UTF8.self))
