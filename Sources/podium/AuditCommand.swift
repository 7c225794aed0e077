import ArgumentParser
import Foundation
import PodiumCore

/// `podium audit`: prints the audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Print the audit log ($XDG_STATE_HOME/podium/audit.jsonl).")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false

    func run() async throws {
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
}
