import Foundation

/// The root of the Podium repository, found from this file's location (`Tests/PodiumTestSupport/…`).
public let repoRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // PodiumTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root

/// The Python that runs the emulator: `$PODIUM_EMULATOR_PYTHON`, else `<repo>/.venv/bin/python`.
public var pythonPath: URL {
    if let configured = ProcessInfo.processInfo.environment["PODIUM_EMULATOR_PYTHON"], !configured.isEmpty {
        return URL(fileURLWithPath: configured)
    }
    return repoRoot.appendingPathComponent(".venv/bin/python")
}
