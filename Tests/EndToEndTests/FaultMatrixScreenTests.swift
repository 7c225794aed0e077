import Foundation
import PodiumTestSupport
import Testing

/// The console and watch columns of the fault matrix: both run side by side in tmux against one emulator while
/// each fault is switched on and off. A fault the client retries never reaches the screen; a lasting one shows
/// (stale panels marked with the error) and the screens recover once it is gone.
@Suite(.enabled(if: TmuxSession.shouldRun, "tmux is not installed"))
struct FaultMatrixScreenTests {
    /// Faults whose retry or correction keeps the screen fresh.
    static let retried: Set<MatrixFault> = [
        .throttleBurst, .http500, .reset, .truncated, .expiredCredentials, .clockSkew,
    ]

    static let config = FaultMatrixTests.config.replacingOccurrences(
        of: "refresh: { registry: 30s, health: 15s }", with: "refresh: { registry: 1s, health: 1s }")

    /// Both environment panels were refreshed and nothing is stale.
    static func isFresh(_ screen: String) -> Bool {
        screen.components(separatedBy: "updated ").count - 1 >= 2 && !screen.contains("STALE")
            && !screen.contains("loading")
    }

    /// The "updated HH:MM:SS" times of the panels.
    static func updateTimes(_ screen: String) -> [String] {
        screen.components(separatedBy: "updated ").dropFirst().map { String($0.prefix(8)) }
    }

    @Test func consoleAndWatchShowEachLastingFaultAndRecover() async throws {
        let world = try await CLITestWorld(config: Self.config)
        var sessions: [TmuxSession] = []
        do {
            try await FaultMatrixTests.prepare(world)
            var environment = world.environment
            environment["PODIUM_AWS_READ_TIMEOUT"] = MatrixFault.stallReadTimeout
            for arguments in [["console"], ["watch", "--refresh", "1s"]] {
                sessions.append(
                    try TmuxSession.start(
                        command: [CLITestWorld.podium] + arguments + ["--config", world.configPath], width: 150,
                        height: 30, environment: environment, workingDirectory: world.directory))
            }
            for session in sessions {
                try await session.waitUntil("a fresh dashboard", timeout: .seconds(60), Self.isFresh)
            }
            for fault in MatrixFault.allCases where fault != .connectionRefused {
                try await world.emulator.clearRequests()
                try await fault.inject(into: world.emulator, operation: "*", service: "sagemaker")
                if Self.retried.contains(fault) {
                    try await expectRetried(fault, world: world, sessions: sessions)
                } else {
                    try await expectShownThenRecovered(fault, world: world, sessions: sessions)
                }
                try await world.emulator.clearFaults()
            }
            for session in sessions {
                #expect(try session.capture().contains("Podium"), "podium left the screen")
                session.kill()
            }
        } catch {
            for session in sessions { session.kill() }
            await world.stop()
            throw error
        }
        await world.stop()
    }

    /// The fault is applied, and both screens refresh twice more without ever showing it.
    func expectRetried(_ fault: MatrixFault, world: CLITestWorld, sessions: [TmuxSession]) async throws {
        let applied = try await eventually(timeout: 20) {
            try await world.emulator.requests().contains { $0.fault == fault.loggedKind }
        }
        #expect(applied, "\(fault.rawValue): never applied")
        if fault == .expiredCredentials {
            let reassumed = try await eventually(timeout: 20) {
                try await world.emulator.requests().contains { $0.operation == "AssumeRole" }
            }
            #expect(reassumed, "expired credentials were not refreshed through AssumeRole")
        }
        for session in sessions {
            var seen: Set<String> = []
            let start = Self.updateTimes(try session.capture())
            try await session.waitUntil("\(fault.rawValue): two refreshes", timeout: .seconds(20)) { screen in
                #expect(
                    !screen.contains("STALE") && !screen.contains("✗"),
                    "\(fault.rawValue) reached the screen although it is retried:\n\(screen)")
                let times = Self.updateTimes(screen)
                if times != start { seen.insert(times.joined(separator: ",")) }
                return seen.count >= 2
            }
        }
    }

    /// Both screens show the error (stale data, the failing call in the status line) and recover after it ends.
    func expectShownThenRecovered(_ fault: MatrixFault, world: CLITestWorld, sessions: [TmuxSession]) async throws {
        for session in sessions {
            // The panels go stale and say since when and that refreshing errs; the status line names the call
            // unless a long identity leaves it no room.
            let shown = try await session.waitUntil("\(fault.rawValue) shown", timeout: .seconds(30)) {
                $0.contains("STALE since") && ($0.contains("✗") || $0.contains("· error "))
            }
            #expect(shown.contains("Podium"))
        }
        try await world.emulator.clearFaults()
        for session in sessions {
            try await session.waitUntil("recovery from \(fault.rawValue)", timeout: .seconds(30)) {
                Self.isFresh($0) && !$0.contains("NO CONNECTION") && !$0.contains("✗")
            }
        }
    }

    @Test func consoleApprovalDuringAFaultShowsTheErrorAndTheRetryWorks() async throws {
        let world = try await CLITestWorld(config: Self.config)
        var session: TmuxSession?
        do {
            let tmux = try TmuxSession.start(
                command: [CLITestWorld.podium, "console", "--config", world.configPath], width: 150, height: 30,
                environment: world.environment, workingDirectory: world.directory)
            session = tmux
            try await tmux.waitUntil("a fresh dashboard", timeout: .seconds(60), Self.isFresh)
            try await world.emulator.injectFault(operation: "UpdateModelPackage", kind: .http503, count: nil)
            try tmux.sendKeys("3")
            try await tmux.waitFor(text: "Pending approval (1)", timeout: .seconds(20))
            for attempt in ["during the fault", "after it"] {
                try tmux.sendKeys("a")
                try await tmux.waitFor(text: "Comment (required", timeout: .seconds(20))
                try tmux.sendText("matrix approval \(attempt)")
                try tmux.sendKeys("Enter")
                if attempt == "during the fault" {
                    try await tmux.waitFor(text: "UpdateModelPackage failed: ServiceUnavailable", timeout: .seconds(30))
                    #expect(try await FaultMatrixTests.packageStatus(world, version: 3) == "PendingManualApproval")
                    try await world.emulator.clearFaults()
                } else {
                    try await tmux.waitFor(text: "Approved churn v3", timeout: .seconds(30))
                }
            }
            #expect(try await FaultMatrixTests.packageStatus(world, version: 3) == "Approved")
            let outcomes = try await world.audit().compactMap { $0["outcome"] as? String }
            #expect(outcomes == ["started", "failure", "started", "success"], "audit: \(outcomes)")
            #expect(ConsoleE2EScreen.isRunning(tmux))
            tmux.kill()
        } catch {
            session?.kill()
            await world.stop()
            throw error
        }
        await world.stop()
    }

    @Test func refusedConnectionIsShownUntilTheEndpointComesUp() async throws {
        let world = try await CLITestWorld(config: Self.config, seedRegistry: false)
        let port = try closedLoopbackPort()
        var environment = world.environment
        environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:\(port)"
        var sessions: [TmuxSession] = []
        var late: EmulatorProcess?
        do {
            for arguments in [["console"], ["watch", "--refresh", "1s"]] {
                sessions.append(
                    try TmuxSession.start(
                        command: [CLITestWorld.podium] + arguments + ["--config", world.configPath], width: 150,
                        height: 30, environment: environment, workingDirectory: world.directory))
            }
            for session in sessions {
                let screen = try await session.waitFor(text: "NO CONNECTION", timeout: .seconds(30))
                #expect(screen.contains("✗"), "the failing call is not named:\n\(screen)")
            }
            late = try await EmulatorProcess.start(port: port)
            for session in sessions {
                try await session.waitUntil("recovery once the endpoint answers", timeout: .seconds(30)) {
                    Self.isFresh($0) && !$0.contains("NO CONNECTION")
                }
                session.kill()
            }
        } catch {
            for session in sessions { session.kill() }
            await late?.stop()
            await world.stop()
            throw error
        }
        await late?.stop()
        await world.stop()
    }
}
