import Foundation
import PodiumTestSupport
import Testing

/// `make install` into a temporary DESTDIR with the debug build (`INSTALL_BINARY`, so no release build): the
/// layout, the installed binary's `--version` (version, commit, and the themes it finds next to itself), the man
/// page and completions that actually complete.
@Suite struct InstallEndToEndTests {
    @Test func makeInstallLaysOutABinaryThatFindsItsThemes() async throws {
        let podium = CLITestWorld.podium
        try #require(FileManager.default.isExecutableFile(atPath: podium), "build podium first (make test does)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "podium-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let destdir = scratch.appendingPathComponent("stage").path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let make = try await ProcessRunner.run(
            "/usr/bin/env",
            ["make", "-s", "install", "INSTALL_BINARY=\(podium)", "DESTDIR=\(destdir)", "PREFIX=/opt/podium"],
            environment: ["PATH": path, "HOME": scratch.path])
        #expect(make.code == 0, "make install failed: \(make.stdout) \(make.stderr)")

        let root = destdir + "/opt/podium"
        let expected = [
            "bin/podium", "share/man/man1/podium.1", "share/bash-completion/completions/podium",
            "share/zsh/site-functions/_podium", "share/fish/vendor_completions.d/podium.fish",
            "share/podium/themes/default.yaml", "share/podium/themes/mono.yaml",
        ]
        for file in expected {
            #expect(FileManager.default.fileExists(atPath: "\(root)/\(file)"), "missing \(file)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: "\(root)/bin/podium"))

        // The installed binary, with no themes of the user's and far from the source tree, finds its own.
        let home = scratch.appendingPathComponent("home").path
        let version = try await ProcessRunner.run(
            "\(root)/bin/podium", ["--version"], environment: ["PATH": path, "HOME": home],
            currentDirectory: scratch)
        #expect(version.code == 0)
        let lines = version.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first?.range(of: #"^podium \d+\.\d+\.\d+ \(commit [0-9a-z.+-]+\)$"#, options: .regularExpression)
                != nil)
        #expect(lines.contains("themes: \(root)/share/podium/themes"))

        // The man page is roff with every command; bash completion completes a subcommand.
        let man = try String(contentsOfFile: "\(root)/share/man/man1/podium.1", encoding: .utf8)
        #expect(man.hasPrefix(".TH PODIUM 1"))
        for command in ["approve", "promote", "rollback", "audit"] { #expect(man.contains("podium \(command)")) }
        // bash calls a completion function with the command, the word being completed and the word before it.
        let completion = try await ProcessRunner.run(
            "/bin/bash",
            [
                "-c",
                #"source "$1"; COMP_WORDS=(podium rollb); COMP_CWORD=1; COMP_LINE="podium rollb"; COMP_POINT=12; _podium podium rollb podium; echo "${COMPREPLY[@]}""#,
                "bash", "\(root)/share/bash-completion/completions/podium",
            ], environment: ["PATH": path, "HOME": home])
        #expect(completion.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "rollback")
    }
}
