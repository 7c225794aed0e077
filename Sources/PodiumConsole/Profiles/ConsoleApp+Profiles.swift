import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// The `:profile` effect's id: one switch at a time.
    static let profileEffect = EffectID("profile")

    /// `:profile …` (see `ProfileCommand`).
    func runProfileCommand(_ state: inout ConsoleState, _ words: [String]) -> [Effect<ConsoleAction>] {
        let parsed = ProfileCommand.parse(
            words, focused: state.focusedEnvironment, environments: state.config.environments.map(\.name))
        let command: ProfileCommand
        switch parsed {
        case .success(let value): command = value
        case .failure(let error):
            state.toast(error.message, kind: .error, lifetime: 10)
            return []
        }
        guard case .list = command else { return startSwitch(&state, command) }
        let lines = profileListing(state)
        for line in lines { state.toast(line, kind: .info, lifetime: 12) }
        return []
    }

    /// One line per switched environment (toasts are one line of at most 90 columns; the headers show the rest):
    /// `prod → profile prod-promoter as podium-promoter/alice · config: profile prod-ro`.
    func profileListing(_ state: ConsoleState) -> [String] {
        let switched = state.config.environments.compactMap { env in
            state.profiles.switched[env.name].map { (env, $0) }
        }
        guard !switched.isEmpty else {
            return ["every environment uses its config's credentials; `:profile NAME` switches the focused one"]
        }
        return switched.map { env, entry in
            var text = "\(env.name) → \(entry.credentials.summary)"
            if let identity = entry.identity {
                let name = identity.shortName
                text +=
                    " as " + (name.hasPrefix("assumed-role/") ? String(name.dropFirst("assumed-role/".count)) : name)
            }
            return text + " · config: \(entry.configured.summary)"
        }
    }

    /// Starts a switch or reset unless something forbids it now.
    func startSwitch(_ state: inout ConsoleState, _ command: ProfileCommand) -> [Effect<ConsoleAction>] {
        let request = command.request
        let environment: String
        switch request {
        case .profile(let name, _), .reset(let name): environment = name
        case .list: return []
        }
        if let refusal = switchRefusal(state, environment: environment) {
            state.toast(refusal, kind: .error, lifetime: 10)
            return []
        }
        if case .reset = request, state.profiles.switched[environment] == nil {
            state.toast("\(environment) already uses its config's credentials", kind: .info)
            return []
        }
        state.profiles.pending = request
        if case .profile(_, let name) = request {
            state.toast("switching \(environment) to profile \(name)…", kind: .info)
        }
        return [credentialsEffect(request)]
    }

    /// Why `environment`'s credentials cannot change now, or nil.
    func switchRefusal(_ state: ConsoleState, environment: String) -> String? {
        if state.profiles.pending != nil { return "a credentials switch is already running: wait for it" }
        if let run = state.deployment, run.isRunning, run.plan.environment == environment {
            return "\(run.label) is running in \(environment): switch its credentials once it has finished"
        }
        if case .traffic(let pane) = state.overlay, pane.environment == environment, case .running = pane.phase {
            return "a traffic change is running in \(environment): switch its credentials once it has finished"
        }
        return nil
    }

    /// The session call, off the input path.
    func credentialsEffect(_ request: CredentialSwitch) -> Effect<ConsoleAction> {
        let service = self.service
        // The start-up listing has its own id: a switch typed meanwhile must not cancel it, nor it a switch.
        return .task(id: request == .list ? EffectID("profile.list") : Self.profileEffect) {
            do {
                return .credentialsSwitched(request, .success(try await service.switchCredentials(request)))
            } catch {
                var failure = ConsoleError(error)
                // The hint (the nearest profile name, the account to pick) is half of the message here.
                if let error = error as? PodiumError, let hint = error.hint { failure.message += "; " + hint }
                return .credentialsSwitched(request, .failure(failure))
            }
        }
    }

    /// A switch, reset or listing landed.
    func landCredentials(
        _ state: inout ConsoleState, _ request: CredentialSwitch,
        _ result: Result<CredentialSwitchOutcome, ConsoleError>
    ) -> [Effect<ConsoleAction>] {
        if state.profiles.pending == request { state.profiles.pending = nil }
        switch (request, result) {
        case (.list, .success(let outcome)):
            state.profiles.apply(outcome)
            // A `:` line opened before the names came (in the first second) completes them too.
            if case .command(var editor) = state.overlay {
                editor.candidates = commandCandidates(state)
                state.overlay = .command(editor)
            }
            return []
        case (.list, .failure):
            return []  // completion only: the names stay as they were
        case (_, .success(let outcome)):
            state.profiles.apply(outcome)
            guard let changed = outcome.changed else { return [] }
            var message: String
            if changed.isSwitched {
                message = "\(changed.environment) now uses \(changed.credentials.summary)"
                if let identity = changed.identity { message += " as \(identity.shortName) (\(identity.account))" }
            } else {
                message = "\(changed.environment) is back on its config's credentials (\(changed.configured.summary))"
            }
            if !outcome.notes.isEmpty { message += "; " + outcome.notes.joined(separator: "; ") }
            state.toast(message, kind: .success, lifetime: 10)
            return dropEnvironmentData(&state, changed.environment)
        case (.profile(let environment, let name), .failure(let error)):
            if let needed = error.signInRequired, state.signIn?.isUnderWay != true, state.overlay == nil {
                // An expired SSO session: the sign-in pane, then the operator runs the switch again.
                state.signIn = SignInPane(needed)
                state.overlay = .signIn
                state.toast("sign in, then `:profile \(environment) \(name)` again", kind: .info, lifetime: 15)
                return [startSignIn(needed.profile)]
            }
            state.toast("\(environment) keeps its credentials: \(error.message)", kind: .error, lifetime: 15)
            return []
        case (.reset(let environment), .failure(let error)):
            state.toast("\(environment): \(error.message)", kind: .error, lifetime: 15)
            return []
        }
    }

    /// Forgets what was shown of an environment (read with the old credentials) and reads it again now. Results of
    /// requests started before this moment are ignored (`valueRequestedAt`), so none lands after the switch.
    func dropEnvironmentData(_ state: inout ConsoleState, _ environment: String) -> [Effect<ConsoleAction>] {
        var fresh = Loadable<EnvironmentHealth>()
        fresh.valueRequestedAt = state.now
        state.health[environment] = fresh
        if state.pipeline.value != nil { state.pipeline.lastAttempt = nil }
        state.clampCursor(ConsoleScreen.dashboard.listKey, count: state.dashboardRows.count)
        return scheduleRefreshes(&state, force: false)
    }

    /// The profile names for completion, asked for once, when the start-up identity lands (a tick or the start would
    /// change what their effects are known to be).
    func loadProfileNamesOnce(_ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        guard !state.profiles.namesRequested, !state.options.isWatch else { return [] }
        state.profiles.namesRequested = true
        return [credentialsEffect(.list)]
    }

    /// `:profile` completions: the reset words, each profile, and each environment with each profile.
    func profileCandidates(_ state: ConsoleState) -> [String] {
        let names = state.profiles.profileNames
        var candidates = ["profile", "profile -", "profile reset"] + names.map { "profile " + $0 }
        for env in state.config.environments {
            candidates += (["-"] + names).map { "profile \(env.name) " + $0 }
        }
        return candidates
    }
}
