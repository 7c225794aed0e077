import Foundation
import PodiumTestSupport
import Testing

/// The console's sign-in pane end to end: the real `podium` in tmux, an SSO profile with no cached token, the
/// emulator's IAM Identity Center. The pane shows the URL and code, the test approves the code as the user would
/// in a browser, and the console carries on with the SSO credentials without restarting.
@Suite("Console sign-in pane end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct SignInConsoleEndToEndTests {
    @Test("no SSO token: the pane shows URL, code and countdown; approving it lets the refreshes succeed")
    func signInFromTheConsole() async throws {
        let emulator = try await EmulatorProcess.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "podium-signin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let home = directory.appendingPathComponent("home")
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
            try LoginEndToEndTests.awsConfig.write(
                to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
            let configPath = directory.appendingPathComponent("podium.yaml").path
            try LoginEndToEndTests.podiumConfig.write(toFile: configPath, atomically: true, encoding: .utf8)
            let environment = [
                "HOME": home.path,
                "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
                "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg").path,
                "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString,
            ]
            let tmux = try TmuxSession.start(
                command: [CLITestWorld.podium, "--config", configPath], width: 110, height: 30,
                environment: environment)
            defer { tmux.kill() }

            // The first refresh finds no token: the pane opens with the emulator's pending code.
            try await tmux.waitFor(text: "SSO sign-in · dev", timeout: .seconds(30))
            let userCode = try #require(try await LoginEndToEndTests.pendingUserCode(emulator))
            let pane = try await tmux.waitFor(text: "Code: \(userCode)")
            #expect(pane.contains("/_podium/sso/device?user_code=\(userCode)"))
            #expect(pane.contains("Expires in "))
            // Why, and only the keys the waiting pane takes (no "sign in again" while it waits).
            #expect(pane.contains("No SSO token is cached"))
            #expect(pane.contains("Esc abandon the sign-in") && !pane.contains("sign in again"))
            if let saveTo = ProcessInfo.processInfo.environment["PODIUM_SIGNIN_CAPTURE"] {
                try pane.write(toFile: saveTo, atomically: true, encoding: .utf8)
            }

            // Approved in the "browser": the pane closes, the session's credentials work, the dashboard fills.
            _ = try await LoginEndToEndTests.control(
                emulator, "POST", "_podium/sso/approve", #"{"user_code": "\#(userCode)"}"#)
            let after = try await tmux.waitUntil("the pane closes and the identity shows", timeout: .seconds(30)) {
                !$0.contains("SSO sign-in · dev") && $0.contains("111111111111")
            }
            #expect(!after.contains("sign-in needed"))
            // The environment's health refresh runs again on the new credentials (polled: it may still be in flight).
            let deadline = ContinuousClock.now + .seconds(20)
            var requests = try await emulator.requests()
            while !requests.contains(where: { $0.operation == "ListEndpoints" && $0.status == 200 }),
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(50))
                requests = try await emulator.requests()
            }
            #expect(requests.contains { $0.operation == "GetRoleCredentials" && $0.status == 200 })
            #expect(requests.contains { $0.operation == "ListEndpoints" && $0.status == 200 })
            try tmux.sendKeys("C-c")
            try await waitForPaneDeath(tmux)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }
}
