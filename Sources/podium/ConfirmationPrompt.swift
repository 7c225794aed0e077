import Foundation
import PodiumCore

/// The confirmation a plan needs before it writes: `--confirm ENDPOINT`, `--yes` (environments with
/// `confirm: yes`), or a question on the terminal (y/N, or the endpoint name typed for `confirm: typed`).
/// Promote, rollback and traffic share it.
enum ConfirmationPrompt {
    /// `nil` when confirmed; otherwise why not (exit 3). `question` is the y/N question, `typedQuestion` the
    /// prompt for the typed name.
    static func refusal(
        endpoint: String, environment: String, mode: ConfirmMode, yes: Bool, confirm: String?, question: String,
        typedQuestion: String
    ) -> String? {
        let interactive = isatty(STDIN_FILENO) == 1
        if let confirm {
            return confirm == endpoint
                ? nil
                : "--confirm \"\(Output.sanitize(confirm))\" does not match the endpoint name \(endpoint); nothing was changed"
        }
        switch mode {
        case .yes:
            if yes { return nil }
            guard interactive else {
                return
                    "not confirmed: no terminal to ask on; pass --yes (or --confirm \(endpoint)) to run non-interactively"
            }
            Output.stderr(question)
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return answer == "y" || answer == "yes" ? nil : "not confirmed; nothing was changed"
        case .typed:
            guard interactive else {
                return
                    "not confirmed: \(environment) needs typed confirmation; pass --confirm \(endpoint) to run non-interactively"
            }
            Output.stderr(typedQuestion)
            let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
            return answer == endpoint
                ? nil : "not confirmed (typed \"\(Output.sanitize(answer))\"); nothing was changed"
        }
    }
}
