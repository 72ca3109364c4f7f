import ArgumentParser
import Foundation
import Generator
import Snapshot

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic incident snapshot in the exact ITBench on-disk dialect (with its ground truth).",
        discussion: """
        The same options and seed give the same bytes. Traffic (--rps) and --minutes set the size:
        about 1 MB per 100 requests with logs.

        Examples:
          triage generate /tmp/inc --flag productCatalogFailure
          triage generate /tmp/big --flag cartFailure --minutes 40 --rps 60 --seed 7
        """)
    @Argument(help: "Output directory (must not exist unless --force).") var output: String
    @Option(help: "Feature flag to turn on (productCatalogFailure, cartFailure, paymentFailure, adFailure).") var flag = "productCatalogFailure"
    @Option(help: "Recording length in minutes.") var minutes = 20
    @Option(help: "Load-generator requests per second.") var rps = 0.25
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Seconds between metric samples.") var metricInterval = 30
    @Option(help: "One-line description written to DESCRIPTION.") var describe = "Users report errors while shopping; find the root cause."
    @Flag(help: "Replace the output directory if it exists.") var force = false

    func run() throws {
        guard let fault = FaultSpec.flag(flag) else { throw ValidationError("unknown flag '\(flag)'") }
        guard minutes >= 2, minutes <= 24 * 60 else { throw ValidationError("--minutes must be between 2 and 1440") }
        guard rps > 0, rps <= 10_000 else { throw ValidationError("--rps must be in (0, 10000]") }
        let spec = ScenarioSpec(name: (output as NSString).lastPathComponent, description: describe, seed: seed, minutes: minutes, rps: rps,
                                faults: [fault], metricInterval: max(5, metricInterval))
        let tty = isatty(2) == 1
        let r = try SnapshotGenerator(spec: spec).generate(to: output, overwrite: force) { f in
            if tty { FileHandle.standardError.write(String(format: "\rgenerating %3.0f%%", f * 100).data(using: .utf8)!) }
        }
        if tty { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
        print("wrote \(r.path): \(Format.bytes(r.bytes)), \(Format.count(r.spans)) spans, \(Format.count(r.logs)) log records in \(String(format: "%.1f", r.seconds)) s (\(String(format: "%.0f", Double(r.bytes) / 1_048_576 / max(r.seconds, 0.001))) MiB/s)")
    }
}
