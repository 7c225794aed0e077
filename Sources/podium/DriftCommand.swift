import AWSCore
import ArgumentParser
import Foundation
import PodiumCore

/// `podium drift`: the ledger - for every group × environment what should run, what runs, and every flag
/// (approved not deployed, deployed but rejected or deleted, pin ≠ running, silent rollback, stack drift).
/// Exits 1 when a flag is raised or a source could not be read, so a cron job or CI can alert on it.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Show what runs where against what should, and flag the differences (exit 1 when any is flagged).")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON (see docs/cli.md).") var json = false

    func run() async throws {
        let context = try CommandContext(options: global)
        let ledger = await LedgerReader(session: context.session).ledger()
        if json {
            try printJSON(ledger)
        } else {
            printTable(ledger)
        }
        let flagged = ledger.rows.reduce(0) { $0 + $1.flags.count }
        let unread = ledger.rows.filter { !$0.facts.problems.isEmpty }.count
        try await context.failIfAccessWasDenied()
        if flagged > 0 || unread > 0 {
            var parts: [String] = []
            if flagged > 0 { parts.append("\(flagged) flag\(flagged == 1 ? "" : "s") raised") }
            if unread > 0 { parts.append("\(unread) row\(unread == 1 ? "" : "s") could not be read in full") }
            throw CLIExit(.failed, json ? "" : parts.joined(separator: "; "))
        }
    }

    private func printTable(_ ledger: Ledger) {
        Output.table(
            ["ENVIRONMENT", "GROUP", "ENDPOINT", "APPROVED", "PIN", "STACK", "RUNNING", "FLAGS"],
            ledger.rows.map { row in
                let f = row.facts
                return [
                    f.environment, f.group, f.endpoint, f.latestApproved.map { "v\($0.version)" } ?? "-",
                    f.pin.map { $0.value.map(LedgerEvaluator.label) ?? "unset" } ?? "-",
                    f.stack.map { stack in
                        stack.exists
                            ? "\(stack.parameterValue.map(LedgerEvaluator.label) ?? "-") \(stack.status ?? "")"
                            : "missing"
                    } ?? "-",
                    runningText(f.running),
                    row.flags.isEmpty ? "ok" : row.flags.map(\.kind.label).joined(separator: ", "),
                ]
            })
        for row in ledger.rows {
            let f = row.facts
            for flag in row.flags {
                Output.line("\(f.environment)/\(f.endpoint): \(flag.kind.label): \(flag.reason)")
            }
            for problem in f.problems { Output.warning("\(f.environment)/\(f.endpoint): \(problem)") }
        }
    }

    private func runningText(_ running: LedgerFacts.Running?) -> String {
        guard let running else { return "unknown" }
        guard running.exists else { return "not deployed" }
        let label = running.version.map { "v\($0)" } ?? running.packageArn ?? "?"
        return "\(label) \(running.status ?? "")" + (running.changing ? " (changing)" : "")
    }

    /// The ledger as documented in docs/cli.md: snake_case keys, every key present (`null` when unknown or not
    /// configured), ISO 8601 dates, sorted keys, invisible characters escaped.
    private func printJSON(_ ledger: Ledger) throws {
        let data = try JSONSerialization.data(
            withJSONObject: DriftJSON.report(ledger), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        StandardStream.output.write(Output.escapingInvisibles(String(decoding: data, as: UTF8.self)) + "\n")
    }
}
