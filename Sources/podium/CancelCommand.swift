import ArgumentParser
import Foundation
import PodiumCore

/// `podium cancel --env ENV ENDPOINT`: cancels the CloudFormation update of an endpoint's stack (stack and
/// pipeline routes). A `podium promote` or `rollback` following that update then ends with exit 1 and
/// CloudFormation's "Resource update cancelled".
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel the running CloudFormation update of an endpoint's stack (CancelUpdateStack).",
        discussion: """
            Only while the stack is UPDATE_IN_PROGRESS; CloudFormation then rolls the stack back. Exit 3 when there \
            is nothing to cancel. Asks first on a terminal; --yes skips the question.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The environment.") var env: String
    @Argument(help: "The endpoint name.") var endpoint: String
    @Flag(name: .long, help: "Do not ask.") var yes = false

    func run() async throws {
        let context = try CommandContext(options: global)
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw CLIExit(.refused, "not confirmed: no terminal to ask on; pass --yes to cancel non-interactively")
            }
            Output.stderr("Cancel the stack update of \(endpoint) in \(env)? CloudFormation will roll it back. [y/N] ")
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                throw CLIExit(.refused, "not confirmed; nothing was changed")
            }
        }
        let stack = try await context.session.cancelStackUpdate(environment: env, endpoint: endpoint)
        Output.line("cancelled: the update of stack \(stack) (\(endpoint) in \(env)); CloudFormation rolls it back")
    }
}
