import Foundation
import Testing
import TestSupport
@testable import Snapshot
@testable import AgentTools

/// A damaged index cache never gives a wrong answer: every section is checksummed, and a damaged one is rebuilt from
/// the snapshot's files (issue 14: flipped or zeroed bytes made 21 of 450 queries silently wrong).
/// In the AgentToolsTests suite, which is serialized: its tests set TRIAGE_CACHE_DIR.
extension AgentToolsTests {

    /// What an agent would be told by a spread of queries, as one comparable text.
    static func answers(_ s: Snapshot) throws -> String {
        var info = s.info(); info.load_seconds = 0; info.path = ""
        let enc = JSONEncoder(); enc.outputFormatting = [.sortedKeys]
        var out = [String(decoding: try enc.encode(info), as: UTF8.self)]
        out.append(s.metricSeries().map(\.id).joined(separator: ","))
        out.append(s.events().map { "\($0.entity)|\($0.reason)|\($0.count)" }.joined(separator: ";"))
        out.append(try s.logMatches(LogQuery(pattern: "exec format")).map(String.init).joined(separator: ","))
        out.append(s.traces(TraceFilter(errorsOnly: true), limit: 50).rows.map(\.traceID).joined(separator: ","))
        out.append(s.serviceRollup().map { "\($0.service) \($0.spans) \($0.errors)" }.joined(separator: ";"))
        out.append(s.changedObjects().map { "\($0.entity)" }.joined(separator: ","))
        out.append(s.callGraph().map { "\($0.from)>\($0.to) \($0.calls ?? 0)" }.joined(separator: ";"))
        return out.joined(separator: "\n")
    }

    @Test func flippedZeroedAndCutBytesAreDetectedAndRebuilt() throws {
        let dir = NSTemporaryDirectory() + "triage-cache-corrupt-\(UUID().uuidString.prefix(8))"
        setenv("TRIAGE_CACHE_DIR", dir, 1)
        defer { unsetenv("TRIAGE_CACHE_DIR") }
        let expected = try Self.answers(try Snapshot.load(Self.snap))
        _ = try IndexCache.open(Self.snap)
        let path = IndexCache.cachePath(for: URL(fileURLWithPath: Self.snap).resolvingSymlinksInPath().path)
        let pristine = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try Self.answers(try IndexCache.open(Self.snap)) == expected)
        var damages: [(String, (inout Data) -> Void)] = []
        for k in 1...20 {
            let at = pristine.count * k / 21
            damages.append(("flip byte \(at)", { $0[at] ^= 0x5A }))
        }
        damages.append(("zero 4 KiB mid-file", { d in let m = d.count / 2; for i in m..<min(d.count, m + 4096) { d[i] = 0 } }))
        damages.append(("cut the last 100 bytes", { d in d.removeLast(100) }))
        damages.append(("zero the trailer", { d in for i in (d.count - 16)..<d.count { d[i] = 0 } }))
        damages.append(("cut to half", { d in d.removeLast(d.count / 2) }))
        for (what, damage) in damages {
            var d = pristine
            damage(&d)
            try d.write(to: URL(fileURLWithPath: path))
            let s = try IndexCache.open(Self.snap)
            #expect(try Self.answers(s) == expected, "\(what)")
        }
    }

    @Test func theCacheDirectoryFollowsXDGThenHOME() {
        #expect(IndexCache.directory(environment: ["TRIAGE_CACHE_DIR": "/t", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/t")
        #expect(IndexCache.directory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/h/me"]) == "/x/cache/triage")
        #expect(IndexCache.directory(environment: ["HOME": "/h/me"]) == "/h/me/.cache/triage")
        #expect(IndexCache.directory(environment: [:]).hasPrefix(NSTemporaryDirectory()))
    }
}
