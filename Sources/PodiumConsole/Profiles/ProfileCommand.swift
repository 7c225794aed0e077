import PodiumCore

/// A `:profile` command line, parsed: list, switch the focused (or named) environment to a profile, or go back
/// to the config's credentials.
///
/// `:profile` lists; `:profile NAME` switches the environment `:env` focused; `:profile ENV NAME` names it;
/// `-` or `reset` as the NAME goes back to the config's `credentials:`.
enum ProfileCommand: Sendable, Equatable {
    /// Show every environment's credentials.
    case list
    /// Switch an environment to a named profile.
    case switchTo(environment: String, profile: String)
    /// Go back to the config's credentials.
    case reset(environment: String)

    /// The words that mean "the config's credentials".
    static let resetWords: Set<String> = ["-", "reset"]

    /// Parses the words after `:profile`; the error says what to type instead.
    static func parse(_ words: [String], focused: String?, environments: [String]) -> Result<Self, ConsoleError> {
        switch words.count {
        case 0:
            return .success(.list)
        case 1:
            guard let focused else {
                return .failure(
                    ConsoleError(
                        "no environment is focused: `:env NAME` first, or `:profile ENV \(words[0])` "
                            + "(environments: \(environments.joined(separator: ", ")))"))
            }
            return .success(command(environment: focused, name: words[0]))
        case 2:
            guard environments.contains(words[0]) else {
                let hint =
                    EditDistance.suggestion(for: words[0], among: environments).map { "did you mean \"\($0)\"?" }
                    ?? "environments: \(environments.joined(separator: ", "))"
                return .failure(ConsoleError("unknown environment \"\(words[0])\"; \(hint)"))
            }
            return .success(command(environment: words[0], name: words[1]))
        default:
            return .failure(ConsoleError("usage: `:profile`, `:profile NAME`, `:profile ENV NAME`, `:profile -`"))
        }
    }

    private static func command(environment: String, name: String) -> Self {
        resetWords.contains(name.lowercased())
            ? .reset(environment: environment) : .switchTo(environment: environment, profile: name)
    }

    /// The session's request for this command.
    var request: CredentialSwitch {
        switch self {
        case .list: return .list
        case .switchTo(let environment, let profile): return .profile(environment: environment, name: profile)
        case .reset(let environment): return .reset(environment: environment)
        }
    }
}
