import BoundedYAML
import Foundation

/// Finds and loads the config file: `--config`, `$PODIUM_CONFIG`, `./podium.yaml`, `$XDG_CONFIG_HOME/podium/config.yaml`.
public enum ConfigLoader {
    /// The candidate paths in lookup order, with where each came from.
    public static func candidates(
        explicit: String?, environment: [String: String], currentDirectory: String
    ) -> [(path: String, source: String)] {
        if let explicit { return [(explicit, "--config")] }
        if let env = environment["PODIUM_CONFIG"], !env.isEmpty { return [(env, "$PODIUM_CONFIG")] }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let xdg = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config"
        return [
            ("\(currentDirectory)/podium.yaml", "./podium.yaml"),
            ("\(xdg)/podium/config.yaml", "$XDG_CONFIG_HOME/podium/config.yaml"),
        ]
    }

    /// Resolves the config path, or throws a `ConfigError` saying where podium looked.
    public static func locate(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> String {
        let list = candidates(explicit: explicit, environment: environment, currentDirectory: currentDirectory)
        for candidate in list where FileManager.default.fileExists(atPath: candidate.path) {
            return candidate.path
        }
        if list.count == 1 {
            throw ConfigError(
                file: list[0].path,
                message: "config file not found (given by \(list[0].source)); check the path")
        }
        throw ConfigError(
            file: "podium",
            message: "no config file found; looked for " + list.map(\.path).joined(separator: " and ")
                + ". Pass --config PATH or set PODIUM_CONFIG (see config/podium.example.yaml)")
    }

    /// Reads and validates the config at `path`.
    public static func load(path: String) throws -> PodiumConfig {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError(file: path, message: "cannot read the config file: \(error.localizedDescription)")
        }
        return try parse(data: data, file: path)
    }

    /// Validates the bytes of a config file (`file` names it in errors): UTF-8 text, then ``ConfigParser``.
    public static func parse(data: Data, file path: String) throws -> PodiumConfig {
        guard let text = String(data: data, encoding: .utf8) else {
            let bytes = [UInt8](data)
            let (line, column) = TextPosition.lineAndColumn(
                ofOffset: TextPosition.firstInvalidUTF8Offset(in: bytes) ?? 0, in: bytes)
            throw ConfigError(
                file: path, line: line, column: column, message: "the config file is not UTF-8 text (a bad byte here)")
        }
        return try ConfigParser.parse(yaml: text, file: path)
    }

    /// Locates and loads the config in one step.
    public static func load(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> PodiumConfig {
        try load(path: locate(explicit: explicit, environment: environment, currentDirectory: currentDirectory))
    }
}
