import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// Completion candidates for the `:` line.
    func commandCandidates(_ state: ConsoleState) -> [String] {
        var candidates = ["dashboard", "groups", "pending", "activity", "refresh", "reload", "help", "quit", "q"]
        candidates += state.config.environments.map { "env " + $0.name } + ["env all"]
        candidates += themeNames.map { "theme " + $0 }
        candidates += (state.groups.value ?? []).map { "group " + $0.name }
        candidates += profileCandidates(state)
        return candidates
    }

    /// Runs a `:` command.
    func runCommand(_ state: inout ConsoleState, _ text: String) -> [Effect<ConsoleAction>] {
        let words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let argument = words.dropFirst().joined(separator: " ")
        switch verb {
        case "q", "quit", "exit":
            return [.quit]
        case "help":
            state.overlay = .help(scroll: 0)
        case "refresh":
            return scheduleRefreshes(&state, force: true)
        case "reload":
            return [reloadEffect(state)]
        case "env":
            if argument.isEmpty || argument == "all" {
                state.focusedEnvironment = nil
            } else if state.config.environment(named: argument) != nil {
                state.focusedEnvironment = argument
                state.cursors[ConsoleScreen.dashboard.listKey] = 0
            } else {
                let names = state.config.environments.map(\.name)
                state.toast(
                    "unknown environment \"\(argument)\"; known: \(names.joined(separator: ", "))", kind: .error
                )
                return []
            }
            return switchTab(&state, .dashboard)
        case "profile":
            return runProfileCommand(&state, Array(words.dropFirst()))
        case "theme":
            guard !argument.isEmpty else {
                state.toast("themes: \(themeNames.joined(separator: ", "))", kind: .info)
                return []
            }
            let loader = themeLoader
            let depth = state.theme.colorDepth
            let glyphs = state.theme.glyphs
            return [
                .task(id: "theme") {
                    let result = loader.load(argument, colorDepth: depth, glyphs: glyphs)
                    return .themeLoaded(name: argument, result.theme, warning: result.warning?.description)
                }
            ]
        case "group":
            guard !argument.isEmpty else { return switchTab(&state, .registry) }
            state.stack = [.groups, .versions(group: argument)]
            return scheduleRefreshes(&state, force: false)
        default:
            if let tab = ConsoleTab(pageName: verb) { return switchTab(&state, tab) }
            state.toast(
                "unknown command \"\(verb)\"; try :pending, :groups, :env NAME, :profile NAME, :theme NAME, :q",
                kind: .error)
        }
        return []
    }
}
