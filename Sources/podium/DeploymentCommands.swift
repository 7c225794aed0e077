import ArgumentParser
import Foundation
import PodiumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Confirmation and execution shared by `promote` and `rollback`.
struct ConfirmOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the plan and stop.") var plan = false
    @Flag(name: .long, help: "Do not ask (environments with confirm: yes).") var yes = false
    @Option(
        name: .long, help: "The endpoint name, as typed confirmation (needed for confirm: typed without a terminal).")
    var confirm: String?
    @Flag(
        name: .long,
        help: "Print the plan (with --plan) or the outcome as JSON on stdout; progress goes to stderr (docs/cli.md).")
    var json = false

    /// Prints the plan, asks for confirmation, runs it with progress, and prints the outcome.
    func run(_ plan: DeploymentPlan, context: CommandContext) async throws {
        InterruptTrap.install()
        if json {
            if self.plan { try Output.json(plan) }
            for line in plan.lines { Output.stderr(line + "\n") }
        } else {
            for line in plan.lines { Output.line(line) }
        }
        if self.plan {
            if !plan.isAllowed { throw CLIExit(.refused, "refused: " + plan.blockers.joined(separator: "; ")) }
            return
        }
        guard plan.isAllowed else {
            // Recorded in the audit log as a refusal.
            _ = try await context.session.execute(plan)
            return
        }
        if let reason = confirmationRefusal(plan) {
            try await context.session.recordRefusal(plan: plan, reason: reason)
            throw CLIExit(.refused, reason)
        }
        let json = self.json
        let outcome = try await context.session.execute(plan) { progress in
            if json { Output.stderr(progress.line + "\n") } else { Output.line(progress.line) }
        }
        if json {
            try Output.json(outcome)
            return
        }
        // A stack or pipeline names the endpoint config only once it made it: the outcome's plan has it.
        Output.line(
            "done: \(plan.endpoint) in \(plan.environment) is \(outcome.status) on \(outcome.plan.newEndpointConfig) (\(plan.changeSummary)) after \(DurationFormat.human(seconds: outcome.elapsed))"
        )
    }

    /// `nil` when confirmed; otherwise why not (exit 3).
    private func confirmationRefusal(_ plan: DeploymentPlan) -> String? {
        ConfirmationPrompt.refusal(
            endpoint: plan.endpoint, environment: plan.environment, mode: plan.confirm, yes: yes, confirm: confirm,
            question: "Proceed with \(plan.action.rawValue) of \(plan.endpoint) in \(plan.environment)? [y/N] ",
            typedQuestion:
                "Type the endpoint name (\(plan.endpoint)) to \(plan.action.rawValue) in \(plan.environment): ")
    }
}

/// `podium promote GROUP VERSION --to ENV`.
struct PromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote", abstract: "Promote an approved version to an environment's endpoint.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The model package group.") var group: String
    @Argument(help: "The version number.") var version: Int
    @Option(name: .long, help: "The target environment.") var to: String
    @OptionGroup var confirmation: ConfirmOptions
    @OptionGroup var variants: VariantPromotionOptions

    func run() async throws {
        let context = try CommandContext(options: global)
        if variants.isRequested {
            return try await variants.run(
                group: group, version: version, to: to, confirmation: confirmation, context: context)
        }
        let plan = try await context.session.planPromotion(group: group, version: version, to: to)
        try await context.failIfAccessWasDenied()
        try await confirmation.run(plan, context: context)
    }
}

/// `podium rollback ENV ENDPOINT`.
struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Roll an endpoint back to its previous endpoint config.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The environment.") var env: String
    @Argument(help: "The endpoint name.") var endpoint: String
    @OptionGroup var confirmation: ConfirmOptions

    func run() async throws {
        let context = try CommandContext(options: global)
        let plan = try await context.session.planRollback(environment: env, endpoint: endpoint)
        try await context.failIfAccessWasDenied()
        try await confirmation.run(plan, context: context)
    }
}
