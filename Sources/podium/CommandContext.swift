import AWSCore
import Foundation
import Logging
import PodiumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Loads the config (before any AWS call: a bad config exits 2) and builds the session for a command.
struct CommandContext {
    let config: PodiumConfig
    let session: PodiumSession

    init(options: GlobalOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        var config = try ConfigLoader.load(explicit: options.config, environment: environment)
        if options.readOnly { config = config.forcingReadOnly() }
        var logger = Logger(label: "podium.aws") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = options.debug ? .debug : .critical
        let factory = StandardClientFactory(environment: environment, logger: logger, requests: config.aws)
        var pollInterval = Duration.seconds(5)
        // Faster polling against the emulator (harmless in a release build: it only changes how often podium asks).
        if let text = environment["PODIUM_POLL_INTERVAL"], let value = DurationFormat.parse(text) {
            pollInterval = value
        }
        self.config = config
        let auditPath = AuditLog.defaultPath(environment: environment)
        // The team's audit sink, if configured: sends in the background, drained (bounded) when podium exits.
        let sink = try AuditSink.make(
            config: config, logPath: auditPath, clientFactory: factory, notice: { Output.warning($0) })
        self.session = try PodiumSession(
            config: config, clientFactory: factory,
            auditLog: AuditLog(path: auditPath, sink: sink),
            pollInterval: pollInterval,
            afterCall: TestHooks.crashAfter(environment: environment),
            beforeWrite: TestHooks.holdBeforeWrite(environment: environment),
            // Notices go to stderr only in the commands that change something (which install the trap); the
            // console draws over stderr and shows the same facts on its activity screen.
            notice: { if InterruptTrap.isInstalled { Output.warning($0) } })
    }

    /// Fails (exit 1) when AWS refused a read whose result degraded instead of failing (metrics, alarms, the
    /// config → model chain, evaluation reports, version details), naming the refused IAM actions: a script must
    /// not take the partial answer printed above for a whole one, and a plan made on such reads is not run.
    func failIfAccessWasDenied() async throws {
        let refused = await session.accessDenials.refused
        guard !refused.isEmpty else { return }
        throw CLIExit(
            1,
            "AWS refused \(refused.joined(separator: ", ")), so what podium read is incomplete; "
                + "check that the IAM policy of the role or user allows \(refused.count == 1 ? "it" : "them") "
                + "(see config/iam/README.md)")
    }

    /// Runs a read command's `body`, then `failIfAccessWasDenied()`.
    func reportingDenials(_ body: () async throws -> Void) async throws {
        try await body()
        try await failIfAccessWasDenied()
    }
}

/// The test hooks, compiled only into debug builds (`PODIUM_TEST_HOOKS`, see Package.swift): a release binary
/// ignores the variables (`make release-check` proves it).
enum TestHooks {
    /// `PODIUM_TEST_CRASH_AFTER=<Operation>` (documented in docs/cli.md): exit 137 without any cleanup right
    /// after the named AWS write succeeds, as if killed with SIGKILL (no outcome record is written).
    static func crashAfter(environment: [String: String]) -> (@Sendable (String) -> Void)? {
        #if PODIUM_TEST_HOOKS
            guard let target = environment["PODIUM_TEST_CRASH_AFTER"], !target.isEmpty else { return nil }
            return { operation in
                guard operation == target else { return }
                let note = "podium: test hook: exiting after \(operation)\n"
                _ = note.withCString { write(STDERR_FILENO, $0, strlen($0)) }
                _exit(137)
            }
        #else
            return nil
        #endif
    }

    /// `PODIUM_TEST_HOLD_BEFORE_WRITE=<path>`: right before the first AWS write of a change (every check done,
    /// the lock held), create `<path>.waiting` and wait until `<path>` exists (at most 60 s), so a test can run a
    /// second operator at exactly that moment.
    static func holdBeforeWrite(environment: [String: String]) -> (@Sendable (DeploymentAction) async -> Void)? {
        #if PODIUM_TEST_HOOKS
            guard let path = environment["PODIUM_TEST_HOLD_BEFORE_WRITE"], !path.isEmpty else { return nil }
            return { _ in
                _ = FileManager.default.createFile(atPath: path + ".waiting", contents: Data())
                let deadline = ContinuousClock.now + .seconds(60)
                while !FileManager.default.fileExists(atPath: path), ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
        #else
            return nil
        #endif
    }
}
