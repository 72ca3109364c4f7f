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
        """)
    @Argument(help: "Output directory (must not exist unless --force).") var output: String
    @Option(name: .customLong("fault"), help: "KIND:TARGET (repeatable); see below.") var faults: [String] = []
    @Option(help: "Shorthand for --fault feature-flag:FLAG.") var flag: String?
    @Option(help: "A scenario YAML file (name, description, seed, minutes, rps, fault_at, metric_interval, faults).") var scenario: String?
    @Option(help: "Recording length in minutes (2 to 1440).") var minutes: Int?
    @Option(help: "Load-generator requests per second (more than 0, at most 10000).") var rps: Double?
    @Option(help: "Random seed (0 to 18446744073709551615).") var seed: UInt64?
    @Option(help: "Seconds between metric samples (5 to 3600).") var metricInterval: Int?

    func validate() throws {
        try OptionRange.check("--minutes", minutes, 2...1440)
        try OptionRange.check("--rps", rps, 0.001...10_000)
        try OptionRange.check("--metric-interval", metricInterval, 5...3600, "seconds")
    }
    @Option(help: "One-line description written to DESCRIPTION.") var describe: String?
    @Flag(help: "Replace the output directory if it exists.") var force = false
    @Flag(help: "Print what was written as JSON (the envelope of docs/INTERFACE.md).") var json = false

    func run() throws {
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
        if json {
            var result: [String: Any] = ["path": r.path, "bytes": r.bytes, "spans": r.spans, "logs": r.logs, "seconds": r.seconds,
                                         "faults": spec.faults.map(\.label)]
            result["scenario"] = scenario
            print(JSONOutput.text(JSONOutput.success("generate", result)))
            return
        }
        print("wrote \(r.path): \(Format.bytes(r.bytes)), \(Format.count(r.spans)) spans, \(Format.count(r.logs)) log records in \(String(format: "%.1f", r.seconds)) s (\(String(format: "%.0f", Double(r.bytes) / 1_048_576 / max(r.seconds, 0.001))) MiB/s)")
    }
}
