import ArgumentParser
import Foundation
import PodiumCore

/// `podium audit`: prints the audit log; `--team` merges the team's CloudWatch Logs group with it.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log ($XDG_STATE_HOME/podium/audit.jsonl).",
        discussion: """
            With --team, the records of the whole team (the CloudWatch Logs group of audit.cloudwatch_logs in the \
            config) merged with the local ones, each record once (by id), newest first. Each record carries the \
            equivalent podium command (COMMAND), shell-quoted, so it can be replayed as a script.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false
    @Flag(name: .long, help: "Merge the team's log (audit.cloudwatch_logs) with the local one, newest first.")
    var team = false
    @Option(name: .long, help: "With --team: at most this many records (default 200).") var limit = 200

    func validate() throws {
        if limit < 1 || limit > 10_000 { throw ValidationError("--limit must be between 1 and 10000 (got \(limit))") }
    }

    func run() async throws {
        if team {
            try await runTeam()
            return
        }
        let log = AuditLog(path: AuditLog.defaultPath())
        let (records, bad) = try log.read()
        if bad > 0 {
            Output.warning(
                "\(bad) line(s) of \(log.path) could not be read and were skipped (a torn last line is what a kill or a full disk mid-write leaves)"
            )
        }
        // Attempts with a started record and no outcome: killed, or still running in another process.
        for record in AuditLog.unfinished(records) {
            let state =
                AuditLog.mayStillRun(record)
                ? "is still running (pid \(record.pid.map(String.init) ?? "?"))"
                : "never finished (its process is gone); the next change marks it abandoned"
            Output.warning(
                "unfinished attempt \(record.attempt ?? "?"): \(record.action.rawValue) of \(record.target) in \(record.environment), started \(ISO8601.string(record.time)), \(state)"
            )
        }
        if json {
            try Output.json(records.map(JSONAuditRecord.init))
            return
        }
        if records.isEmpty {
            Output.line("no audit records in \(log.path)")
            return
        }
        Output.table(
            ["TIME", "OUTCOME", "ACTION", "ENVIRONMENT", "TARGET", "OPERATOR", "ATTEMPT", "ERROR"],
            records.map {
                [
                    ISO8601.string($0.time), $0.outcome.rawValue, $0.action.rawValue, $0.environment, $0.target,
                    $0.operatorArn, $0.attempt.map { String($0.prefix(8)) } ?? "", $0.error ?? "",
                ]
            })
    }

    /// `--team`: the local log merged with the team's group; the team's log being unreachable is a warning and
    /// exit 1 after printing the local records (a script must not take them for the whole team's).
    private func runTeam() async throws {
        let context = try CommandContext(options: global)
        guard let sink = context.session.auditLog.sink else {
            throw CLIExit(
                2,
                "--team needs the team's log: add audit: { cloudwatch_logs: { group: … } } to \(context.config.sourcePath) (see config/README.md)"
            )
        }
        let reader = TeamAuditReader(sink: sink, log: context.session.auditLog)
        let page = try await reader.page(limit: limit)
        if page.unreadable > 0 {
            Output.warning("\(page.unreadable) record(s) could not be read and were skipped")
        }
        if let error = page.teamError {
            Output.warning(
                "the team's log (CloudWatch Logs group \(sink.config.group)) could not be read: \(error); showing this operator's records only"
            )
        }
        if json {
            try Output.json(page.records.map(JSONAuditRecord.init))
        } else if page.records.isEmpty {
            Output.line(
                "no audit records in \(context.session.auditLog.path) or CloudWatch Logs group \(sink.config.group)")
        } else {
            Output.table(
                ["TIME", "OUTCOME", "ACTION", "ENVIRONMENT", "TARGET", "OPERATOR", "COMMAND"],
                page.records.map {
                    [
                        ISO8601.string($0.time), $0.outcome.rawValue, $0.action.rawValue, $0.environment, $0.target,
                        $0.operatorArn, $0.command ?? "",
                    ]
                })
        }
        if page.teamError != nil { throw CLIExit(.failed, "") }
    }
}
