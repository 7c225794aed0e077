import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The key table as a whole: every command is bound, every binding can be reached, no key means two things
/// in one scope, and config overrides reach every scope (screens and dialogs) by the names they always had.
@Suite("Console key table")
struct ConsoleKeyTableTests {
    static let table = ConsoleKeys.console

    @Test("every command has a binding in some scope, and every navigation is a command")
    func everyCommandIsBound() {
        for command in ConsoleCommand.allCases {
            #expect(Self.table.bindings.contains { $0.action == command }, "\(command.rawValue) has no key")
        }
        // A `scope.command` override name never means another command's plain name.
        let plain = Set(ConsoleCommand.allCases.map(\.rawValue))
        for binding in Self.table.bindings {
            #expect(!plain.contains("\(binding.scope).\(binding.action.rawValue)"), "ambiguous override name")
        }
        for navigation in NavigationAction.allCases {
            #expect(ConsoleCommand(navigation).rawValue == navigation.rawValue)
            #expect(ConsoleCommand(navigation).navigation == navigation)
        }
    }

    @Test("within a scope no key is bound to two commands, and every binding is reached by one of its keys")
    func noConflictsAndAllReachable() {
        for scope in Self.table.scopes {
            let own = Self.table.bindings.filter { $0.scope == scope }
            var seen: [Key: ConsoleCommand] = [:]
            for binding in own {
                #expect(!binding.keys.isEmpty, "\(scope).\(binding.action.rawValue) has no key")
                for key in binding.keys {
                    if let other = seen[key] {
                        Issue.record("\(scope): \(key) is bound to \(other.rawValue) and \(binding.action.rawValue)")
                    }
                    seen[key] = binding.action
                }
                let reached = binding.keys.contains { Self.table.binding(for: $0, in: scope)?.action == binding.action }
                #expect(reached, "\(scope).\(binding.action.rawValue) is shadowed")
            }
        }
    }

    @Test("each screen and each dialog has its own scope in the table")
    func everyOverlayHasAScope() {
        let scopes = Set(Self.table.scopes)
        for scope in ConsoleKeys.Scope.overlays + [ConsoleScreen.dashboard.scope, ConsoleScreen.pending.scope] {
            #expect(scopes.contains(scope), "no bindings in \(scope)")
            #expect(ConsoleKeys.scopeTitle(scope) != scope, "\(scope) has no title in the ? screen")
        }
    }

    @Test("approve is one command, bound in the detail and the pending scope")
    func approveIsOneCommand() {
        let approve = Self.table.bindings.filter { $0.action == .approve }
        #expect(approve.map(\.scope) == [ConsoleKeys.Scope.detail, ConsoleKeys.Scope.pending])
        #expect(Self.table.action(for: .char("a"), in: ConsoleKeys.Scope.detail) == .approve)
        #expect(Self.table.action(for: .char("a"), in: ConsoleKeys.Scope.pending) == .approve)
    }

    @Test("overrides: a plain name changes every scope, `scope.name` only that one, earlier names still work")
    func overrideNames() throws {
        let both = try ConsoleKeys.console.applying(overrides: ["approve": ["A"]])
        #expect(both.action(for: .char("A"), in: ConsoleKeys.Scope.detail) == .approve)
        #expect(both.action(for: .char("A"), in: ConsoleKeys.Scope.pending) == .approve)
        #expect(both.action(for: .char("a"), in: ConsoleKeys.Scope.pending) == nil)

        let one = try ConsoleKeys.console.applying(overrides: ["pending.approve": ["A"]])
        #expect(one.action(for: .char("A"), in: ConsoleKeys.Scope.pending) == .approve)
        #expect(one.action(for: .char("a"), in: ConsoleKeys.Scope.detail) == .approve)
        #expect(one.action(for: .char("A"), in: ConsoleKeys.Scope.detail) == nil)

        let rollback = try ConsoleKeys.console.applying(overrides: ["dashboard.rollback": ["B"]])
        #expect(rollback.action(for: .char("B"), in: ConsoleKeys.Scope.dashboard) == .rollback)
    }

    @Test("overrides are validated: did-you-mean for dialog commands too, and clashes within a dialog")
    func overrideValidation() {
        #expect {
            _ = try ConsoleKeys.console.applying(overrides: ["quit.yess": ["x"]])
        } throws: { error in
            (error as? KeyMapError)?.description == #"keys.quit.yess: unknown action (did you mean "quit.yes"?)"#
        }
        #expect {
            _ = try ConsoleKeys.console.applying(overrides: ["aprove": ["x"]])
        } throws: { error in
            (error as? KeyMapError)?.description.contains(#"did you mean "approve"?"#) == true
        }
        #expect {
            _ = try ConsoleKeys.console.applying(overrides: ["picker.down": ["k"]])
        } throws: { error in
            (error as? KeyMapError)?.description
                == #"keys.picker.down: key "k" is already bound to "picker.up" in scope "picker""#
        }
    }

    @Test("an override reaches a dialog: the quit dialog and the comment prompt use the configured keys")
    func overridesReachDialogs() {
        let config = Fixtures.config(keys: ["quit.yes": ["x"], "comment.submit": ["ctrl-s"]])
        let app = Fixtures.app()
        var state = Fixtures.loadedState(config: config)
        press(app, &state, .char("q"))
        #expect(state.overlay.map { if case .confirmQuit = $0 { true } else { false } } == true)
        #expect(!quits(press(app, &state, .char("y"))))
        #expect(quits(press(app, &state, .char("x"))))

        var pending = Fixtures.loadedState(config: config)
        press(app, &pending, .char("3"), .char("a"))
        type(app, &pending, "ok")
        press(app, &pending, .enter)
        guard case .comment = pending.overlay else {
            Issue.record("Enter submitted although comment.submit is ctrl-s")
            return
        }
        press(app, &pending, .ctrl("s"))
        #expect(pending.overlay == nil)
    }

    @Test("the ? screen lists the dialogs' keys, with their configured keys")
    func helpListsDialogs() {
        let config = Fixtures.config(keys: ["picker.cancel": ["x"]])
        var state = Fixtures.loadedState(config: config, width: 100, height: 200)
        state.overlay = .help(scroll: 0)
        let lines = Fixtures.render(state).textLines()
        #expect(lines.contains { $0.contains(ConsoleKeys.Scope.picker) })
        #expect(lines.contains { $0.range(of: "┃  x +cancel", options: .regularExpression) != nil })
    }

    @Test("the watch footer names the keys from the table, overrides included")
    func watchFooterFromTheTable() {
        let plain = Fixtures.loadedState(mode: .watch)
        #expect(plain.watchFooterKeys(glyphs: .unicode) == "Tab page · ? help · q quit")
        let config = Fixtures.config(keys: ["quit": ["x"], "screen.next": ["n"]])
        let state = Fixtures.loadedState(config: config, mode: .watch)
        #expect(state.watchFooterKeys(glyphs: .unicode) == "n page · ? help · x quit")
        #expect(Fixtures.render(state).textLines().last?.contains("n page · ? help · x quit") == true)
    }
}
