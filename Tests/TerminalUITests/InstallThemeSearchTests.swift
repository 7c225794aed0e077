import Testing

@testable import TerminalUI

/// Themes next to an installed binary (`make install`): `<prefix>/bin/podium` finds `<prefix>/share/podium/themes`.
@Suite struct InstallThemeSearchTests {
    @Test func anInstalledBinaryFindsTheSharedThemesAfterTheUsersOwn() {
        let existing: Set<String> = ["/usr/local/share/podium/themes"]
        let dirs = ThemeLoader.searchDirectories(
            environment: ["HOME": "/home/a"], executablePath: "/usr/local/bin/podium",
            fileExists: { existing.contains($0) })
        #expect(dirs == ["/home/a/.config/podium/themes", "/usr/local/share/podium/themes"])
        #expect(ThemeLoader.installedThemes(from: "/opt/podium/bin/podium") == "/opt/podium/share/podium/themes")
        #expect(ThemeLoader.installedThemes(from: "/src/.build/debug/podium") == nil)
        // Not installed there: nothing added.
        let none = ThemeLoader.searchDirectories(
            environment: ["HOME": "/home/a"], executablePath: "/usr/local/bin/podium", fileExists: { _ in false })
        #expect(none == ["/home/a/.config/podium/themes"])
    }
}
