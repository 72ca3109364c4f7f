import ArgumentParser
import Foundation
import HubFetch
import Snapshot

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the real ITBench SRE snapshots (ITBench-Lite or ITBench-AA) from the Hugging Face Hub.",
        discussion: """
        lite: ibm-research/ITBench-Lite, the 35 SRE snapshots under snapshots/sre/v0.2-…/Scenario-N/ (each with its
        ground_truth.yaml). aa: ArtificialAnalysis/ITBench-AA, the 40 public SRE scenarios under sre/Scenario-N/ with
        their ground truths in sre/data.jsonl. Files keep their repository paths under --dest, which triage then opens
        as a dataset (triage info --list DEST, triage practice DEST, triage DEST --task 2).

        Every file is checked (size, SHA-256 for LFS files, the git blob id otherwise) and placed atomically; an
        interrupted download resumes where it stopped; files already in DEST or in the Hugging Face cache
        (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub) are not downloaded again. 429 and 5xx answers
        are retried with backoff, honouring Retry-After. HF_ENDPOINT sets another Hub (a mirror); HF_TOKEN is sent for
        gated or private copies (never to the CDN a download redirects to). The revision defaults to main; the commit
        it resolved to is printed and kept in DEST/.triage-fetch.json; pass --revision COMMIT to pin it.

        Exit status: 0 every file in place, 3 the Hub or a file could not be read (nothing half-written is left),
        2 usage.

        Examples:
          triage fetch aa --list                   # the scenarios and their sizes, nothing downloaded
          triage fetch aa --scenario 2 --scenario 5 --dest ~/data/ITBench-AA
          triage fetch lite                        # all 35 ITBench-Lite SRE snapshots into ./ITBench-Lite
        """)

    @Argument(help: ArgumentHelp("lite (ibm-research/ITBench-Lite) or aa (ArtificialAnalysis/ITBench-AA).", valueName: "dataset"))
    var dataset: DatasetFetcher.Source
    @Option(name: .customLong("scenario"), help: ArgumentHelp("A scenario to fetch (Scenario-2, scenario_2 or 2); repeat for more (default: all).", valueName: "id"))
    var scenarios: [String] = []
    @Option(help: "Branch, tag or commit of the dataset (default: main).") var revision: String?
    @Option(help: ArgumentHelp("Where to put the files (default: ./ITBench-Lite or ./ITBench-AA).", valueName: "dir"), completion: .directory)
    var dest: String?
    @Flag(help: "List the scenarios and their sizes; download nothing.") var list = false
    @Option(help: "Files downloaded at once (1-16).") var jobs = 4
    @Flag(help: "With --list: print JSON.") var json = false

    func validate() throws {
        try OptionRange.check("--jobs", jobs, 1...16)
    }

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let token = env["HF_TOKEN"] ?? env["HUGGING_FACE_HUB_TOKEN"]
        let fetcher = DatasetFetcher(source: dataset, endpoint: HubRepo.endpoint(env), token: token)
        let tty = isatty(2) == 1
        let err: @Sendable (String) -> Void = { s in FileHandle.standardError.write(Data((s.hasPrefix("\r") || s.hasSuffix("\n") ? s : s + "\n").utf8)) }
        fetcher.http.onRetry = { err("triage: \($0)") }
        fetcher.say = err
        fetcher.interactive = tty
        fetcher.jobs = jobs
        let rev = revision ?? dataset.defaultRevision
        let plan: DatasetFetcher.Plan
        do { plan = try fetcher.plan(revision: rev, scenarios: scenarios) } catch { throw CLIError(message: "\(error)") }
        let names = plan.scenarios.keys.filter { !$0.isEmpty }.sorted { TaskCatalog.canonicalID($0).compare(TaskCatalog.canonicalID($1), options: .numeric) == .orderedAscending }
        let totalBytes = plan.files.reduce(0) { $0 + $1.size }
        if list {
            if json {
                let rows = names.map { ["scenario": $0, "task": TaskCatalog.canonicalID($0), "files": plan.scenarios[$0]!.files, "bytes": plan.scenarios[$0]!.bytes] as [String: Any] }
                print(JSONOutput.text(JSONOutput.success("fetch", ["dataset": dataset.repo, "revision": rev, "commit": plan.commit, "rows": rows,
                                                                   "total": names.count, "bytes": totalBytes])))
                return
            }
            print("\(dataset.repo) at \(rev) (commit \(plan.commit.prefix(12))): \(names.count) scenarios, \(plan.files.count) files, \(Format.bytes(totalBytes))")
            var rows = [["SCENARIO", "FILES", "SIZE"]] + names.map { [$0, String(plan.scenarios[$0]!.files), Format.bytes(plan.scenarios[$0]!.bytes)] }
            if let shared = plan.scenarios[""] { rows.append(["(shared: data.jsonl)", String(shared.files), Format.bytes(shared.bytes)]) }
            print(Format.table(rows, rightAligned: [1, 2]))
            return
        }
        let target = dest ?? dataset.folderName
        err("triage: fetching \(names.count) scenario\(names.count == 1 ? "" : "s") (\(plan.files.count) files, \(Format.bytes(totalBytes))) of \(dataset.repo) at commit \(plan.commit.prefix(12)) into \(target)")
        let started = Date()
        let outcome = fetcher.fetch(plan, into: target)
        let secs = Date().timeIntervalSince(started)
        var note = ["dataset": dataset.repo, "revision": rev, "commit": plan.commit, "scenarios": names, "fetched_at": ISO8601DateFormatter().string(from: Date())] as [String: Any]
        note["endpoint"] = HubRepo.endpoint(env).absoluteString
        try? AtomicFile.write(Data(JSONOutput.text(note).utf8), to: (target as NSString).appendingPathComponent(".triage-fetch.json"))
        print("\(target): \(outcome.downloaded) downloaded (\(Format.bytes(outcome.bytes)) in \(String(format: "%.1f", secs)) s), \(outcome.fromCache) from the Hugging Face cache, \(outcome.upToDate) already in place"
              + (outcome.failed.isEmpty ? "" : ", \(outcome.failed.count) failed"))
        if !outcome.failed.isEmpty {
            throw CLIError(message: "\(outcome.failed.count) file\(outcome.failed.count == 1 ? "" : "s") not fetched:\n  " + outcome.failed.joined(separator: "\n  ")
                           + "\nrun the same command again to resume")
        }
        print("open it: triage info --list \(target)")
    }
}

extension DatasetFetcher.Source: ExpressibleByArgument {}
