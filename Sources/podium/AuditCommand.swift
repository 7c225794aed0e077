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
        if bad > 0 { Output.warning("\(bad) line(s) of \(log.path) could not be read and were skipped") }
        if json {
            try Output.json(records.map(JSONAuditRecord.init))
            return
        }
        if records.isEmpty {
            Output.line("no audit records in \(log.path)")
            return
        }
        Output.table(
            ["TIME", "OUTCOME", "ACTION", "ENVIRONMENT", "TARGET", "OPERATOR", "ERROR"],
            records.map {
                [
                    ISO8601.string($0.time), $0.outcome.rawValue, $0.action.rawValue, $0.environment, $0.target,
                    $0.operatorArn, $0.error ?? "",
                ]
            })
    }
}
