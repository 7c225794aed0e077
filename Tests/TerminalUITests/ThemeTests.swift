import Foundation
import Testing

@testable import TerminalUI

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

    static var shippedThemeFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func everyShippedThemeLoadsAndDefinesEveryRole() throws {
        let files = Self.shippedThemeFiles
        #expect(files == ["default.yaml", "high-contrast.yaml", "light.yaml", "mono.yaml"])
        let loader = ThemeLoader(directories: [Self.themesDirectory])
        for file in files {
            let name = String(file.dropLast(5))
            let (definition, source) = try loader.loadDefinition(name)
            #expect(definition.name == name)
            #expect(source == Self.themesDirectory + "/" + file)
            let missing = ThemeRole.allCases.filter { definition.roles[$0] == nil }
            #expect(missing.isEmpty, "\(file) does not define \(missing.map(\.rawValue))")
            for depth in ColorDepth.allCases {
                let result = loader.load(name, colorDepth: depth, glyphs: .unicode)
                #expect(result.warning == nil)
                #expect(result.theme.name == name)
            }
        }
    }

    @Test func embeddedThemesMatchTheFiles() throws {
        for name in BuiltinThemes.names {
            let file = try String(contentsOfFile: Self.themesDirectory + "/\(name).yaml", encoding: .utf8)
            let embedded = try #require(BuiltinThemes.yaml(named: name))
            #expect(embedded + "\n" == file, "themes/\(name).yaml changed: run themes/embed.sh")
        }
    }

    @Test func brokenYAMLGivesFileLineAndColumn() {
        let yaml = "name: broken\nroles:\n  text: { fg: red\n  title: bold\n"
        #expect(throws: ThemeError.self) { try ThemeDefinition.parse(yaml: yaml, file: "themes/broken.yaml") }
        do {
            _ = try ThemeDefinition.parse(yaml: yaml, file: "themes/broken.yaml")
        } catch {
            #expect(error.file == "themes/broken.yaml")
            #expect(error.line >= 3)
            #expect(error.column > 0)
            #expect(error.description.hasPrefix("themes/broken.yaml:\(error.line):\(error.column): invalid YAML"))
        }
    }

    @Test func unknownRoleSuggestsTheClosestName() {
        let yaml = "name: t\nroles:\n  text: white\n  helth.ok: green\n"
        do {
            _ = try ThemeDefinition.parse(yaml: yaml, file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "t.yaml:4:3: unknown role \"helth.ok\" (did you mean \"health.ok\"?)")
        }
    }

    @Test(arguments: [
        ("name: t\nroles:\n  text: { fg: \"#12345\" }\n", "t.yaml:3:15: bad colour \"#12345\" for fg of text"),
        ("name: t\nroles:\n  text: { fg: white, bg: 300 }\n", "t.yaml:3:26: bad colour \"300\" for bg of text"),
        (
            "name: t\nroles:\n  text: { fg: white, attrs: [bold, blinking] }\n",
            "t.yaml:3:36: unknown attribute \"blinking\" in \"text\" (did you mean \"blink\"?)"
        ),
        ("name: t\nroles:\n  text: { fg: white, colour: red }\n", "t.yaml:3:22: unknown style key \"colour\""),
        ("name: t\nrole:\n  text: white\n", "t.yaml:2:1: unknown key \"role\" (did you mean \"roles\"?)"),
        ("name: t\nroles:\n  title: white\n", "t.yaml:1:1: the theme must define the `text` role"),
        ("roles:\n  text: white\n", "t.yaml:1:1: missing `name`"),
        ("", "t.yaml:1:1: the file is empty"),
        ("- a\n- b\n", "t.yaml:1:1: the top level must be a mapping"),
    ])
    func badThemesAreRejectedWithALocation(yaml: String, expectedPrefix: String) {
        do {
            _ = try ThemeDefinition.parse(yaml: yaml, file: "t.yaml")
            Issue.record("expected an error for \(yaml.debugDescription)")
        } catch {
            #expect(error.description.hasPrefix(expectedPrefix), "got: \(error.description)")
        }
    }

    @Test func loaderFallsBackToDefaultWithTheWarning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podium-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "name: bad\nroles:\n  text: { fg: purplish }\n".write(
            to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try "name: custom\nroles:\n  text: '#ff0000'\n".write(
            to: dir.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(directories: [dir.path])

        let bad = loader.load("bad", colorDepth: .truecolor, glyphs: .unicode)
        #expect(bad.theme.name == "default")
        #expect(bad.source == "<builtin:default>")
        let warning = try #require(bad.warning)
        #expect(warning.file == dir.path + "/bad.yaml")
        #expect(warning.line == 3)
        #expect(warning.message.contains("purplish"))

        let custom = loader.load("custom", colorDepth: .truecolor, glyphs: .unicode)
        #expect(custom.warning == nil)
        #expect(custom.theme.style(.text).foreground == .rgb(255, 0, 0))
        // Roles the theme leaves out fall back to `text` (or their own fallback chain).
        #expect(custom.theme.style(.healthOK).foreground == .rgb(255, 0, 0))

        let missing = loader.load("solarised", colorDepth: .c256, glyphs: .unicode)
        #expect(missing.theme.name == "default")
        #expect(missing.warning?.message.contains("no theme named \"solarised\"") == true)
        #expect(loader.load("../etc/passwd-ish", colorDepth: .c256, glyphs: .ascii).warning != nil)

        // Built-in themes are found without any directory.
        let builtin = ThemeLoader(directories: []).load("high-contrast", colorDepth: .c16, glyphs: .ascii)
        #expect(builtin.warning == nil)
        #expect(builtin.source == "<builtin:high-contrast>")
        #expect(builtin.theme.glyphs == .ascii)
        #expect(
            ThemeLoader(directories: []).load("ligth", colorDepth: .c16, glyphs: .ascii).warning?.message
                .contains("did you mean \"light\"") == true)
    }

    @Test func searchPathOrder() {
        let existing: Set<String> = ["/src/podium/Package.swift", "/src/podium/themes"]
        let dirs = ThemeLoader.searchDirectories(
            environment: ["PODIUM_THEMES_DIR": "/opt/themes", "XDG_CONFIG_HOME": "/home/a/.cfg", "HOME": "/home/a"],
            executablePath: "/src/podium/.build/x86_64-unknown-linux-gnu/debug/podium",
            fileExists: { existing.contains($0) })
        #expect(dirs == ["/opt/themes", "/src/podium/themes", "/home/a/.cfg/podium/themes"])
        let noXDG = ThemeLoader.searchDirectories(
            environment: ["HOME": "/home/a"], executablePath: "/usr/bin/podium", fileExists: { _ in false })
        #expect(noXDG == ["/home/a/.config/podium/themes"])
    }

    @Test func stylesByRoleAndByName() {
        let theme = Theme.fallback(colorDepth: .truecolor)
        #expect(theme.style("health.ok") == theme.style(.healthOK))
        #expect(theme.style(.healthOK).foreground == .rgb(0x5F, 0xD7, 0x5F))
        #expect(theme.style("no.such.role") == theme.style(.text))
        #expect(theme.accent("red").foreground == .ansi(1))
        #expect(theme.accent("#00ff00").foreground == .rgb(0, 255, 0))
        #expect(theme.accent("not-a-colour") == theme.style(.envAccent))
        #expect(theme.with(colorDepth: .c256).accent("#00ff00").foreground == .indexed(46))
    }

    @Test func monoUsesAttributesOnly() {
        for name in BuiltinThemes.names {
            let theme = ThemeLoader(directories: []).load(name, colorDepth: .mono, glyphs: .ascii).theme
            for role in ThemeRole.allCases {
                let style = theme.style(role)
                #expect(style.foreground == .default && style.background == .default, "\(name) \(role)")
            }
            #expect(theme.style(.selectionFocused).attributes.contains(.reverse), "\(name)")
            #expect(theme.style(.healthCritical).attributes.isSuperset(of: [.bold, .reverse]), "\(name)")
            #expect(theme.style(.bannerError).attributes.contains(.reverse), "\(name)")
            #expect(theme.accent("red").attributes.contains(.reverse), "\(name)")
        }
    }

    @Test func colourDepthDetection() {
        #expect(
            ColorDepth.detect(environment: ["COLORTERM": "truecolor", "TERM": "xterm-256color"], terminfoColors: 256)
                == .truecolor)
        #expect(
            ColorDepth.detect(environment: ["COLORTERM": "24bit", "TERM": "tmux-256color"], terminfoColors: 256)
                == .truecolor)
        #expect(ColorDepth.detect(environment: ["TERM": "xterm-256color"], terminfoColors: 256) == .c256)
        #expect(ColorDepth.detect(environment: ["TERM": "xterm-16color"], terminfoColors: 16) == .c16)
        #expect(ColorDepth.detect(environment: ["TERM": "xterm"], terminfoColors: 8) == .c8)
        #expect(ColorDepth.detect(environment: ["TERM": "vt100"], terminfoColors: -1) == .mono)
        #expect(ColorDepth.detect(environment: ["TERM": "xterm-mono"], terminfoColors: -1) == .mono)
        #expect(
            ColorDepth.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"], terminfoColors: 256) == .mono)
        #expect(
            ColorDepth.detect(
                environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], terminfoColors: 256)
                == .mono)
        // NO_COLOR set but empty does not count (no-color.org).
        #expect(
            ColorDepth.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": ""], terminfoColors: 256) == .c256)
        #expect(ColorDepth.detect(environment: ["TERM": "dumb"], terminfoColors: 8) == .mono)
    }

    @Test func colourDegradation() {
        #expect(TerminalColor.rgb(255, 0, 0).degraded(to: .c256) == .indexed(196))
        #expect(TerminalColor.rgb(0, 0, 0).degraded(to: .c256) == .indexed(16))
        #expect(TerminalColor.rgb(255, 255, 255).degraded(to: .c256) == .indexed(231))
        #expect(TerminalColor.rgb(128, 128, 128).degraded(to: .c256) == .indexed(244))
        #expect(TerminalColor.rgb(0x5F, 0xAF, 0xFF).degraded(to: .c256) == .indexed(75))
        #expect(TerminalColor.rgb(0x30, 0x30, 0x30).degraded(to: .c256) == .indexed(236))
        #expect(TerminalColor.rgb(255, 0, 0).degraded(to: .c16) == .ansi(9))
        #expect(TerminalColor.rgb(200, 0, 0).degraded(to: .c16) == .ansi(1))
        #expect(TerminalColor.indexed(196).degraded(to: .c16) == .ansi(9))
        #expect(TerminalColor.indexed(4).degraded(to: .c16) == .ansi(4))
        #expect(TerminalColor.ansi(9).degraded(to: .c8) == .ansi(1))
        #expect(TerminalColor.rgb(255, 0, 0).degraded(to: .c8) == .ansi(1))
        #expect(TerminalColor.rgb(220, 220, 220).degraded(to: .c8) == .ansi(7))
        #expect(TerminalColor.rgb(1, 2, 3).degraded(to: .truecolor) == .rgb(1, 2, 3))
        #expect(TerminalColor.rgb(1, 2, 3).degraded(to: .mono) == .default)
        #expect(TerminalColor.default.degraded(to: .c8) == .default)
        // Styles: a coloured background in mono becomes reverse; collapsed colours keep text readable.
        let selected = CellStyle(foreground: .black, background: .rgb(0x5F, 0xAF, 0xFF), attributes: .bold)
        #expect(selected.degraded(to: .mono) == CellStyle(attributes: [.bold, .reverse]))
        let lowContrast = CellStyle(foreground: .rgb(250, 0, 0), background: .rgb(200, 0, 0))
        #expect(lowContrast.degraded(to: .c8).foreground == .default)
    }

    @Test func colourNames() {
        #expect(TerminalColor(name: "red") == .ansi(1))
        #expect(TerminalColor(name: "Bright_Blue") == .ansi(12))
        #expect(TerminalColor(name: "grey") == .ansi(8))
        #expect(TerminalColor(name: "#FF8800") == .rgb(255, 136, 0))
        #expect(TerminalColor(name: "208") == .indexed(208))
        #expect(TerminalColor(name: "default") == .default)
        #expect(TerminalColor(name: "256") == nil)
        #expect(TerminalColor(name: "#ggg000") == nil)
        #expect(TerminalColor(name: "reddish") == nil)
    }
}
