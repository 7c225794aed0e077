import Foundation

/// The profiles of the shared config and credentials files, parsed and merged as botocore does.
///
/// The config file names profiles `[default]` or `[profile name]` (`[profile default]` wins over `[default]`);
/// the credentials file names them `[name]`. A profile found in both gets the credentials file's value for
/// each key present there. `[services name]` sections hold per-service settings (`sagemaker =` + indented
/// `endpoint_url = …`).
public struct AWSProfileStore: Sendable, Equatable {
    /// The config file's path (read or not).
    public var configFilePath: String?
    /// The credentials file's path (read or not).
    public var credentialsFilePath: String?
    /// The merged profiles by name.
    public var profiles: [String: AWSProfile]
    /// The `[services name]` sections: section name → service key → settings.
    public var servicesSections: [String: [String: [String: String]]]
    /// The profile the environment selects (`AWS_PROFILE`, else `default`).
    public var selectedProfileName: String
    /// The `[sso-session name]` sections of the config file, by name (keys and origins as for a profile).
    public var ssoSessions: [String: AWSProfile] = [:]

    /// Creates a store from parsed parts.
    public init(
        configFilePath: String?, credentialsFilePath: String?, profiles: [String: AWSProfile],
        servicesSections: [String: [String: [String: String]]] = [:], selectedProfileName: String = "default"
    ) {
        self.configFilePath = configFilePath
        self.credentialsFilePath = credentialsFilePath
        self.profiles = profiles
        self.servicesSections = servicesSections
        self.selectedProfileName = selectedProfileName
    }

    /// An empty store (no files).
    public static let empty = AWSProfileStore(configFilePath: nil, credentialsFilePath: nil, profiles: [:])

    /// Reads both files named by the environment. A missing file counts as empty; an unreadable or malformed
    /// one throws `AWSConfigError` naming the file (and line).
    public static func load(from environment: AWSEnvironment) throws -> AWSProfileStore {
        let configPath = environment.configFilePath
        let credentialsPath = environment.credentialsFilePath
        let config = try configPath.flatMap { try readFile($0, environment: environment) }
        let credentials = try credentialsPath.flatMap { try readFile($0, environment: environment) }
        return merge(
            config: config, credentials: credentials, configFilePath: configPath,
            credentialsFilePath: credentialsPath, selectedProfileName: environment.selectedProfileName)
    }

    /// Merges parsed files into profiles.
    public static func merge(
        config: AWSConfigFile?, credentials: AWSConfigFile?, configFilePath: String?, credentialsFilePath: String?,
        selectedProfileName: String = "default"
    ) -> AWSProfileStore {
        var profiles: [String: AWSProfile] = [:]
        var services: [String: [String: [String: String]]] = [:]
        var ssoSessions: [String: AWSProfile] = [:]
        if let config {
            // `[default]` first, so that `[profile default]` overrides it.
            let ordered =
                config.sections.filter { $0.name == "default" } + config.sections.filter { $0.name != "default" }
            for section in ordered {
                if section.name == "default" {
                    profiles["default", default: AWSProfile(name: "default")]
                        .merge(section.properties, from: config.path)
                } else if let name = prefixedName(section.name, prefix: "profile") {
                    profiles[name, default: AWSProfile(name: name)].merge(section.properties, from: config.path)
                } else if let name = prefixedName(section.name, prefix: "services") {
                    var entries = services[name] ?? [:]
                    for (key, value) in section.properties {
                        if let nested = value.subsection { entries[key, default: [:]].merge(nested) { $1 } }
                    }
                    services[name] = entries
                } else if let name = prefixedName(section.name, prefix: "sso-session") {
                    ssoSessions[name, default: AWSProfile(name: name)].merge(section.properties, from: config.path)
                }
            }
        }
        if let credentials {
            for section in credentials.sections {
                profiles[section.name, default: AWSProfile(name: section.name)]
                    .merge(section.properties, from: credentials.path)
            }
        }
        var store = AWSProfileStore(
            configFilePath: configFilePath, credentialsFilePath: credentialsFilePath, profiles: profiles,
            servicesSections: services, selectedProfileName: selectedProfileName)
        store.ssoSessions = ssoSessions
        return store
    }

    /// The profile with this name, if either file defines it.
    public func profile(_ name: String) -> AWSProfile? {
        profiles[name]
    }

    /// The profile with this name, or `AWSConfigError.profileNotFound` listing the files searched.
    public func requireProfile(_ name: String) throws -> AWSProfile {
        if let profile = profiles[name] { return profile }
        throw AWSConfigError.profileNotFound(profile: name, searched: searchedFiles)
    }

    /// The `[services x]` section a profile points to with `services = x`; `nil` when it has none.
    public func servicesSection(for profile: AWSProfile) throws -> [String: [String: String]]? {
        guard let name = profile["services"] else { return nil }
        guard let section = servicesSections[name] else {
            throw AWSConfigError.servicesSectionNotFound(profile: profile.name, section: name, path: configFilePath)
        }
        return section
    }

    /// The two file paths, for messages.
    public var searchedFiles: [String] {
        [configFilePath, credentialsFilePath].compactMap { $0 }
    }

    // MARK: - Helpers

    private static func readFile(_ path: String, environment: AWSEnvironment) throws -> AWSConfigFile? {
        let data: Data?
        do {
            data = try environment.readFile(path)
        } catch {
            throw AWSConfigError.unreadableFile(path: path, reason: Self.reason(error))
        }
        guard let data else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSConfigError.unreadableFile(path: path, reason: "not UTF-8 text")
        }
        return try AWSConfigFile.parse(text, path: path)
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError {
            return "permission denied"
        }
        return nsError.localizedDescription
    }

    /// `profile dev` → `dev`; `profile "my dev"` → `my dev`; anything else → nil.
    static func prefixedName(_ sectionName: String, prefix: String) -> String? {
        guard sectionName.hasPrefix(prefix) else { return nil }
        let rest = sectionName.dropFirst(prefix.count)
        guard let first = rest.first, first == " " || first == "\t" else { return nil }
        var name = rest.trimmingCharacters(in: .whitespaces)
        if name.count >= 2, let quote = name.first, quote == "\"" || quote == "'", name.last == quote {
            name = String(name.dropFirst().dropLast())
        }
        guard !name.isEmpty,
            !name.contains(where: { $0 == " " || $0 == "\t" }) || rest.contains("\"")
                || rest.contains("'")
        else { return nil }
        return name
    }
}
