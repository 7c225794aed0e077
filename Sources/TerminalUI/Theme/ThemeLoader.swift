import Foundation
import TextSupport

/// Finds and loads themes by name, falling back to the built-in default with a warning.
///
/// Search order for `<name>.yaml` (first hit wins), from `searchDirectories(environment:executablePath:)`:
/// 1. `$PODIUM_THEMES_DIR`;
/// 2. `<package root>/themes`, found by walking up from the executable (`…/.build/<cfg>/podium`) to the
///    first directory holding both `Package.swift` and `themes/`;
/// 3. `$XDG_CONFIG_HOME/podium/themes` (or `~/.config/podium/themes`);
/// 4. `<prefix>/share/podium/themes` next to an installed binary (`<prefix>/bin/podium`, as `make install` lays
///    it out; the executable path is the resolved one, so a symlink to the binary still finds them);
/// 5. the embedded copies of the built-in themes (`BuiltinThemes`).
/// A name with a `/` or ending in `.yaml` is read as a path.
public struct ThemeLoader: Sendable {
    /// The result of a load: the theme to use and, when it is not the one asked for, why.
    public struct Result: Sendable {
        /// The theme to draw with (the requested one, or `default` on error).
        public let theme: Theme
        /// Where the theme came from (a path or `<builtin:name>`).
        public let source: String
        /// The problem that caused the fallback, if any (show it in the status bar, log it).
        public let warning: ThemeError?
    }

    /// Directories searched, in order.
    public let directories: [String]
    /// Reads a file's text, or nil when it does not exist (injected for tests).
    public let readFile: @Sendable (String) -> String?

    /// Creates a loader over explicit directories.
    public init(directories: [String], readFile: @escaping @Sendable (String) -> String? = ThemeLoader.readTextFile) {
        self.directories = directories
        self.readFile = readFile
    }

    /// Creates a loader with the standard search path for this process.
    public init(environment: [String: String], executablePath: String?) {
        self.init(directories: ThemeLoader.searchDirectories(environment: environment, executablePath: executablePath))
    }

    /// The standard search directories (pure, given the environment and the executable path).
    public static func searchDirectories(
        environment: [String: String], executablePath: String?, fileExists: (String) -> Bool = ThemeLoader.exists
    ) -> [String] {
        var result: [String] = []
        if let dir = environment["PODIUM_THEMES_DIR"], !dir.isEmpty { result.append(dir) }
        if let exe = executablePath, let root = packageRoot(from: exe, fileExists: fileExists) {
            result.append(root + "/themes")
        }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            result.append(xdg + "/podium/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            result.append(home + "/.config/podium/themes")
        }
        if let exe = executablePath, let shared = installedThemes(from: exe), fileExists(shared) {
            result.append(shared)
        }
        return result
    }

    /// `<prefix>/share/podium/themes` for an executable at `<prefix>/bin/<name>`, else `nil`.
    public static func installedThemes(from executablePath: String) -> String? {
        let bin = (executablePath as NSString).deletingLastPathComponent
        guard (bin as NSString).lastPathComponent == "bin" else { return nil }
        let prefix = (bin as NSString).deletingLastPathComponent
        return (prefix.isEmpty ? "" : prefix) + "/share/podium/themes"
    }

    /// Walks up from an executable path to the directory that holds `Package.swift` and `themes/`.
    public static func packageRoot(from executablePath: String, fileExists: (String) -> Bool = ThemeLoader.exists)
        -> String?
    {
        var parts = executablePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.count > 1 {
            parts.removeLast()
            let dir = parts.joined(separator: "/")
            if fileExists(dir + "/Package.swift") && fileExists(dir + "/themes") { return dir.isEmpty ? "/" : dir }
        }
        return nil
    }

    /// Loads a theme by name (or path); on any problem returns the built-in default and the error.
    public func load(_ name: String, colorDepth: ColorDepth, glyphs: GlyphSet) -> Result {
        do {
            let (definition, source) = try loadDefinition(name)
            return Result(
                theme: Theme(definition: definition, colorDepth: colorDepth, glyphs: glyphs), source: source,
                warning: nil)
        } catch {
            return Result(
                theme: Theme.fallback(colorDepth: colorDepth, glyphs: glyphs), source: "<builtin:default>",
                warning: error)
        }
    }

    /// Loads and validates a theme definition, throwing a located error.
    public func loadDefinition(_ name: String) throws(ThemeError) -> (ThemeDefinition, source: String) {
        if name.contains("/") || name.hasSuffix(".yaml") {
            guard let text = readFile(name) else {
                throw ThemeError(file: name, line: 0, column: 0, message: "theme file not found")
            }
            return (try ThemeDefinition.parse(yaml: text, file: name), name)
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ThemeError(file: name, line: 0, column: 0, message: "invalid theme name \"\(name)\"")
        }
        for dir in directories {
            let path = dir + "/" + name + ".yaml"
            if let text = readFile(path) {
                return (try ThemeDefinition.parse(yaml: text, file: path), path)
            }
        }
        if let yaml = BuiltinThemes.yaml(named: name) {
            let source = "<builtin:\(name)>"
            return (try ThemeDefinition.parse(yaml: yaml, file: source), source)
        }
        let known = availableNames()
        let hint = EditDistance.closest(to: name, in: known).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw ThemeError(
            file: name, line: 0, column: 0,
            message: "no theme named \"\(name)\"\(hint); available: \(known.joined(separator: ", "))")
    }

    /// Theme names found in the search directories plus the built-in ones, sorted, without duplicates.
    public func availableNames() -> [String] {
        var names = Set(BuiltinThemes.names)
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for file in files where file.hasSuffix(".yaml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// This process's executable path (`/proc/self/exe` on Linux, else `argv[0]` made absolute).
    public static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.hasPrefix("/") { return first }
        return FileManager.default.currentDirectoryPath + "/" + first
    }

    /// Reads a UTF-8 file, nil if missing or unreadable.
    public static let readTextFile: @Sendable (String) -> String? = { path in
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether a file or directory exists.
    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
