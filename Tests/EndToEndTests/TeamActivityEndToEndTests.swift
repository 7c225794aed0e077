import Foundation
import PodiumTestSupport
import Testing

/// The console's activity screen on the team's audit log: two operators (their own registry roles and local
/// logs) approve and reject through the CLI, sending to one CloudWatch Logs group of the emulator; Bob's console
/// shows Alice's record beside his own, read back with FilterLogEvents.
@Suite("Team activity end to end", .serialized, .enabled(if: TmuxSession.shouldRun))
struct TeamActivityEndToEndTests {
    static let group = "/podium/team-activity"

    /// The world's config with this operator's registry role and the team's log group.
    static func config(operatorName: String) -> String {
        CLITestWorld.config().replacingOccurrences(
            of: "registry: { region: us-east-1 }",
            with:
                "registry: { region: us-east-1, credentials: { role_arn: arn:aws:iam::123456789012:role/\(operatorName) } }"
        ) + "\naudit:\n  cloudwatch_logs: { group: \(group), region: us-east-1, credentials: ~ }\n"
    }

    @Test("Bob's console lists Alice's approval and his own rejection, each with its operator")
    func twoOperatorsInTheConsole() async throws {
        let world = try await CLITestWorld()
        do {
            try await run(world)
        } catch {
            await world.stop()
            throw error
        }
        await world.stop()
    }

    private func run(_ world: CLITestWorld) async throws {
        // The group exists (podium creates only its own stream), made by boto3 as an administrator would.
        let created = try await ProcessRunner.run(
            pythonPath.path,
            [
                "-c",
                "import boto3, sys; boto3.client('logs', endpoint_url=sys.argv[1], region_name='us-east-1', "
                    + "aws_access_key_id='testing', aws_secret_access_key='testing')"
                    + ".create_log_group(logGroupName='\(Self.group)')",
                world.emulator.endpoint.absoluteString,
            ], environment: world.environment)
        #expect(created.code == 0, "\(created.stderr)")
        var configs: [String: String] = [:]
        var environments: [String: [String: String]] = [:]
        for name in ["alice", "bob"] {
            let path = world.directory.appendingPathComponent("\(name).yaml").path
            try Self.config(operatorName: name).write(toFile: path, atomically: true, encoding: .utf8)
            configs[name] = path
            var environment = world.environment
            environment["USER"] = name
            environment["XDG_STATE_HOME"] = world.directory.appendingPathComponent("state-\(name)").path
            environments[name] = environment
        }
        let approved = try await CLITestWorld.run(
            CLITestWorld.podium,
            ["approve", "churn", "3", "--comment", "alice says ok", "--config", configs["alice"]!],
            environment: environments["alice"]!)
        #expect(approved.code == 0, "\(approved.stderr)")
        let rejected = try await CLITestWorld.run(
            CLITestWorld.podium,
            ["reject", "churn", "1", "--comment", "superseded", "--config", configs["bob"]!],
            environment: environments["bob"]!)
        #expect(rejected.code == 0, "\(rejected.stderr)")

        let tmux = try TmuxSession.start(
            command: [CLITestWorld.podium, "--config", configs["bob"]!], width: 130, height: 30,
            environment: environments["bob"]!)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "Dashboard")
        try tmux.sendKeys("4")
        let screen = try await tmux.waitUntil("both operators on the activity screen", timeout: .seconds(30)) {
            // The audit panel (above the registry's approval changes, which name both operators anyway).
            let audit = $0.components(separatedBy: "Recent approval changes").first ?? ""
            return audit.contains("team audit log \(Self.group)") && audit.contains("alice/")
                && audit.contains("bob/")
        }
        // Alice's approval came from the group: Bob's local log has only his own records.
        let bobLog = try String(
            contentsOfFile: world.directory.appendingPathComponent("state-bob/podium/audit.jsonl").path,
            encoding: .utf8)
        #expect(!bobLog.contains("/alice/"))
        let auditPanel = screen.components(separatedBy: "Recent approval changes").first ?? ""
        #expect(auditPanel.contains(" approve ") && auditPanel.contains(" reject "))
        let requests = try await world.emulator.requests()
        #expect(requests.contains { $0.operation == "FilterLogEvents" && $0.status == 200 })
        if let saveTo = ProcessInfo.processInfo.environment["PODIUM_ACTIVITY_CAPTURE"] {
            try screen.write(toFile: saveTo, atomically: true, encoding: .utf8)
        }
        try tmux.sendKeys("C-c")
        try await waitForPaneDeath(tmux)
    }
}
