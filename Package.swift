// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "triage",
    platforms: [.macOS(.v13)],
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
    ],
    targets: [
        // ncursesw, wide-character API; header + link only (see docs in CNcurses/shim.h).
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // Loading, indexing and querying a snapshot: the one query layer.
        .target(name: "Snapshot"),
        // Writes faithful synthetic incident snapshots (the shipped practice set, benchmark data).
        .target(name: "Generator", dependencies: ["Snapshot", .product(name: "Yams", package: "Yams")]),
        // Ground truth, submissions, scores.
        .target(name: "Scoring", dependencies: ["Snapshot", .product(name: "Yams", package: "Yams")]),
        // Agent trajectories in every common format, read into one step model (replay, scoring of final answers).
        .target(name: "Trajectory", dependencies: ["Snapshot"]),
        // The query layer as agent tools: shared by the CLI subcommands, the MCP server and replay.
        .target(name: "AgentTools", dependencies: ["Snapshot", "Scoring"]),
        // Screen model, views, key handling; the ncurses adapter is the only ncurses user.
        .target(name: "TUI", dependencies: ["Scoring", "Snapshot", "AgentTools", "Trajectory", "CNcurses"]),
        .executableTarget(
            name: "triage",
            dependencies: [
                "TUI", "Scoring", "Snapshot", "Generator", "AgentTools", "Trajectory",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // In-process timings for Benchmarks/run.sh.
        .executableTarget(name: "triage-bench", dependencies: ["Snapshot"], path: "Benchmarks/TriageBench"),
        .executableTarget(name: "tui-bench", dependencies: ["Snapshot", "TUI"], path: "Benchmarks/TUIBench"),
        // Paths and temp files shared by the test targets (no product code).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SnapshotTests", dependencies: ["Snapshot", "TestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Snapshot", "TestSupport"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Snapshot", "Trajectory", "TestSupport"]),
        .testTarget(name: "TrajectoryTests", dependencies: ["Trajectory", "Scoring", "TestSupport"]),
        .testTarget(name: "AgentToolsTests", dependencies: ["AgentTools", "Snapshot", "Scoring", "TestSupport"]),
        .testTarget(name: "GeneratorTests", dependencies: ["Generator", "Snapshot", "TestSupport", .product(name: "Yams", package: "Yams")]),
    ]
)
