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
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "the config file is not UTF-8 text")
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
