import Foundation
import Snapshot
import Yams

/// A scenario description in YAML:
///
///     name: incident-02
///     description: Checkout is failing for some users; find the root cause.
///     seed: 202
///     minutes: 20          # recording length
///     rps: 0.25            # load-generator requests per second
///     fault_at: 0.45       # when the first fault starts, as a fraction of the recording
///     metric_interval: 60  # seconds between metric samples
///     noise: real          # none (default), real or hard: red-herring changes and unrelated warnings
///     faults:
///       - kind: network-policy
///         service: frontend
///       - kind: feature-flag
///         flag: cartFailure
public enum ScenarioFile {
    public static func load(path: String) throws -> ScenarioSpec {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw GeneratorError("\(path): cannot read") }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String = "<scenario>") throws -> ScenarioSpec {
        let any: Any?
        do { any = try Yams.load(yaml: text) } catch { throw GeneratorError("\(file): YAML syntax: \(error)") }
        guard let d = any as? [String: Any] else { throw GeneratorError("\(file): expected a mapping") }
        let known: Set<String> = ["name", "description", "seed", "minutes", "rps", "fault_at", "metric_interval", "faults", "start", "verbose_logs", "noise"]
        if let bad = d.keys.first(where: { !known.contains($0) }) { throw GeneratorError("\(file): unknown key '\(bad)'") }
        func num(_ k: String) throws -> Double? {
            guard let v = d[k] else { return nil }
            if let i = v as? Int { return Double(i) }
            if let x = v as? Double { return x }
            throw GeneratorError("\(file): \(k): expected a number")
        }
        var faults: [FaultSpec] = []
        var lessons: [(raw: Any, field: String)] = []
        guard let list = d["faults"] as? [Any], !list.isEmpty else { throw GeneratorError("\(file): faults: at least one fault is needed") }
        for (i, f) in list.enumerated() {
            if let fd = f as? [String: Any], let inj = fd["itbench"] {
                guard fd.count == 1 else { throw GeneratorError("\(file): faults[\(i)]: an itbench entry takes only the injection (id and args)") }
                lessons.append((inj, "faults[\(i)].itbench")); continue
            }
            guard let fd = f as? [String: Any], let kind = fd["kind"] as? String else { throw GeneratorError("\(file): faults[\(i)]: needs kind (or itbench)") }
            do { faults.append(try FaultSpec.make(kind: kind, service: fd["service"] as? String, flag: fd["flag"] as? String)) } catch {
                throw GeneratorError("\(file): faults[\(i)]: \(error)")
            }
        }
        var spec = ScenarioSpec(name: d["name"] as? String ?? (file as NSString).lastPathComponent,
                                description: d["description"] as? String ?? "Something is wrong in the shop; find the root cause.",
                                faults: faults)
        if let v = d["seed"] { guard let s = v as? Int, s >= 0 else { throw GeneratorError("\(file): seed: expected a non-negative integer") }; spec.seed = UInt64(s) }
        if let m = try num("minutes") { guard m >= 2, m <= 1440 else { throw GeneratorError("\(file): minutes: 2 to 1440") }; spec.minutes = Int(m) }
        if let r = try num("rps") { guard r > 0, r <= 10_000 else { throw GeneratorError("\(file): rps: (0, 10000]") }; spec.rps = r }
        if let f = try num("fault_at") { guard f > 0.05, f < 0.95 else { throw GeneratorError("\(file): fault_at: between 0.05 and 0.95") }; spec.faultAt = f }
        if let m = try num("metric_interval") { spec.metricInterval = max(5, Int(m)) }
        if let s = d["start"] as? String { guard let t = Timestamp.parse(s) else { throw GeneratorError("\(file): start: not a timestamp") }; spec.start = t }
        if let v = d["verbose_logs"] as? Bool { spec.verboseLogs = v }
        if let v = d["noise"] {
            guard let n = (v as? String).flatMap(IncidentNoise.init) else { throw GeneratorError("\(file): noise: none, real or hard") }
            spec.noise = n
        }
        if !lessons.isEmpty {
            guard faults.isEmpty else { throw GeneratorError("\(file): faults: itbench entries and triage's own kinds cannot be mixed in one scenario") }
            try ITBenchLesson.apply(lessons, file: file, to: &spec)
        }
        return spec
    }

    /// The incident of scenario file `path` under `cacheRoot/scenarios/`, generated on first use and keyed by the
    /// file's bytes, so an edited lesson is generated afresh.
    public static func cached(path: String, in cacheRoot: String) throws -> (path: String, spec: ScenarioSpec) {
        guard let data = FileManager.default.contents(atPath: path) else { throw GeneratorError("\(path): cannot read") }
        let spec = try load(path: path)
        let made = try IncidentCache.path(folder: "scenarios", name: spec.name, key: String(decoding: data, as: UTF8.self), in: cacheRoot) {
            _ = try SnapshotGenerator(spec: spec).generate(to: $0, overwrite: true)
        }
        return (made.path, spec)
    }
}
