import Foundation

#if FUZZING
/// libFuzzer's entry point (build with `-DFUZZING -sanitize=fuzzer,address`; see scripts/fuzz.sh). The target is
/// chosen by `TRIAGE_FUZZ_TARGET`.
let fuzzTarget: String = ProcessInfo.processInfo.environment["TRIAGE_FUZZ_TARGET"] ?? "tsv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTargets.run(fuzzTarget, Data(bytes: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<module>_main`: here it starts libFuzzer's driver.
@_cdecl("triage_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var c = argc
    var v: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzzOne(data, size) }
}
#else
/// Without the fuzzer: replays inputs through a target, `triage-fuzz TARGET FILE_OR_DIR...` (the seed corpus and
/// any crash a fuzzer found become ordinary regression inputs).
@main
struct ReplayCorpus {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let target = args.first, FuzzTargets.all.contains(target) else {
            print("usage: triage-fuzz TARGET FILE_OR_DIR...   targets: \(FuzzTargets.all.joined(separator: ", "))")
            exit(2)
        }
        var n = 0
        for path in args.dropFirst() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            let files = isDir.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for f in files {
                guard let d = FileManager.default.contents(atPath: f) else { continue }
                FuzzTargets.run(target, d)
                n += 1
            }
        }
        print("\(target): \(n) inputs replayed, no crash")
    }
}
#endif
