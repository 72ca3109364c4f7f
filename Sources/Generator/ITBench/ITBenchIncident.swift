import Foundation
import Scoring
import Snapshot

/// An ITBench scenario (its `scenario.yaml` and ground truths) compiled into an offline incident: the application,
/// the fault sequence rendered as the fault library and Kubernetes say, noise, and the real ground truth as found.
/// Nothing is keyed by scenario number: everything comes from the scenario file, its truth and the fault library.
public struct ITBenchIncident {
    public let scenario: ITBenchScenario
    /// The chosen ground truth (what the alerts and the chain are rendered from) and the file it came from.
    public let truth: GroundTruth
    public let truthFile: String
    public let spec: ScenarioSpec
    public let noise: IncidentNoise
    /// The application the incident runs (the compiled one: workloads the truth names added, ports an injection moved).
    var app: AppDefinition { spec.application ?? .otelDemo }

    /// Ground-truth file names an ITBench scenario folder holds, copied into the snapshot as found.
    static let truthNames = ["groundtruth_v1.yaml", "groundtruth.yaml"]

    /// Compiles the scenario folder `dir`. Errors name the scenario, the injection and what is missing.
    public static func compile(dir: String, noise: IncidentNoise = .real, seed: UInt64? = nil, minutes: Int = 20, rps: Double = 0.5) throws -> ITBenchIncident {
        let scenario = try ITBenchScenario.load(path: dir)
        let folder = scenario.file.hasSuffix("scenario.yaml") ? PathText.parent(scenario.file) : dir
        let choice: GroundTruthChoice
        do { choice = try GroundTruthChoice.choose(in: folder) } catch {
            throw GeneratorError("\(scenario.name): ground truth: \(error)")
        }
        var files: [String: String] = [:]
        for n in truthNames {
            let p = (folder as NSString).appendingPathComponent(n)
            if let d = FileManager.default.contents(atPath: p) {
                guard let text = String(data: d, encoding: .utf8) else { throw GeneratorError("\(p): not UTF-8 text") }
                files[n] = text
            }
        }
        files["ground_truth.yaml"] = files[(choice.path as NSString).lastPathComponent]
        let base: AppDefinition = scenario.applications.contains(.opentelemetryDemo) || !scenario.applications.contains(.bookInfo) ? .otelDemo : .bookInfo
        var spec = ScenarioSpec(name: scenario.name, description: "ITBench \(scenario.name): an incident in the \(base.namespace) application; find the root cause.",
                                seed: seed ?? UInt64(truncatingIfNeeded: scenario.name.hashValue_stable) | 1, minutes: minutes, rps: rps, faultAt: 0.4, faults: [])
        spec.truthFiles = files
        spec.noise = noise
        spec.backgroundNoise = noise != .none
        var compiler = ITBenchCompiler(scenario: scenario, map: ITBenchTruthMap(truth: choice.truth, app: base), spec: spec)
        let plan = try compiler.compile()   // first: compiling settles the application (ports moved, workloads added)
        compiler.finish(plan, into: &spec)
        return ITBenchIncident(scenario: scenario, truth: choice.truth, truthFile: choice.path, spec: spec, noise: noise)
    }

    /// Writes the snapshot to `path` (a temporary sibling renamed into place: a failure leaves nothing there).
    public func generate(to path: String, overwrite: Bool = false, progress: ((Double) -> Void)? = nil) throws -> SnapshotGenerator.Result {
        try SnapshotGenerator(spec: spec).generate(to: path, overwrite: overwrite, progress: progress)
    }

    /// Every scenario folder under `root` (folders holding a `scenario.yaml`), sorted by name.
    public static func scenarioFolders(in root: String) -> [String] {
        let fm = FileManager.default
        if fm.fileExists(atPath: (root as NSString).appendingPathComponent("scenario.yaml")) { return [root] }
        let names = (try? fm.contentsOfDirectory(atPath: root)) ?? []
        return names.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            .map { (root as NSString).appendingPathComponent($0) }
            .filter { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("scenario.yaml")) }
    }
}

extension ITBenchIncident {
    /// The incident of scenario folder `dir` under `cacheRoot/itbench/`, generated on first use: keyed by the
    /// scenario's and truths' bytes and the renderer version, so an edited scenario is generated afresh.
    public static func cached(dir: String, in cacheRoot: String, noise: IncidentNoise = .real) throws -> (path: String, incident: ITBenchIncident, generated: Bool) {
        let incident = try compile(dir: dir, noise: noise)
        let folder = PathText.parent(incident.scenario.file)
        var key = noise.rawValue
        for n in ["scenario.yaml"] + truthNames {
            if let d = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(n)) { key += "|\(n):\(String(decoding: d, as: UTF8.self))" }
        }
        let made = try IncidentCache.path(folder: "itbench", name: incident.scenario.name, key: key, in: cacheRoot) { _ = try incident.generate(to: $0, overwrite: true) }
        return (made.path, incident, made.generated)
    }
}
