import Foundation
import PodiumCore
import TerminalUI

/// `:reload`: the config file and the theme read again. What the console itself uses (refresh intervals, key
/// overrides, the theme, environments' accents) applies at once; what the running session's AWS clients were
/// built from (environments, regions, credentials, endpoints, gates, the registry, the audit sink) is named as
/// needing a restart rather than half-applied. A file that does not load changes nothing: the last good config
/// and theme stay, and the errors are shown with their `file:line:col`.
public struct ConsoleReload: Sendable {
    /// The config to use from now on (nil: the current one stays).
    public var config: PodiumConfig?
    /// The key map that goes with `config`.
    public var keyMap: KeyMap<ConsoleCommand>?
    /// The theme to use from now on (nil: the current one stays).
    public var theme: Theme?
    /// The themes environments name (with `config`).
    public var environmentThemes: [String: Theme]?
    /// Why a file was not used: `file:line:col: message` per problem.
    public var errors: [String] = []
    /// Settings that changed in the file but apply only when podium restarts.
    public var needsRestart = false

    /// Reads `current.sourcePath` and the theme `themeName`, applying nothing.
    public static func read(
        current: PodiumConfig, mode: ConsoleOptions.Mode, themeName: String, loader: ThemeLoader,
        colorDepth: ColorDepth, glyphs: GlyphSet
    ) -> ConsoleReload {
        var reload = ConsoleReload()
        var fresh: PodiumConfig?
        do {
            fresh = try ConfigLoader.load(path: current.sourcePath)
        } catch let error as ConfigError {
            reload.errors += error.issues.map(\.description)
        } catch {
            reload.errors.append("\(current.sourcePath): \(PodiumError.describe(error))")
        }
        if let fresh {
            do {
                reload.keyMap = try ConsoleLauncher.keyMap(config: fresh, mode: mode)
                let live = Self.live(current: current, fresh: fresh)
                reload.config = live
                let themes = EnvironmentThemes.load(live, loader: loader, colorDepth: colorDepth, glyphs: glyphs)
                reload.environmentThemes = themes.themes
                reload.errors += themes.errors
                reload.needsRestart = Self.restartKeys(fresh) != Self.restartKeys(current)
            } catch {
                reload.errors.append(error.description)
            }
        }
        // The theme the (new) config names, else the one in use; a broken theme file keeps the theme in use.
        let name = reload.config?.theme ?? themeName
        let loaded = loader.load(name, colorDepth: colorDepth, glyphs: glyphs)
        if let warning = loaded.warning {
            reload.errors.append(warning.description)
        } else {
            reload.theme = loaded.theme
        }
        return reload
    }

    /// `current` with the settings the console applies live taken from `fresh`.
    static func live(current: PodiumConfig, fresh: PodiumConfig) -> PodiumConfig {
        var config = current
        config.refresh = fresh.refresh
        config.keys = fresh.keys
        config.theme = fresh.theme
        // The runtime switches the terminal's reporting to match (`ConsoleApp.applyReload`).
        config.mouse = fresh.mouse
        for index in config.environments.indices {
            guard let match = fresh.environment(named: config.environments[index].name) else { continue }
            config.environments[index].accent = match.accent
            config.environments[index].theme = match.theme
        }
        return config
    }

    /// The config without its live settings: what differs here needs a restart.
    static func restartKeys(_ config: PodiumConfig) -> PodiumConfig {
        var config = config
        config.refresh = RefreshIntervals()
        config.keys = [:]
        config.theme = nil
        config.mouse = false
        for index in config.environments.indices {
            config.environments[index].accent = nil
            config.environments[index].theme = nil
        }
        return config
    }

    /// The one-line summary the toast shows.
    public var summary: String {
        if let first = errors.first {
            let more = errors.count > 1 ? " (+\(errors.count - 1) more)" : ""
            return "reload: kept the last good \(config == nil ? "config" : "theme"): \(first)\(more)"
        }
        return "reloaded config and theme" + (needsRestart ? "; environment/registry changes apply on restart" : "")
    }
}
