import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// A per-environment look: `theme:` on an environment draws its dashboard panel with that theme's roles, so
/// production looks different from dev on the same screen.
@Suite("Environment themes")
struct EnvThemeTests {
    static let yaml = """
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
          - name: prod
            region: eu-west-1
            accent: red
            theme: high-contrast
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """

    @Test("the config names a theme per environment; a theme that does not exist is an error, not a crash")
    func parseAndLoad() throws {
        let config = try ConfigParser.parse(yaml: Self.yaml, file: "podium.yaml")
        #expect(config.environment(named: "prod")?.theme == "high-contrast")
        #expect(config.environment(named: "dev")?.theme == nil)
        let loader = ThemeLoader(directories: [])
        let loaded = EnvironmentThemes.load(config, loader: loader, colorDepth: .c256, glyphs: .unicode)
        #expect(Array(loaded.themes.keys) == ["prod"])
        #expect(loaded.errors.isEmpty)

        var missing = config
        missing.environments[1].theme = "no-such-theme"
        let failed = EnvironmentThemes.load(missing, loader: loader, colorDepth: .c256, glyphs: .unicode)
        #expect(failed.themes.isEmpty)
        #expect(failed.errors.first?.hasPrefix("environment prod: ") == true)
    }

    @Test("prod's panel is drawn with its theme's border, dev's with the console's")
    func drawnWithTheEnvironmentsTheme() throws {
        var state = Fixtures.loadedState(width: 120, height: 30)
        let loader = ThemeLoader(directories: [])
        let prodTheme = loader.load("high-contrast", colorDepth: .c256, glyphs: .unicode).theme
        #expect(prodTheme.style(.border) != state.theme.style(.border))
        let plain = Fixtures.render(state)
        state.environmentThemes = ["prod": prodTheme]
        let themed = Fixtures.render(state)
        // Same text either way (the look changes, not the content).
        #expect(ConsoleSnapshot.text(plain) == ConsoleSnapshot.text(themed))
        // Find each panel's top-left corner by its title.
        func corner(_ frame: FrameBuffer, _ title: String) throws -> (x: Int, y: Int) {
            let lines = frame.textLines()
            let y = try #require(lines.firstIndex { $0.contains(title) })
            let column = try #require(lines[y].range(of: title)).lowerBound
            let x = lines[y].distance(from: lines[y].startIndex, to: column)
            return (x - 3, y)  // "┏━ " precedes the title
        }
        let prod = try corner(themed, "prod 333333333333")
        let dev = try corner(themed, "dev 111111111111")
        #expect(themed[prod.x, prod.y].style != plain[prod.x, prod.y].style)
        #expect(themed[dev.x, dev.y].style == plain[dev.x, dev.y].style)
        assertConsoleSnapshot(themed, named: "env-theme-prod-high-contrast")
    }
}
