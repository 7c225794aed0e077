import Testing

@testable import TerminalUI

@Suite struct KeyMapTests {
    @Test(arguments: [
        ("g", Key.char("g")), ("G", Key.char("G")), ("shift-g", Key.char("G")), ("?", Key.char("?")),
        ("ctrl-r", Key.ctrl("r")), ("Ctrl+R", Key.ctrl("r")), ("C-r", Key.ctrl("r")), ("^R", Key.ctrl("r")),
        ("alt-x", Key.alt("x")), ("shift-tab", Key.backTab), ("backtab", Key.backTab), ("F5", Key.f(5)),
        ("f12", Key.f(12)), ("pgdn", Key.pageDown), ("PageUp", Key.pageUp), ("space", Key.space), (" ", Key.space),
        ("enter", Key.enter), ("esc", Key.escape), ("home", Key.home), ("-", Key.char("-")),
        ("ctrl-shift-up", Key(.up, modifiers: [.ctrl, .shift])),
    ])
    func parsesKeySpellings(spelling: String, expected: Key) throws {
        #expect(try Key(parsing: spelling) == expected)
    }

    @Test(arguments: [
        ("", "empty key"), ("ctrl-", "ctrl combines only with letters"), ("ctrl-foo", "unknown key name \"foo\""),
        ("hyper-x", "unknown modifier \"hyper\""),
        ("F25", "function keys go from F1 to F24"), ("ctrl-1", "ctrl combines only with letters"),
        ("ctrl-shift-x", "terminals cannot tell"), ("pgdwn", "did you mean \"pgdn\""),
        ("shift-1", "write the shifted character"),
        ("\u{1B}", "not a printable character"),
    ])
    func rejectsBadSpellingsClearly(spelling: String, fragment: String) {
        do {
            let key = try Key(parsing: spelling)
            Issue.record("\(spelling.debugDescription) parsed as \(key)")
        } catch let error as KeyParseError {
            #expect(error.description.contains(fragment), "got: \(error.description)")
            #expect(error.description.hasPrefix("invalid key \""))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func descriptionsParseBackToTheSameKey() throws {
        let keys: [Key] = [
            .char("g"), .char("G"), .ctrl("r"), .alt("x"), .backTab, .f(5), .pageDown, .pageUp, .space, .enter,
            .escape, .up, .char("-"), .delete, .backspace,
        ]
        for key in keys { #expect(try Key(parsing: key.description) == key, "\(key)") }
    }

    @Test func labelsForHelp() {
        #expect(Key.ctrl("r").label() == "^R")
        #expect(Key.backTab.label() == "S-Tab")
        #expect(Key.up.label(glyphs: .unicode) == "↑")
        #expect(Key.up.label(glyphs: .ascii) == "^")
        #expect(Key.f(5).label() == "F5")
        #expect(Key.space.label() == "Space")
    }

    static let map: KeyMap = {
        var map = KeyMap.navigation
        map.append([
            KeyBinding(action: "app.quit", keys: [.char("q")], description: "quit"),
            KeyBinding(action: "app.refresh", keys: [.char("r")], description: "refresh"),
            KeyBinding(
                action: "pending.reject", keys: [.char("r")], description: "reject", scope: "pending",
                destructive: true),
            KeyBinding(
                action: "pending.approve", keys: [.char("a")], description: "approve", scope: "pending",
                destructive: true, disabledReason: "read-only"),
        ])
        return map
    }()

    @Test func lookupByScopeThenGlobal() {
        let map = Self.map
        #expect(map.action(for: .char("r"), in: "pending") == "pending.reject")
        #expect(map.action(for: .char("r"), in: "dashboard") == "app.refresh")
        #expect(map.action(for: .char("q"), in: "pending") == "app.quit")
        #expect(map.action(for: .char("a"), in: "pending") == nil)
        #expect(map.binding(for: .char("a"), in: "pending")?.disabledReason == "read-only")
        #expect(map.action(for: .char("x"), in: "pending") == nil)
        // The global "r" is shadowed in the pending scope, so help shows only "reject" for r.
        #expect(map.bindings(in: "pending").filter { $0.keys.contains(.char("r")) }.map(\.action) == ["pending.reject"])
        #expect(map.removing { $0.destructive }.action(for: .char("r"), in: "pending") == "app.refresh")
    }

    @Test func arrowsAndVimKeysNavigate() {
        let nav = KeyMap.navigation
        let pairs: [(Key, String)] = [
            (.up, "nav.up"), (.char("k"), "nav.up"), (.down, "nav.down"), (.char("j"), "nav.down"),
            (.left, "nav.left"), (.char("h"), "nav.left"), (.right, "nav.right"), (.char("l"), "nav.right"),
            (.char("g"), "nav.top"), (.home, "nav.top"), (.char("G"), "nav.bottom"), (.end, "nav.bottom"),
            (.pageUp, "nav.pageUp"), (.pageDown, "nav.pageDown"), (.ctrl("f"), "nav.pageDown"),
            (.ctrl("b"), "nav.pageUp"),
        ]
        for (key, action) in pairs { #expect(nav.action(for: key, in: "any") == action, "\(key)") }
    }

    @Test func overridesFromConfig() throws {
        let map = try Self.map.applying(overrides: [
            "app.refresh": ["ctrl-r", "F5"], "nav.down": ["j", "down", "ctrl-n"],
        ])
        #expect(map.action(for: .ctrl("r"), in: "dashboard") == "app.refresh")
        #expect(map.action(for: .f(5), in: "dashboard") == "app.refresh")
        #expect(map.action(for: .char("r"), in: "dashboard") == nil)
        #expect(map.action(for: .ctrl("n"), in: "x") == "nav.down")
    }

    @Test func badOverridesAreRejectedWithTheReason() {
        #expect(throws: KeyMapError(action: "app.refesh", message: "unknown action (did you mean \"app.refresh\"?)")) {
            try Self.map.applying(overrides: ["app.refesh": ["x"]])
        }
        #expect(
            throws: KeyMapError(
                action: "app.quit", message: "invalid key \"ctrl-x-y\": unknown modifier \"x\" (use ctrl, alt or shift)"
            )
        ) {
            try Self.map.applying(overrides: ["app.quit": ["ctrl-x-y"]])
        }
        #expect(
            throws: KeyMapError(
                action: "app.quit", message: "key \"j\" is already bound to \"nav.down\" in scope \"global\"")
        ) {
            try Self.map.applying(overrides: ["app.quit": ["j"]])
        }
        #expect(throws: KeyMapError(action: "app.quit", message: "needs at least one key")) {
            try Self.map.applying(overrides: ["app.quit": []])
        }
        #expect(KeyMapError(action: "a", message: "b").description == "keys.a: b")
    }

    @Test func helpBarAndHelpScreenComeFromTheTable() {
        var map = Self.map
        let items = HelpBar(keyMap: map, scope: "pending").items(glyphs: .unicode)
        #expect(items.map(\.key) == ["r", "a", "q"])
        #expect(items.map(\.enabled) == [true, false, true])
        map.setDisabledReason(nil, forAction: "pending.approve")
        #expect(HelpBar(keyMap: map, scope: "pending").items(glyphs: .unicode).map(\.enabled) == [true, true, true])
        let help = HelpScreen(keyMap: Self.map).lines(glyphs: .ascii)
        #expect(help.contains { $0.keys == "k, ^" || $0.keys == "^, k" })
        #expect(help.contains { $0.text == "approve ! (unavailable: read-only)" && $0.role == .helpDisabled })
    }

    /// A command type of the kind an app declares: the raw value is the override name.
    enum Command: String, KeyAction, CaseIterable {
        case approve
        case quit
        case up = "nav.up"
        case down = "nav.down"
    }

    @Test func typedActionsAndScopeQualifiedOverrides() throws {
        var map = KeyMap<Command>([
            KeyBinding(action: .approve, keys: [.char("a")], description: "approve", scope: "detail"),
            KeyBinding(action: .approve, keys: [.char("a")], description: "approve", scope: "pending"),
            KeyBinding(action: .quit, keys: [.char("q")], description: "quit"),
        ])
        // The shared navigation, wrapped into the app's type (here only up and down have a command).
        let navigation = KeyMap<Command>.navigation { Command(rawValue: $0.rawValue) ?? .quit }
        map.append(navigation.bindings.filter { $0.action != .quit })
        #expect(map.action(for: .char("a"), in: "pending") == .approve)
        #expect(map.action(for: .char("j"), in: "pending") == .down)
        // A plain name changes every scope; `scope.name` only that one (and wins over the plain name there).
        let both = try map.applying(overrides: ["approve": ["A"]])
        #expect(
            both.action(for: .char("A"), in: "detail") == .approve
                && both.action(for: .char("A"), in: "pending") == .approve)
        let one = try map.applying(overrides: ["approve": ["A"], "pending.approve": ["x"]])
        #expect(one.action(for: .char("A"), in: "detail") == .approve)
        #expect(
            one.action(for: .char("x"), in: "pending") == .approve && one.action(for: .char("A"), in: "pending") == nil)
        #expect(map.binding(forAction: "pending.approve")?.scope == "pending")
        // The nearest name is suggested, not a shorter name it starts with.
        #expect(
            throws: KeyMapError(
                action: "pending.approvee", message: #"unknown action (did you mean "pending.approve"?)"#)
        ) {
            try map.applying(overrides: ["pending.approvee": ["A"]])
        }
    }
}
