import Foundation

/// The process environment and file system as the credential and config code sees them.
///
/// Everything that reads `AWS_*` variables or `~/.aws/*` files takes one of these, so tests pass a dictionary
/// and a temporary directory instead of touching the real environment.
public struct AWSEnvironment: Sendable {
    /// The environment variables.
    public var variables: [String: String]
    /// The home directory used for `~/.aws/…` and `~` expansion; `nil` means no home (no default files).
    public var homeDirectory: String?
    /// Reads a whole file; returns `nil` when the file does not exist and throws when it cannot be read.
    public var readFile: @Sendable (String) throws -> Data?

    /// Creates an environment from its parts.
    public init(
        variables: [String: String], homeDirectory: String?,
        readFile: @escaping @Sendable (String) throws -> Data? = AWSEnvironment.readFileFromDisk
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.readFile = readFile
    }

    /// The real process environment, home directory and file system.
    public static var process: AWSEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return AWSEnvironment(variables: variables, homeDirectory: home)
    }

    /// Reads a file from disk: `nil` if it does not exist.
    public static let readFileFromDisk: @Sendable (String) throws -> Data? = { path in
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A variable's value, or `nil` when it is unset or empty (the SDKs treat both alike).
    public subscript(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// Whether a variable is set to `true` (case-insensitive), as botocore's `ensure_boolean`.
    public func flag(_ name: String) -> Bool {
        self[name]?.lowercased() == "true"
    }

    /// Expands a leading `~` or `~/` with the home directory.
    public func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let homeDirectory else { return path }
        return homeDirectory + path.dropFirst()
    }

    /// The shared config file: `AWS_CONFIG_FILE` or `~/.aws/config`.
    public var configFilePath: String? {
        if let path = self["AWS_CONFIG_FILE"] { return expandingTilde(path) }
        return homeDirectory.map { "\($0)/.aws/config" }
    }

    /// The shared credentials file: `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    public var credentialsFilePath: String? {
        if let path = self["AWS_SHARED_CREDENTIALS_FILE"] { return expandingTilde(path) }
        return homeDirectory.map { "\($0)/.aws/credentials" }
    }

    /// The profile selected by the environment: `AWS_PROFILE`, then the legacy `AWS_DEFAULT_PROFILE`, else `default`.
    public var selectedProfileName: String {
        self["AWS_PROFILE"] ?? self["AWS_DEFAULT_PROFILE"] ?? "default"
    }
}
