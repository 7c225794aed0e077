import Foundation
import PodiumCore
import TerminalUI

/// The themes environments name (`environments[].theme`), loaded like the console's own: at start and on
/// `:reload`. A theme that does not load is left out (that environment keeps the console's theme) and its error,
/// with `file:line:col`, is reported.
public enum EnvironmentThemes {
    /// The loaded themes by environment name, and the errors of those that did not load.
    public static func load(
        _ config: PodiumConfig, loader: ThemeLoader, colorDepth: ColorDepth, glyphs: GlyphSet
    ) -> (themes: [String: Theme], errors: [String]) {
        var themes: [String: Theme] = [:]
        var errors: [String] = []
        for env in config.environments {
            guard let name = env.theme else { continue }
            let loaded = loader.load(name, colorDepth: colorDepth, glyphs: glyphs)
            if let warning = loaded.warning {
                errors.append("environment \(env.name): \(warning.description)")
            } else {
                themes[env.name] = loaded.theme
            }
        }
        return (themes, errors)
    }
}
