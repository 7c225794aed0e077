// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

let package = Package(
    name: "Podium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "podium", targets: ["podium"]),
        .library(name: "AWSCore", targets: ["AWSCore"]),
        .library(name: "PodiumCore", targets: ["PodiumCore"]),
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // MARK: - C shim: the only place that includes curses.h
        .target(
            name: "CNCursesShim",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),

        // MARK: - The git commit baked into `podium --version` (scripts/gen-build-info.sh; "unknown" without it)
        .target(name: "CPodiumBuildInfo"),

        // MARK: - AWS wire client
        .target(
            name: "AWSCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - YAML with bounded work (no anchors or aliases), shared by the config and the themes
        .target(
            name: "BoundedYAML",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // MARK: - Text helpers shared by the domain and the terminal toolkit (one EditDistance)
        .target(
            name: "TextSupport",
            swiftSettings: swiftSettings
        ),

        // MARK: - Domain
        .target(
            name: "PodiumCore",
            dependencies: [
                "AWSCore", "BoundedYAML", "TextSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Terminal UI engine
        .target(
            name: "TerminalUI",
            dependencies: ["BoundedYAML", "TextSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TerminalNCurses",
            dependencies: ["TerminalUI", "CNCursesShim"],
            swiftSettings: swiftSettings
        ),

        // MARK: - The app
        .target(
            name: "PodiumConsole",
            dependencies: ["AWSCore", "PodiumCore", "TerminalUI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "podium",
            dependencies: [
                "AWSCore", "PodiumCore", "PodiumConsole", "TerminalUI", "TerminalNCurses", "CPodiumBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Test hooks (PODIUM_TEST_CRASH_AFTER, PODIUM_TEST_HOLD_BEFORE_WRITE) exist only in debug builds.
            swiftSettings: swiftSettings + [.define("PODIUM_TEST_HOOKS", .when(configuration: .debug))]
        ),
        /// A small demo of the TerminalUI engine, driven by the real-terminal tests.
        .executableTarget(
            name: "tui-demo",
            dependencies: ["TerminalUI", "TerminalNCurses"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Benchmarks (report ratios against a peer measured in the same run)
        .executableTarget(
            name: "AWSCoreBenchmarks",
            dependencies: ["AWSCore"],
            path: "Benchmarks/AWSCoreBenchmarks",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TerminalUIBenchmarks",
            dependencies: ["TerminalUI"],
            path: "Benchmarks/TerminalUIBenchmarks",
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        /// Helpers shared by the test targets: the emulator process, tmux driver, free ports.
        .target(
            name: "PodiumTestSupport",
            dependencies: [],
            path: "Tests/PodiumTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSCoreTests",
            dependencies: [
                "AWSCore", "PodiumTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PodiumCoreTests",
            dependencies: [
                "AWSCore", "PodiumCore", "PodiumTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "TextSupport", "PodiumTestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PodiumConsoleTests",
            dependencies: ["PodiumConsole", "PodiumCore", "AWSCore", "TerminalUI", "PodiumTestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["PodiumTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
