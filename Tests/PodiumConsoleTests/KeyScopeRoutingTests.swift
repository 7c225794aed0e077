import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The key table against the code that handles it: a command is bound only in scopes where something takes
/// it. Overlay commands live in their overlay's scope; every command a screen's scope binds is taken by that
/// screen's sub-model; every list navigation moves every screen.
@Suite("Key table routing")
struct KeyScopeRoutingTests {
    static let table = ConsoleKeys.console

    /// A loaded state showing `screen`, with rows (and a pending version) to act on.
    static func state(showing screen: ConsoleScreen) -> ConsoleState {
        var state = Fixtures.loadedState()
        state.versions["churn"] = Loadable()
        state.versions["churn"]?.succeed([Fixtures.version("churn", 5)], at: Fixtures.now)
        let root = ConsoleScreen.root(of: screen.tab)
        state.stack = screen == root ? [screen] : [root, screen]
        return state
    }

    /// The sub-model's outcome of a command on `screen`.
    static func outcome(_ command: ConsoleCommand, on screen: ConsoleScreen) -> ScreenOutcome {
        let state = state(showing: screen)
        var model = screen.model.init(state)
        return model.handle(command)
    }

    static let screens: [ConsoleScreen] = [
        .dashboard, .groups, .versions(group: "churn"), .detail(VersionKey(group: "churn", version: 5)), .pending,
        .activity,
    ]

    @Test("an overlay's commands are bound in its scope only, and no screen scope binds an overlay command")
    func overlayCommandsStayInTheirScope() {
        let overlays = Set(ConsoleKeys.Scope.overlays)
        for binding in Self.table.bindings {
            let name = binding.action.rawValue
            let prefix = name.contains(".") ? String(name.prefix { $0 != "." }) : nil
            let isOverlayCommand = prefix.map(overlays.contains) ?? false
            if overlays.contains(binding.scope) {
                #expect(prefix == binding.scope, "\(binding.scope) binds \(name), not one of its own commands")
            } else {
                #expect(!isOverlayCommand, "\(binding.scope) binds the dialog command \(name)")
            }
        }
    }

    @Test("every command a screen's scope binds is taken by that screen's sub-model", arguments: screens)
    func screenCommandsAreHandled(_ screen: ConsoleScreen) {
        let own = Self.table.bindings.filter { $0.scope == screen.scope }
        for binding in own {
            #expect(
                Self.outcome(binding.action, on: screen) != .none,
                "\(screen.scope).\(binding.action.rawValue) is bound but the screen does nothing with it")
        }
        for navigation in NavigationAction.allCases {
            #expect(Self.outcome(ConsoleCommand(navigation), on: screen) == .moved)
        }
    }

    @Test("the screens' own scopes bind only screen commands (the app's global commands stay global)")
    func screenScopesBindScreenCommands() {
        let screenCommands: Set<ConsoleCommand> = [.open, .promote, .rollback, .approve, .reject, .logs, .traffic]
        let screenScopes = Set(Self.screens.map(\.scope))
        for binding in Self.table.bindings where screenScopes.contains(binding.scope) {
            #expect(screenCommands.contains(binding.action), "\(binding.scope) binds \(binding.action.rawValue)")
        }
    }
}
