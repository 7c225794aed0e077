import ArgumentParser
import Foundation
import PodiumCore

/// Shared body of `approve` and `reject`.
struct ApprovalArguments: ParsableArguments {
    @Argument(help: "The model package group.") var group: String
    @Argument(help: "The version number.") var version: Int
    @Option(name: .long, help: "Why (required; recorded in the ApprovalDescription with your ARN and the time).")
    var comment: String
    @Option(name: .long, help: "The status you saw (pending, approved, rejected); refused if it changed since.")
    var expectStatus: String?

    func validate() throws {
        if comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--comment must not be empty")
        }
        if let expectStatus, ApprovalStatus(cliValue: expectStatus) == nil {
            throw ValidationError("--expect-status must be pending, approved or rejected (got \"\(expectStatus)\")")
        }
    }

    func run(_ decision: ApprovalStatus, global: GlobalOptions) async throws {
        let context = try CommandContext(options: global)
        InterruptTrap.install()
        let result = try await context.session.setApproval(
            group: group, version: version, decision: decision, comment: comment,
            expectedStatus: expectStatus.flatMap(ApprovalStatus.init(cliValue:)))
        for warning in result.warnings { Output.warning(warning) }
        Output.line("\(group) v\(version): \(result.previousStatus) → \(result.version.status)")
        Output.line("  \(Output.sanitize(result.approvalDescription))")
    }
}

/// `podium approve GROUP VERSION --comment TEXT`.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a version.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var arguments: ApprovalArguments

    func run() async throws { try await arguments.run(.approved, global: global) }
}

/// `podium reject GROUP VERSION --comment TEXT`.
struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a version.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var arguments: ApprovalArguments

    func run() async throws { try await arguments.run(.rejected, global: global) }
}
