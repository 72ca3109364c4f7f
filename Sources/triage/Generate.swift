import ArgumentParser
import Foundation
import Generator
import Snapshot

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic incident snapshot in the exact ITBench on-disk dialect (with its ground truth).",
        discussion: """
        Faults (--fault KIND:TARGET, repeatable for several independent root causes):
          feature-flag:FLAG        FLAG = productCatalogFailure, cartFailure, paymentFailure, adFailure
          network-policy:SERVICE   a NetworkPolicy blocking all ingress to SERVICE
          bad-rollout:SERVICE      an image that cannot run; pods crash-loop
          resource-quota:SERVICE   quota exhausted; SERVICE's evicted pod cannot come back
          network-delay:SERVICE    Chaos Mesh NetworkChaos delay
          network-partition:SERVICE  Chaos Mesh NetworkChaos partition
          memory-stress:SERVICE    Chaos Mesh StressChaos (memory; OOM kills)
          cpu-stress:SERVICE       Chaos Mesh StressChaos (CPU)
          hpa:SERVICE              an HPA that scales to its maximum and never down

        The same options and seed give the same bytes. Size grows with --rps and --minutes:
        about 1 MB per 100 requests with logs (27 rps for 40 minutes ≈ 1 GB).

        Examples:
          triage generate /tmp/inc --fault network-policy:frontend
          triage generate /tmp/two --fault feature-flag:cartFailure --fault memory-stress:valkey-cart
          triage generate /tmp/big --fault bad-rollout:checkout --minutes 40 --rps 27 --seed 7
          triage generate /tmp/inc --scenario scenario.yaml
          triage generate /tmp/s2 --itbench ../shared/itbench/groundtruth/scenario_2

        --itbench DIR reads a real ITBench scenario folder (scenario.yaml, itbench.io/v2, and its ground truths):
        every injection of the fault library is rendered (objects, events, pods, alerts, traffic) with the
        truth's propagation chain, and the ground truths are copied as found. --noise none|real|hard sets the
        background (always-on alerts, unrelated warnings, a red-herring change); real is the default.
        A scenario that cannot be rendered is an error naming the scenario and the injection (exit 3).
        """)
    @Argument(help: "Output directory (must not exist unless --force).") var output: String
    @Option(name: .customLong("fault"), help: "KIND:TARGET (repeatable); see below.") var faults: [String] = []
    @Option(help: "Shorthand for --fault feature-flag:FLAG.") var flag: String?
    @Option(help: "A scenario YAML file (name, description, seed, minutes, rps, fault_at, metric_interval, faults).") var scenario: String?
    @Option(help: "An ITBench scenario folder (scenario.yaml and groundtruth*.yaml).") var itbench: String?
    @Option(help: "Background noise of an --itbench incident: none, real (default) or hard.") var noise: String?
    @Flag(help: "After --itbench, load the incident and check it (0 diagnostics, the natural answer scores 1.0, the truth's alerts fire on their entities, noise present); exit 1 when a check fails.") var check = false
    @Option(help: "Recording length in minutes (2 to 1440).") var minutes: Int?
    @Option(help: "Load-generator requests per second (more than 0, at most 10000).") var rps: Double?
    @Option(help: "Random seed (0 to 18446744073709551615).") var seed: UInt64?
    @Option(help: "Seconds between metric samples (5 to 3600).") var metricInterval: Int?

    func validate() throws {
        if itbench != nil, scenario != nil || !faults.isEmpty || flag != nil { throw ValidationError("--itbench takes no --scenario, --fault or --flag: the scenario folder says what to inject") }
        if let noise, IncidentNoise(rawValue: noise) == nil { throw ValidationError("--noise must be none, real or hard (got '\(noise)')") }
        if noise != nil || check, itbench == nil { throw ValidationError("--noise and --check apply to --itbench incidents") }
        try OptionRange.check("--minutes", minutes, 2...1440)
        try OptionRange.check("--rps", rps, 0.001...10_000)
        try OptionRange.check("--metric-interval", metricInterval, 5...3600, "seconds")
    }
    @Option(help: "One-line description written to DESCRIPTION.") var describe: String?
    @Flag(help: "Replace the output directory if it exists.") var force = false
    @Flag(help: "Print what was written as JSON (the envelope of docs/INTERFACE.md).") var json = false

    func run() throws {
        if let itbench { return try runITBench(itbench) }
        var spec: ScenarioSpec
        do {
            if let scenario { spec = try ScenarioFile.load(path: scenario) } else {
                var list: [FaultSpec] = []
                for f in faults {
                    let parts = f.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw ValidationError("--fault takes KIND:TARGET, got '\(f)'") }
                    list.append(try FaultSpec.make(kind: parts[0], service: parts[1], flag: parts[1]))
                }
                if let flag { list.append(try FaultSpec.make(kind: "feature-flag", service: nil, flag: flag)) }
                if list.isEmpty { list = [FaultSpec.flag("productCatalogFailure")!] }
                spec = ScenarioSpec(name: (output as NSString).lastPathComponent,
                                    description: "Users report errors while shopping; find the root cause.", faults: list)
            }
        } catch let e as GeneratorError { throw ValidationError(e.description) }
        if let minutes { spec.minutes = minutes }
        if let rps { spec.rps = rps }
        if let seed { spec.seed = seed }
        if let metricInterval { spec.metricInterval = metricInterval }
        if let describe { spec.description = describe }
        let tty = isatty(2) == 1
        let r: SnapshotGenerator.Result
        do {
            r = try SnapshotGenerator(spec: spec).generate(to: output, overwrite: force) { f in
                if tty { FileHandle.standardError.write(String(format: "\rgenerating %3.0f%%", f * 100).data(using: .utf8)!) }
            }
        } catch let e as GeneratorError { throw CLIError(message: e.description) }
        if tty { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
        report(r, faults: spec.faults.map(\.label), extra: scenario.map { ["scenario": $0] } ?? [:])
    }

    /// `--itbench DIR`: compile the real scenario and write its incident. Compilation errors exit 3, nothing written.
    func runITBench(_ dir: String) throws {
        let incident: ITBenchIncident
        do {
            incident = try ITBenchIncident.compile(dir: dir, noise: noise.flatMap(IncidentNoise.init) ?? .real, seed: seed,
                                                   minutes: minutes ?? 20, rps: rps ?? 0.5)
        } catch let e as GeneratorError { throw CLIError(message: e.description, status: .input) }
        let r: SnapshotGenerator.Result
        do { r = try incident.generate(to: output, overwrite: force) } catch let e as GeneratorError { throw CLIError(message: e.description) }
        var extra: [String: Any] = ["itbench": dir, "scenario": incident.scenario.name, "truth": (incident.truthFile as NSString).lastPathComponent,
                                    "noise": incident.noise.rawValue]
        var conformance: ITBenchConformance?
        if check {
            let c = try ITBenchConformance.check(path: r.path, truth: incident.truth)
            conformance = c
            if let data = try? JSONEncoder().encode(c), let obj = try? JSONSerialization.jsonObject(with: data) { extra["conformance"] = obj }
        }
        report(r, faults: incident.scenario.mechanisms.map(\.rawValue), extra: extra)
        if let c = conformance {
            if !json {
                print("check: \(c.passes ? "passes" : "FAILS"): \(c.diagnostics.count) diagnostics; natural answer \(c.naturalAnswer.joined(separator: ", ")) scores \(c.naturalScore); "
                      + "\(c.truthAlerts - c.truthAlertsMissing.count)/\(c.truthAlerts) truth alerts fire on their entity; \(c.otherAlerts.count) other alerts; "
                      + "\(c.changedNonRoot.count) changed objects that are not root causes")
                for m in c.truthAlertsMissing { print("  not firing: \(m)") }
                for m in c.rootsMissing { print("  root missing: \(m)") }
                for d in c.diagnostics.prefix(10) { print("  \(d)") }
            }
            if !c.passes { throw ExitCode(1) }
        }
    }

    func report(_ r: SnapshotGenerator.Result, faults: [String], extra: [String: Any]) {
        if json {
            var result: [String: Any] = ["path": r.path, "bytes": r.bytes, "spans": r.spans, "logs": r.logs, "seconds": r.seconds, "faults": faults]
            result.merge(extra) { a, _ in a }
            print(JSONOutput.text(JSONOutput.success("generate", result)))
            return
        }
        print("wrote \(r.path): \(Format.bytes(r.bytes)), \(Format.count(r.spans)) spans, \(Format.count(r.logs)) log records in \(String(format: "%.1f", r.seconds)) s (\(String(format: "%.0f", Double(r.bytes) / 1_048_576 / max(r.seconds, 0.001))) MiB/s)")
    }
}
