import AWSCore
import Foundation
import Logging
import PodiumCore

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
        let factory = StandardClientFactory(environment: environment, logger: logger)
        var pollInterval = Duration.seconds(5)
        // Test hook: faster polling against the emulator.
        if let text = environment["PODIUM_POLL_INTERVAL"], let value = DurationFormat.parse(text) {
            pollInterval = value
        }
        // Test hook (documented in docs/cli.md): exit 137 right after the named AWS call succeeds, as if killed.
        let crashAfter = environment["PODIUM_TEST_CRASH_AFTER"]
        self.config = config
        self.session = try PodiumSession(
            config: config, clientFactory: factory,
            auditLog: AuditLog(path: AuditLog.defaultPath(environment: environment)),
            pollInterval: pollInterval,
            afterCall: crashAfter.map { target in
                { @Sendable operation in
                    if operation == target {
                        FileHandle.standardError.write(Data("podium: test hook: exiting after \(operation)\n".utf8))
                        exit(137)
                    }
                }
            })
    }
}
