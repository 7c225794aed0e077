import CPodiumBuildInfo
import Foundation
import TerminalUI

/// What `podium --version` prints: the version, the git commit the binary was built from (baked in by
/// `scripts/gen-build-info.sh`, run by `make build` and `make install`; `unknown` after a plain `swift build`),
/// and where the themes are found (next to an installed binary: `<prefix>/share/podium/themes`).
enum VersionInfo {
    /// The release version (bumped by hand on a release).
    static let version = "0.9.0"

    /// The commit, e.g. `6ec6dd8a1b2c` or `6ec6dd8a1b2c-dirty`, or `unknown`.
    static var commit: String { String(cString: podium_build_commit()) }

    /// `podium 0.9.0 (commit 6ec6dd8a1b2c)` and the themes directory.
    static var text: String {
        let directories = ThemeLoader.searchDirectories(
            environment: ProcessInfo.processInfo.environment, executablePath: ThemeLoader.currentExecutablePath())
        let found = directories.first { ThemeLoader.exists($0) }
        return "podium \(version) (commit \(commit))\nthemes: \(found ?? "built-in only")"
    }
}
