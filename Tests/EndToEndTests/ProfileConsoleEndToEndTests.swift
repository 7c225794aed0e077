import Foundation
import PodiumTestSupport
import Testing

/// `:profile` in the real console against the emulator: prod starts on a read-only profile, switches to a promoter
/// profile of the same account (the header marks it, STS names the new caller), and a profile that lands in dev's
/// account is refused, leaving the switch in place.
@Suite("Console :profile end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct ProfileConsoleEndToEndTests {
    /// dev (role in 111111111111) → prod (`profile: prod-ro`; its account, 333333333333, named by the execution role).
    static let config = """
        refresh: { registry: 30s, health: 15s }
        registry: { region: us-east-1 }
        environments:
          - name: dev
            region: us-east-1
            credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
          - name: prod
            region: eu-west-1
            credentials: { profile: prod-ro }
            execution_role_arn: arn:aws:iam::333333333333:role/sagemaker-exec
            endpoints:
              - { name: churn-prod, model_package_group: churn, instance_type: ml.m5.xlarge, instance_count: 2 }
        """

    /// Static keys (moto's default account) as the source of three roles: the emulator acts in a role's account
    /// with its assumed-role credentials, as AWS does.
    static let awsConfig = """
        [profile base]
        aws_access_key_id = testing
        aws_secret_access_key = testing

        [profile prod-ro]
        role_arn = arn:aws:iam::333333333333:role/podium-readonly
        source_profile = base
        role_session_name = alice

        [profile prod-promoter]
        role_arn = arn:aws:iam::333333333333:role/podium-promoter
        source_profile = base
        role_session_name = alice

        [profile dev-admin]
        role_arn = arn:aws:iam::111111111111:role/podium-promoter
        source_profile = base
        role_session_name = alice
        """

    /// Runs `step` (which may press keys) and then checks a capture, until the check passes or `timeout` passes.
    static func poll(_ tmux: TmuxSession, timeout: Duration, _ step: (String) throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try step(try tmux.capture()) { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    static func command(_ tmux: TmuxSession, _ line: String) throws {
        try tmux.sendKeys(":")
        try tmux.sendText(line)
        try tmux.sendKeys("Enter")
    }

    @Test("switch prod to another profile of its account; a profile of another account is refused")
    func switchAndRefuse() async throws {
        try await withWorld(config: Self.config) { world in
            let home = world.directory.appendingPathComponent("home")
            let configFile = home.appendingPathComponent("aws-config").path
            try Self.awsConfig.write(toFile: configFile, atomically: true, encoding: .utf8)
            var environment = world.environment
            environment["AWS_CONFIG_FILE"] = configFile
            environment["AWS_SHARED_CREDENTIALS_FILE"] = home.appendingPathComponent("no-credentials").path
            let tmux = try TmuxSession.start(
                command: [CLITestWorld.podium, "--config", world.configPath], width: 160, height: 30,
                environment: environment)
            defer { tmux.kill() }
            try await tmux.waitFor(text: "profile prod-ro ✓", timeout: .seconds(30))

            try Self.command(tmux, "env prod")
            // Tab completes the profile names read from AWS_CONFIG_FILE.
            try tmux.sendKeys(":")
            try tmux.sendText("profile prod-pro")
            // The names are read once the start-up identity lands: Tab until they are there (a Tab with no match does
            // nothing), polling with a deadline.
            let completed = try await Self.poll(tmux, timeout: .seconds(30)) { screen in
                if screen.contains(":profile prod-promoter") { return true }
                try tmux.sendKeys("Tab")
                return false
            }
            #expect(completed, "Tab did not complete the profile name")
            try tmux.sendKeys("Enter")
            let switched = try await tmux.waitFor(
                text: "now uses profile prod-promoter as assumed-role/podium-promoter/alice",
                timeout: .seconds(30))
            #expect(switched.contains("prod [profile prod-promoter] 333333333333 eu-west-1"), "\(switched)")
            // The panel is read again with the new credentials.
            let reloaded = try await tmux.waitFor(text: "switched from profile prod-ro ✓", timeout: .seconds(30))
            #expect(reloaded.contains("churn-prod"), "\(reloaded)")
            let requests = try await world.emulator.requests()
            #expect(requests.contains { $0.operation == "ListEndpoints" && $0.account == "333333333333" })

            try Self.command(tmux, "profile dev-admin")
            let refused = try await tmux.waitFor(
                text: "prod keeps its credentials: profile dev-admin signs in to account 111111111111",
                timeout: .seconds(30))
            #expect(refused.contains("prod [profile prod-promoter]"), "\(refused)")
            print("--- after :profile prod-promoter, then :profile dev-admin (refused):\n\(refused)")

            try Self.command(tmux, "profile")
            try await tmux.waitFor(
                text: "prod → profile prod-promoter as podium-promoter/alice · config: profile prod-ro")
            try tmux.sendKeys("C-c")
            try await waitForPaneDeath(tmux)
        }
    }
}
