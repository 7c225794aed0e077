import Foundation

@testable import AWSCore

/// A temporary directory for config files, removed by `remove()`.
struct ConfigTempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// Writes a file (creating folders) and returns its path.
    @discardableResult
    func write(_ relativePath: String, _ text: String, executable: Bool = false) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// An environment whose home is this directory (so `~/.aws/config` is `<dir>/.aws/config`).
    func environment(_ variables: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(variables: variables, homeDirectory: path)
    }
}

/// An environment backed by an in-memory file table (for hermetic tests without any disk access).
func inMemoryEnvironment(
    _ variables: [String: String] = [:], home: String? = "/home/tester", files: [String: String] = [:]
) -> AWSEnvironment {
    AWSEnvironment(variables: variables, homeDirectory: home) { path in
        files[path].map { Data($0.utf8) }
    }
}
