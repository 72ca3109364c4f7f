import Foundation
import Testing
import TestSupport
@testable import Generator
import Snapshot

@Suite struct GeneratorTests {
    static let repoRoot = TestPaths.repoRoot

    static func temp(_ n: String) -> String { NSTemporaryDirectory() + "triage-gen-\(n)-\(UUID().uuidString.prefix(8))" }

    static func digest(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)!
        for case let rel as String in e {
            var isDir: ObjCBool = false
            let p = (dir as NSString).appendingPathComponent(rel)
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue { out[rel] = try Data(contentsOf: URL(fileURLWithPath: p)) }
        }
        return out
    }

    static func pythonCount(_ path: String) -> Int? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import csv,sys\ncsv.field_size_limit(sys.maxsize)\nprint(sum(1 for r in csv.reader(open(sys.argv[1], newline=''), delimiter='\\t') if r) - 1)", path]
        let out = Pipe(); p.standardOutput = out; p.standardError = Pipe()
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return Int(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static let spec = ScenarioSpec(name: "t", description: "test incident", seed: 7, minutes: 8, rps: 0.4,
                                   faults: [FaultSpec.flag("cartFailure")!], metricInterval: 60)

    @Test func roundTripThroughTheLoader() throws {
        let dir = Self.temp("rt")
        let r = try SnapshotGenerator(spec: Self.spec).generate(to: dir)
        let s = try Snapshot.load(dir)
        #expect(s.spanCount == r.spans)
        #expect(s.logCount == r.logs)
        #expect(s.diagnostics.filter { $0.severity != .info }.isEmpty, "\(s.diagnostics)")
        // Every TSV agrees with Python's csv module on the record count.
        let info = s.info()
        for f in info.files where f.path.hasSuffix(".tsv") {
            if let py = Self.pythonCount((dir as NSString).appendingPathComponent(f.path)) { #expect(f.records == py, "\(f.path)") }
        }
        // Events twice each (both API versions); objects re-recorded every 5 minutes.
        #expect(info.counts.event_rows == 2 * info.counts.events)
        let cm = try s.entity("cm/flagd-config")
        #expect(s.observations(of: cm).count == 2)
        #expect(s.changes(of: cm).first?.diff.contains { $0.hasPrefix("+") && $0.contains("\"defaultVariant\": \"on\"") } == true)
        // The fault shows up downstream: cart errors after the flag flip, alerts after the fault.
        let cart = try s.entity("svc/cart")
        let errs = s.errorSpans(entity: cart, limit: 1000)
        #expect(errs.total > 0)
        #expect(errs.rows.allSatisfy { $0.start >= Self.spec.faultTime })
        let alert = s.alerts(AlertFilter(entity: cart)).first { $0.name == "RequestErrorRate" }
        #expect(alert != nil && alert!.activeAt! >= Self.spec.faultTime)
        #expect(FileManager.default.fileExists(atPath: dir + "/ground_truth.yaml"))
    }

    @Test func sameSeedSameBytes() throws {
        let a = Self.temp("a"), b = Self.temp("b")
        _ = try SnapshotGenerator(spec: Self.spec).generate(to: a)
        _ = try SnapshotGenerator(spec: Self.spec).generate(to: b)
        #expect(try Self.digest(a) == Self.digest(b))
        #expect(throws: GeneratorError.self) { _ = try SnapshotGenerator(spec: Self.spec).generate(to: a) }   // never overwrites
    }

    @Test func shippedSnapshotsAreReproducible() throws {
        let recipes = (Self.repoRoot as NSString).appendingPathComponent("scripts/shipped-scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: recipes).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 6)
        for f in files {
            let spec = try ScenarioFile.load(path: (recipes as NSString).appendingPathComponent(f))
            let shipped = (Self.repoRoot as NSString).appendingPathComponent("Snapshots/" + spec.name)
            let dir = Self.temp("ship")
            _ = try SnapshotGenerator(spec: spec).generate(to: dir)
            #expect(try Self.digest(dir) == Self.digest(shipped), "\(spec.name) differs from its recipe: run scripts/make-snapshots.sh")
            try? FileManager.default.removeItem(atPath: dir)
        }
    }
}
