// swift-tools-version: 6.2
import PackageDescription

// Warnings in project code fail the build (dependencies are compiled with their warnings suppressed), so a new
// warning cannot land. Linux (Debian) is the supported platform; macOS is not declared because it is not built or
// tested here.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "triage",
    products: [
        .executable(name: "triage", targets: ["triage"]),
        .library(name: "Snapshot", targets: ["Snapshot"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "TUI", targets: ["TUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // Already built for the MCP SDK; named so the server's diagnostics go through it.
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
    ],
    targets: [
        // ncursesw, wide-character API; header + link only (see docs in CNcurses/shim.h).
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // OpenSSL's libcrypto (Debian libssl-dev): SHA-256 and SHA-1 to verify downloaded dataset files.
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // ICU's regex engine with a step budget per match (declarations for the toolchain's own ICU).
        .target(name: "CICURegex", linkerSettings: [.linkedLibrary("_FoundationICU")]),
        // SSE2 byte-scanning kernels for the indexing hot path (delimiters, ASCII, cell hashes).
        .target(name: "CByteScan"),
        // Loading, indexing and querying a snapshot: the one query layer.
        .target(name: "Snapshot", dependencies: ["CICURegex", "CByteScan"], swiftSettings: strict),
        // Writes faithful synthetic incident snapshots (the shipped practice set, benchmark data).
        .target(name: "Generator", dependencies: ["Snapshot", "Scoring", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Ground truth, submissions, scores.
        // Downloads the ITBench datasets from the Hugging Face Hub (`triage fetch`): tree listing, resume, checksums,
        // retries, the Hub's cache.
        .target(name: "HubFetch", dependencies: ["Snapshot", "CCrypto"], swiftSettings: strict),
        .target(name: "Scoring", dependencies: ["Snapshot", "Trajectory", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        // Agent trajectories in every common format, read into one step model (replay, scoring of final answers).
        .target(name: "Trajectory", dependencies: ["Snapshot"], swiftSettings: strict),
        // The query layer as agent tools: shared by the CLI subcommands, the MCP server and replay.
        .target(name: "AgentTools", dependencies: ["Snapshot", "Scoring", "Trajectory"], swiftSettings: strict),
        // Screen model, views, key handling; the ncurses adapter is the only ncurses user.
        .target(name: "TUI", dependencies: ["Scoring", "Snapshot", "AgentTools", "Trajectory", "CNcurses"], swiftSettings: strict),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TUI", "Scoring", "Snapshot", "Generator", "AgentTools", "Trajectory", "HubFetch",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // In-process timings for Benchmarks/run.sh.
        .executableTarget(name: "triage-bench", dependencies: ["Snapshot"], path: "Benchmarks/TriageBench", swiftSettings: strict),
        .executableTarget(name: "tui-bench", dependencies: ["Snapshot", "TUI"], path: "Benchmarks/TUIBench", swiftSettings: strict),
        // Fuzz targets for every parser of outside input: a corpus replayer normally, libFuzzer with -DFUZZING (scripts/fuzz.sh).
        .executableTarget(name: "triage-fuzz", dependencies: ["Snapshot", "Scoring", "Trajectory", "AgentTools", "TUI"], path: "Fuzz/TriageFuzz", swiftSettings: strict),
        // Paths and temp files shared by the test targets (no product code).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "SnapshotTests", dependencies: ["Snapshot", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Snapshot", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Snapshot", "Scoring", "Trajectory", "TestSupport"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "TrajectoryTests", dependencies: ["Trajectory", "Scoring", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "AgentToolsTests", dependencies: ["AgentTools", "Snapshot", "Scoring", "Trajectory", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "Snapshot", "Scoring", "TestSupport", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
    ]
)
