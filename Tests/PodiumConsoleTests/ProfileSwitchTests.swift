import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// `:profile`: parsing, the refusals decided in the console, and what a switch's result does to the state and
/// the dashboard. (The session's side is `CredentialSwitchTests`; the real console is `ProfileConsoleEndToEndTests`.)
@Suite("Profile switch")
struct ProfileSwitchTests {
    static let environments = ["dev", "prod"]

    static func parse(_ line: String, focused: String? = nil) -> Result<ProfileCommand, ConsoleError> {
        ProfileCommand.parse(
            line.split(separator: " ").map(String.init), focused: focused, environments: environments)
    }

    @Test(
        "parsing",
        arguments: [
            ("", nil, ProfileCommand.list),
            ("promoter", "prod", .switchTo(environment: "prod", profile: "promoter")),
            ("prod promoter", nil, .switchTo(environment: "prod", profile: "promoter")),
            ("-", "prod", .reset(environment: "prod")),
            ("dev reset", "prod", .reset(environment: "dev")),
        ] as [(String, String?, ProfileCommand)])
    func parsing(line: String, focused: String?, expected: ProfileCommand) throws {
        #expect(try Self.parse(line, focused: focused).get() == expected)
    }

    @Test("errors say what to type: `:env NAME` first, the nearest environment, the usage")
    func parseErrors() {
        guard case .failure(let unfocused) = Self.parse("promoter") else { Issue.record("accepted"); return }
        #expect(unfocused.message.contains("`:env NAME` first"))
        guard case .failure(let typo) = Self.parse("prdo promoter") else { Issue.record("accepted"); return }
        #expect(typo.message.contains("did you mean \"prod\"?"))
        guard case .failure(let extra) = Self.parse("prod a b") else { Issue.record("accepted"); return }
        #expect(extra.message.hasPrefix("usage:"))
    }

    static func outcome(switched: Bool, names: [String] = ["prod-promoter", "prod-ro"]) -> CredentialSwitchOutcome {
        let config = Fixtures.config()
        let entries = config.environments.map { env in
            EnvironmentCredentials(
                environment: env.name,
                credentials: switched && env.name == "prod"
                    ? CredentialsConfig(profile: "prod-promoter") : env.credentials,
                configured: env.credentials,
                identity: switched && env.name == "prod"
                    ? CallerIdentity(
                        arn: "arn:aws:sts::333333333333:assumed-role/podium-promoter/alice", account: "333333333333",
                        userId: nil) : nil)
        }
        return CredentialSwitchOutcome(
            environments: entries, profileNames: names, changed: entries.first { $0.environment == "prod" })
    }

    @Test("a switch starts one effect; a second, or one while a promotion runs there, is refused")
    func refusals() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.focusedEnvironment = "prod"
        #expect(app.runCommand(&state, "profile prod-promoter").count == 1)
        #expect(state.profiles.pending == .profile(environment: "prod", name: "prod-promoter"))
        #expect(app.runCommand(&state, "profile dev other").isEmpty)
        #expect(state.toasts.visible(at: Fixtures.now.timeIntervalSince1970).last?.message.contains("already") == true)

        var busy = Fixtures.loadedState()
        busy.deployment = DeploymentRun(plan: samplePlan(environment: "prod"), startedAt: Fixtures.now)
        #expect(app.runCommand(&busy, "profile prod prod-promoter").isEmpty)
        #expect(busy.profiles.pending == nil)
        #expect(
            busy.toasts.visible(at: Fixtures.now.timeIntervalSince1970).last?.message.contains("is running in prod")
                == true)
        // Another environment may switch meanwhile.
        #expect(app.runCommand(&busy, "profile dev prod-ro").count == 1)
    }

    @Test("a switch drops prod's data (late old results are ignored), marks the header, and can be listed and reset")
    func landing() throws {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 160)
        state.focusedEnvironment = "prod"
        let request = CredentialSwitch.profile(environment: "prod", name: "prod-promoter")
        _ = app.runCommand(&state, "profile prod-promoter")
        state.now = Fixtures.now.addingTimeInterval(5)
        let effects = app.update(&state, .credentialsSwitched(request, .success(Self.outcome(switched: true))))
        #expect(state.profiles.pending == nil)
        #expect(state.profiles.switched["prod"]?.credentials.profile == "prod-promoter")
        #expect(state.health["dev"]?.value != nil)
        #expect(state.health["prod"]?.value == nil)
        #expect(state.health["prod"]?.inFlight == true)  // read again at once
        #expect(!effects.isEmpty)
        // A health result requested before the switch (with the old credentials) does not land.
        _ = app.update(
            &state,
            .healthLoaded(
                environment: "prod", .success(Fixtures.health(state.config, env: "prod")), at: state.now,
                requested: Fixtures.now))
        #expect(state.health["prod"]?.value == nil)

        let screen = ConsoleSnapshot.text(Fixtures.render(state))
        #expect(screen.contains("prod [profile prod-promoter]"), "\(screen)")
        #expect(screen.contains("switched from podium-promoter"), "\(screen)")
        #expect(screen.contains("now uses profile prod-promoter as assumed-role/podium-promoter/alice"), "\(screen)")

        _ = app.runCommand(&state, "profile")
        let listing = try #require(state.toasts.visible(at: state.now.timeIntervalSince1970).last?.message)
        #expect(
            listing
                == "prod → profile prod-promoter as podium-promoter/alice · config: role "
                + "arn:aws:iam::333333333333:role/podium-promoter")
        #expect(app.commandCandidates(state).contains("profile prod prod-ro"))

        #expect(app.runCommand(&state, "profile -").count == 1)
        _ = app.update(
            &state, .credentialsSwitched(.reset(environment: "prod"), .success(Self.outcome(switched: false))))
        #expect(state.profiles.switched.isEmpty)
        #expect(!ConsoleSnapshot.text(Fixtures.render(state)).contains("[profile"))
    }

    @Test("a refused switch keeps everything and says why")
    func failure() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let request = CredentialSwitch.profile(environment: "prod", name: "dev-admin")
        _ = app.runCommand(&state, "profile prod dev-admin")
        let refusal = ConsoleError(
            "profile dev-admin signs in to account 111111111111, but prod is account 333333333333")
        _ = app.update(&state, .credentialsSwitched(request, .failure(refusal)))
        #expect(state.profiles.pending == nil)
        #expect(state.profiles.switched.isEmpty)
        #expect(state.health["prod"]?.value != nil)
        let toast = state.toasts.visible(at: state.now.timeIntervalSince1970).last?.message ?? ""
        #expect(toast.hasPrefix("prod keeps its credentials: profile dev-admin signs in to account 111111111111"))
    }

    @Test("profile names that land while the `:` line is open complete there too")
    func namesLandWhileLineIsOpen() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        _ = app.update(&state, .input(.key(.char(":"))))
        for character in "profile prod-pro" { _ = app.update(&state, .input(.key(.char(character)))) }
        let names = CredentialSwitchOutcome(environments: [], profileNames: ["dev-admin", "prod-promoter"])
        _ = app.update(&state, .credentialsSwitched(.list, .success(names)))
        _ = app.update(&state, .input(.key(.tab)))
        guard case .command(let editor) = state.overlay else {
            Issue.record("the command line closed")
            return
        }
        #expect(editor.text == "profile prod-promoter")
    }
}
