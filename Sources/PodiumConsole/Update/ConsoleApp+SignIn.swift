import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    /// The sign-in flow's effect id: one flow at a time, and Esc cancels it.
    static let signInEffect = EffectID("signin")

    /// After a result lands: a refresh that failed because the SSO session expired opens the sign-in pane and
    /// starts the device flow, instead of leaving the console to fail on every refresh. Once per flow: a pane
    /// already open (or dismissed while other results keep failing) is left as it is until the flow ends.
    func offerSignIn(_ state: inout ConsoleState, after action: ConsoleAction) -> [Effect<ConsoleAction>] {
        // An abandoned sign-in is offered again only after a refresh has worked since (the session came back, e.g.
        // through `podium login` in a shell); until then a failing refresh does not start a device flow every time.
        if state.signIn?.isUnderWay == false, Self.succeeded(action) { state.signIn = nil }
        guard state.signIn == nil, let error = Self.failure(of: action), let needed = error.signInRequired else {
            return []
        }
        // A dialog the operator is in (a plan, a comment) is not taken away: the pane waits for it to close.
        if let overlay = state.overlay, !Self.yieldsToSignIn(overlay) { return [] }
        state.signIn = SignInPane(needed)
        state.overlay = .signIn
        return [startSignIn(needed.profile)]
    }

    /// The device flow of a profile: the prompt as soon as IAM Identity Center gives one, then the outcome.
    func startSignIn(_ profile: String) -> Effect<ConsoleAction> {
        let service = self.service
        return .run(id: Self.signInEffect) { send in
            do {
                try await service.signIn(profile: profile) { send(.signInPrompted($0)) }
                send(.signInFinished(profile: profile, nil))
            } catch is CancellationError {
                return
            } catch {
                send(.signInFinished(profile: profile, ConsoleError(error)))
            }
        }
    }

    /// The flow's results.
    func applySignIn(_ state: inout ConsoleState, _ action: ConsoleAction) -> [Effect<ConsoleAction>] {
        // A result posted just before Esc cancelled the flow does not bring the pane back.
        guard state.signIn?.isUnderWay == true else { return [] }
        switch action {
        case .signInPrompted(let prompt):
            // The countdown runs on the console's clock from the moment the prompt arrives.
            state.signIn?.phase = .waiting(prompt, until: state.now.addingTimeInterval(prompt.lifetime))
            return []
        case .signInFinished(let profile, let error):
            guard state.signIn?.profile == profile else { return [] }
            if let error {
                state.signIn?.phase = .failed(error.message)
                return []
            }
            state.signIn = nil
            if case .signIn = state.overlay { state.overlay = nil }
            state.toast("signed in (profile \(profile)): refreshing", kind: .success)
            // The refreshes that failed run again now, not at their next interval.
            return scheduleRefreshes(&state, force: true)
        default:
            return []
        }
    }

    /// Keys while the pane is open (`signin` scope).
    func handleSignInKey(_ state: inout ConsoleState, _ command: ConsoleCommand?) -> [Effect<ConsoleAction>] {
        guard let pane = state.signIn else {
            state.overlay = nil
            return []
        }
        switch pane.handle(command) {
        case .open:
            return []
        case .cancelled:
            state.signIn?.phase = .abandoned
            state.overlay = nil
            state.toast("sign-in abandoned: run `podium login --profile \(pane.profile)`", kind: .info, lifetime: 10)
            return [.cancel(Self.signInEffect)]
        case .retry:
            state.signIn?.phase = .starting
            return [startSignIn(pane.profile)]
        }
    }

    /// The outcome a refresh's result action carries, without its data (nil: not a refresh result).
    static func outcome(of action: ConsoleAction) -> Result<Void, ConsoleError>? {
        func plain<T>(_ result: Result<T, ConsoleError>) -> Result<Void, ConsoleError> { result.map { _ in () } }
        switch action {
        case .identityLoaded(let result, _, _): return plain(result)
        case .healthLoaded(_, let result, _, _): return plain(result)
        case .registryLoaded(let result, _, _): return plain(result)
        case .versionsLoaded(_, let result, _, _): return plain(result)
        case .detailLoaded(_, let result, _, _): return plain(result)
        default: return nil
        }
    }

    /// The failure a result action carries, if any.
    static func failure(of action: ConsoleAction) -> ConsoleError? {
        if case .failure(let error)? = outcome(of: action) { return error }
        return nil
    }

    /// Whether a result action carries data (a refresh that worked).
    static func succeeded(_ action: ConsoleAction) -> Bool {
        if case .success? = outcome(of: action) { return true }
        return false
    }

    /// Overlays the pane may replace: those that only show things (help), not those holding a decision.
    static func yieldsToSignIn(_ overlay: ConsoleOverlay) -> Bool {
        if case .help = overlay { return true }
        return false
    }
}
