import Foundation
import Snapshot

/// Downloads the SRE part of an ITBench dataset into a directory that `TaskCatalog` opens as it is: the files keep
/// their paths in the repository. Every file is checked for size and checksum (SHA-256 for LFS files, the git blob id
/// otherwise) and placed atomically; a partial download is resumed; a file already in the destination or in the
/// Hugging Face cache (`HF_HUB_CACHE`, `HF_HOME/hub`, `~/.cache/huggingface/hub`) is not downloaded again.
public final class DatasetFetcher: @unchecked Sendable {
    /// The two datasets, their repositories and where their SRE snapshots lie.
    public enum Source: String, Sendable, CaseIterable {
        case lite, aa
        public var repo: String { self == .lite ? "ibm-research/ITBench-Lite" : "ArtificialAnalysis/ITBench-AA" }
        public var prefix: String { self == .lite ? "snapshots/sre" : "sre" }
        public var folderName: String { self == .lite ? "ITBench-Lite" : "ITBench-AA" }
        /// The revision fetched when none is given (`main` until a release is pinned; the commit it resolved to is
        /// printed and written to `.triage-fetch.json` in the destination).
        public var defaultRevision: String { "main" }
    }

    public struct Plan: Sendable {
        public var commit: String
        /// Files to place, by scenario (`Scenario-2`); shared files (AA's `sre/data.jsonl`) under "".
        public var files: [HubRepo.File]
        public var scenarios: [String: (files: Int, bytes: Int)]
    }

    public let source: Source
    public let repo: HubRepo
    public let http: HubHTTP
    public var jobs = 4
    /// Progress and per-file lines (stderr in the CLI).
    public var say: @Sendable (String) -> Void = { _ in }
    public var interactive = false

    public init(source: Source, endpoint: URL, token: String?) {
        self.source = source
        repo = HubRepo(id: source.repo, endpoint: endpoint)
        http = HubHTTP(token: token)
    }

    /// The scenario a repository path belongs to (`Scenario-2`), nil for shared files.
    public func scenario(of path: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        return parts.first { TaskCatalog.canonicalID($0) != $0.lowercased() || $0.lowercased().hasPrefix("scenario") }
    }

    /// The files to fetch: every SRE scenario, or those named (any spelling), plus the shared files.
    public func plan(revision: String, scenarios wanted: [String]) throws -> Plan {
        let commit = try repo.commit(revision, http: http)
        let all = try repo.tree(commit, under: source.prefix, http: http)
        guard !all.isEmpty else { throw FetchError("\(repo.id)@\(revision): nothing under \(source.prefix)/") }
        let ids = Set(wanted.map(TaskCatalog.canonicalID))
        var files: [HubRepo.File] = [], per: [String: (files: Int, bytes: Int)] = [:]
        for f in all {
            // Skip the Hub's own metadata and anything hidden.
            if f.path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let sc = scenario(of: f.path)
            if let sc, !ids.isEmpty, !ids.contains(TaskCatalog.canonicalID(sc)) { continue }
            if sc == nil, source == .lite { continue }   // Lite: only scenario folders
            files.append(f)
            let key = sc ?? ""
            per[key, default: (0, 0)].files += 1
            per[key, default: (0, 0)].bytes += f.size
        }
        let found = Set(per.keys.filter { !$0.isEmpty }.map(TaskCatalog.canonicalID))
        let missing = ids.subtracting(found).sorted()
        if !missing.isEmpty { throw FetchError("\(repo.id)@\(revision): no scenario \(missing.joined(separator: ", ")) (see --list)") }
        return Plan(commit: commit, files: files, scenarios: per)
    }

    /// Where the Hub's cache keeps this dataset's files at `commit`.
    public static func cacheSnapshot(repo: String, commit: String, env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let hub: String
        if let c = env["HF_HUB_CACHE"], !c.isEmpty { hub = c }
        else if let h = env["HF_HOME"], !h.isEmpty { hub = (h as NSString).appendingPathComponent("hub") }
        else { hub = ((env["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".cache/huggingface/hub") }
        return (hub as NSString).appendingPathComponent("datasets--\(repo.replacingOccurrences(of: "/", with: "--"))/snapshots/\(commit)")
    }

    public struct Outcome: Sendable {
        public var downloaded = 0, fromCache = 0, upToDate = 0, bytes = 0
        public var failed: [String] = []
    }

    /// Places every file of the plan under `dest`; the failures are listed, not thrown, so the rest still arrive.
    public func fetch(_ plan: Plan, into dest: String) -> Outcome {
        let total = plan.files.reduce(0) { $0 + $1.size }
        let meter = Meter(total: total, files: plan.files.count, interactive: interactive, say: say)
        let cache = Self.cacheSnapshot(repo: repo.id, commit: plan.commit)
        let outcome = Locked(Outcome())
        let next = Locked(0)
        let files = plan.files
        let workers = max(1, min(jobs, files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.update { n -> Int in defer { n += 1 }; return n }
                guard i < files.count else { return }
                let f = files[i]
                do {
                    let how = try self.place(f, commit: plan.commit, dest: dest, cache: cache, meter: meter)
                    outcome.update { o in
                        switch how { case .downloaded: o.downloaded += 1; o.bytes += f.size; case .cache: o.fromCache += 1; case .present: o.upToDate += 1 }
                    }
                    meter.fileDone(f, how)
                } catch {
                    outcome.update { $0.failed.append("\(f.path): \(error)") }
                    meter.fileFailed(f, "\(error)")
                }
            }
        }
        meter.finish()
        return outcome.value
    }

    enum How { case downloaded, cache, present }

    func place(_ f: HubRepo.File, commit: String, dest: String, cache: String, meter: Meter) throws -> How {
        let target = (dest as NSString).appendingPathComponent(f.path)
        let dir = PathText.parent(target)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if size(target) == f.size, (try? verify(target, f)) != nil { meter.skip(f.size); return .present }
        let cached = (cache as NSString).appendingPathComponent(f.path)
        let part = (dir as NSString).appendingPathComponent(".\(PathText.name(target)).triage-part")
        if size(cached) == f.size {
            // Copied (not linked) so the destination owns its files; checked like a download.
            try? FileManager.default.removeItem(atPath: part)
            try FileManager.default.copyItem(atPath: URL(fileURLWithPath: cached).resolvingSymlinksInPath().path, toPath: part)
            if (try? verify(part, f)) != nil {
                try install(part, at: target)
                meter.skip(f.size)
                return .cache
            }
            try? FileManager.default.removeItem(atPath: part)
        }
        let resumed = size(part) ?? 0
        if resumed > f.size { try? FileManager.default.removeItem(atPath: part) }
        if resumed > 0, resumed <= f.size { meter.skip(resumed) }
        let got = try http.download(repo.resolveURL(commit, f.path), to: part) { meter.add($0) }
        guard got == f.size else {
            try? FileManager.default.removeItem(atPath: part)
            throw FetchError("size \(got) bytes, the Hub lists \(f.size); rejected")
        }
        do { try verify(part, f) } catch {
            try? FileManager.default.removeItem(atPath: part)
            throw error
        }
        try install(part, at: target)
        return .downloaded
    }

    /// The SHA-256 of an LFS file, or the git blob id of any other; a mismatch is an error.
    func verify(_ path: String, _ f: HubRepo.File) throws {
        if let want = f.sha256 {
            let got = try Digest.file(path, .sha256)
            guard got == want.lowercased() else { throw FetchError("checksum mismatch (sha256 \(got.prefix(12))…, the Hub lists \(want.prefix(12))…); rejected") }
        } else if let want = f.oid, want.count == 40 {
            let got = try Digest.file(path, .sha1)
            guard got == want.lowercased() else { throw FetchError("checksum mismatch (git blob \(got.prefix(12))…, the Hub lists \(want.prefix(12))…); rejected") }
        }
    }

    func install(_ part: String, at target: String) throws {
        guard rename(part, target) == 0 else { throw FetchError("\(target): cannot place the file: \(String(cString: strerror(errno)))") }
    }

    func size(_ path: String) -> Int? { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue }
}

/// A value behind a lock.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.lock(); defer { lock.unlock() }; return v }
    @discardableResult func update<R>(_ f: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return f(&v) }
}
