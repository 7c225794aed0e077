import ArgumentParser

/// `podium`: promote SageMaker models from the Model Registry across environments.
struct PodiumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Promote SageMaker models from the Model Registry to endpoints across environments.",
        discussion: """
            Exit codes: 0 success, 1 the operation failed, 2 bad usage or config, 3 refused (gate, read-only, \
            changed since seen, not confirmed). JSON output is documented in docs/cli.md. The global options \
            (--config, --read-only, --debug) go before or after the subcommand.
            """,
        version: VersionInfo.text,
        subcommands: [
            ConsoleCommand.self, WatchCommand.self, GroupsCommand.self, VersionsCommand.self, ShowCommand.self,
            StatusCommand.self, ApproveCommand.self, RejectCommand.self, PromoteCommand.self, RollbackCommand.self,
            AuditCommand.self, ConfigCommand.self, LoginCommand.self, CancelCommand.self, DriftCommand.self,
            LogsCommand.self, TrafficCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self)

    /// The global options. The root parses them wherever they appear on the command line (before or after the
    /// subcommand name); every subcommand's `@OptionGroup var global: GlobalOptions` then receives this same
    /// value (ArgumentParser hands an option group already decoded by a parent to a child of the same type).
    @OptionGroup var global: GlobalOptions
}
