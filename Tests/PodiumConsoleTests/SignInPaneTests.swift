import AWSCore
import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The sign-in pane: an expired SSO session found in a failed refresh opens it (typed, from AWSCore's error), it
/// shows why, the URL, the code and a countdown on the injected clock, each phase's help bar lists only the keys it
/// takes, and a completed sign-in closes it and runs the refreshes again.
@Suite("Sign-in pane")
struct SignInPaneTests {
    static let expired = SSOSignInRequired(
        profile: "dev-sso", session: "sso-session \"corp\"", startURL: "https://corp.awsapps.com/start",
        reason: .refreshRefused(code: "InvalidGrantException"))

    /// The error a service call gives when the session expired: AWSClient keeps it typed.
    static var failed: ConsoleError {
        ConsoleError(AWSClientError.signInRequired(service: "SageMaker", operation: "ListEndpoints", expired))
    }

    static let prompt = SignInPrompt(
        url: "https://device.sso.eu-west-1.amazonaws.com/?user_code=WDJB-MJHT", userCode: "WDJB-MJHT", lifetime: 600)

    /// The help bar (last row) of a rendered state.
    static func helpBar(_ state: ConsoleState) -> String {
        ConsoleSnapshot.text(Fixtures.render(state)).split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test("an expired session is recognised by its type, however it travelled; a message that quotes one is not")
    func detection() {
        #expect(Self.failed.signInRequired == Self.expired)
        #expect(ConsoleError(SSOError.signInRequired(Self.expired)).signInProfile == "dev-sso")
        // Through PodiumCore (a failed health refresh of `podium status`, a session call) the type survives.
        let carried = PodiumError(AWSClientError.signInRequired(service: "STS", operation: "X", Self.expired))
        #expect(ConsoleError(carried).signInRequired == Self.expired)
        // Text that merely says the words (another provider's message, a flattened old error) opens nothing.
        let quoted = ConsoleError(
            AWSClientError.credentialsUnavailable(
                service: "SageMaker", operation: "ListEndpoints",
                reason: String(describing: SSOError.signInRequired(Self.expired))))
        #expect(quoted.signInProfile == nil)
        #expect(ConsoleError("SSO sign-in needed for profile \"dev-sso\" (x)").signInProfile == nil)
        let other = ConsoleError(
            AWSClientError.credentialsUnavailable(
                service: "STS", operation: "AssumeRole", reason: "profile \"dev\" not found"))
        #expect(other.signInProfile == nil)
        let unreachable = ConsoleError(
            AWSClientError.credentialsUnreachable(
                service: "SSO", operation: "GetRoleCredentials", reason: "connection refused"))
        #expect(unreachable.signInProfile == nil)
        // A credential problem is never called a connection problem.
        #expect(!Self.failed.isUnreachable)
        #expect(Self.failed.message.contains("podium login --profile dev-sso"))
    }

    @Test("a failed refresh opens the pane once and starts one flow; the countdown runs on the console's clock")
    func opensAndCounts() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 100, height: 24)
        let effects = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))
        #expect(taskIDs(effects) == ["signin"])
        #expect(state.signIn?.needed == Self.expired)
        // Further failures while the flow runs start nothing more.
        let again = app.update(&state, .registryLoaded(.failure(Self.failed), at: Fixtures.now))
        #expect(taskIDs(again).isEmpty)

        // The prompt arrives 30 s after the last tick: the code's 10 minutes start at the console's now.
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(30)))
        _ = app.update(&state, .signInPrompted(Self.prompt))
        #expect(state.signIn?.phase == .waiting(Self.prompt, until: Fixtures.now.addingTimeInterval(630)))
        #expect(ConsoleSnapshot.text(Fixtures.render(state)).contains("Expires in 10:00"))
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(91)))
        let text = ConsoleSnapshot.text(Fixtures.render(state))
        #expect(text.contains("Expires in 8:59"))
        #expect(text.contains("Code: WDJB-MJHT"))
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(700)))
        #expect(ConsoleSnapshot.text(Fixtures.render(state)).contains("Expires in 0:00"))
    }

    @Test("each phase's help bar lists exactly the keys it takes; snapshots of starting, waiting, failed and done")
    func keyBarPerPhase() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 100, height: 24)
        _ = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))

        // Starting and waiting: only abandoning; Enter does nothing there, and the bar does not offer it.
        assertConsoleSnapshot(Fixtures.render(state), named: "signin-starting")
        #expect(Self.helpBar(state).contains("Esc abandon the sign-in"))
        #expect(!Self.helpBar(state).contains("Enter"))
        _ = app.update(&state, .signInPrompted(Self.prompt))
        assertConsoleSnapshot(Fixtures.render(state), named: "signin-waiting")
        #expect(!Self.helpBar(state).contains("Enter") && Self.helpBar(state).contains("Esc abandon"))
        #expect(taskIDs(press(app, &state, .enter)).isEmpty)
        #expect(state.signIn?.phase == .waiting(Self.prompt, until: Fixtures.now.addingTimeInterval(600)))

        // Failed: start again or close, both offered.
        let declined = ConsoleError(SSOError.deviceAuthorizationFailed(profile: "dev-sso", reason: .denied))
        _ = app.update(&state, .signInFinished(profile: "dev-sso", declined))
        assertConsoleSnapshot(Fixtures.render(state), named: "signin-failed")
        #expect(Self.helpBar(state).contains("Enter sign in again") && Self.helpBar(state).contains("Esc abandon"))

        // Done: the pane closes itself; the bar is the screen's again.
        _ = press(app, &state, .enter)
        _ = app.update(&state, .signInPrompted(Self.prompt))
        _ = app.update(&state, .signInFinished(profile: "dev-sso", nil))
        #expect(state.signIn == nil && state.overlay == nil)
        assertConsoleSnapshot(Fixtures.render(state), named: "signin-done")
        #expect(!Self.helpBar(state).contains("sign"))
    }

    @Test(
        "an expired refresh token is said plainly in the console: the pane names the refusal, the banner not the network"
    )
    func expiredRefreshTokenIsClear() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 100, height: 24)
        _ = app.update(&state, .identityLoaded(.failure(Self.failed), at: Fixtures.now))
        let pane = ConsoleSnapshot.text(Fixtures.render(state))
        #expect(pane.contains("Profile \"dev-sso\" (sso-session \"corp\") needs a new sign-in:"))
        // The reason, wrapped in the pane: the refresh token was refused, with AWS's code.
        #expect(pane.contains("The SSO session has expired: IAM Identity Center refused to refresh"))
        #expect(pane.contains("the token (InvalidGrantException)."))
        // Abandoned, the console carries on: every source failing on it is said to be no network problem.
        _ = press(app, &state, .escape)
        for env in ["dev", "prod"] {
            _ = app.update(&state, .healthLoaded(environment: env, .failure(Self.failed), at: Fixtures.now))
        }
        _ = app.update(&state, .registryLoaded(.failure(Self.failed), at: Fixtures.now))
        #expect(state.overlay == nil)
        let screen = ConsoleSnapshot.text(Fixtures.render(state))
        #expect(screen.contains("EVERY SOURCE IS FAILING — not the connection"))
        #expect(!screen.contains("NO CONNECTION"))
    }

    @Test("completing the sign-in closes the pane and forces the refreshes that failed")
    func completes() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        _ = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))
        _ = app.update(&state, .signInPrompted(Self.prompt))
        let effects = app.update(&state, .signInFinished(profile: "dev-sso", nil))
        #expect(state.signIn == nil)
        #expect(state.overlay == nil)
        #expect(Set(taskIDs(effects)).isSuperset(of: ["health.dev", "health.prod", "registry"]))
    }

    @Test("a failed flow stays open with its reason; Enter starts again; Esc abandons and cancels the flow")
    func failsRetriesAbandons() async {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        let first = app.update(&state, .identityLoaded(.failure(Self.failed), at: Fixtures.now))
        // The recording service cannot sign in: the flow ends with its error, shown in the pane.
        let posted = await runEffects(first)
        for action in posted { _ = app.update(&state, action) }
        guard case .failed(let message) = state.signIn?.phase else {
            Issue.record("pane not failed: \(String(describing: state.signIn))")
            return
        }
        #expect(message.contains("podium login --profile dev-sso"))
        #expect(taskIDs(press(app, &state, .enter)) == ["signin"])
        #expect(state.signIn?.phase == .starting)
        let cancel = press(app, &state, .escape)
        #expect(state.signIn?.phase == .abandoned && state.overlay == nil)
        #expect(
            cancel.contains {
                if case .cancel(let id) = $0.operation { return id == ConsoleApp.signInEffect }
                return false
            })
    }

    @Test("an abandoned sign-in is not offered again at every failing refresh, only after one has worked")
    func abandonedStaysClosed() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        _ = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))
        _ = press(app, &state, .escape)
        // A prompt posted before the cancel landed does not reopen it; nor does the next failing refresh.
        _ = app.update(&state, .signInPrompted(Self.prompt))
        let failing = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))
        #expect(taskIDs(failing).isEmpty && state.overlay == nil && state.signIn?.isUnderWay == false)
        // The session came back (a `podium login` in a shell); when it expires again, the pane is offered again.
        let health = Fixtures.health(Fixtures.config(), env: "dev")
        _ = app.update(&state, .healthLoaded(environment: "dev", .success(health), at: Fixtures.now))
        #expect(state.signIn == nil)
        let again = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))
        #expect(taskIDs(again) == ["signin"] && state.signIn?.phase == .starting)
        guard case .signIn = state.overlay else {
            Issue.record("the pane is not shown: \(String(describing: state.overlay))")
            return
        }
    }

    @Test("a decision in progress is not taken away: no pane over a quit dialog")
    func waitsForDialogs() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.overlay = .confirmQuit
        let effects = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.failed), at: Fixtures.now))
        #expect(taskIDs(effects).isEmpty)
        #expect(state.signIn == nil)
    }

    @Test("the pane's keys: Enter only after a failure, Esc always; handle follows accepts")
    func keys() {
        var pane = SignInPane(Self.expired)
        #expect(!pane.accepts(.signInRetry) && pane.accepts(.signInCancel))
        #expect(pane.handle(.signInRetry) == .open)
        #expect(pane.handle(.signInCancel) == .cancelled)
        pane.phase = .waiting(Self.prompt, until: Fixtures.now)
        #expect(!pane.accepts(.signInRetry) && pane.handle(.signInRetry) == .open)
        pane.phase = .failed("declined")
        #expect(pane.accepts(.signInRetry) && pane.handle(.signInRetry) == .retry)
        #expect(pane.handle(nil) == .open)
        #expect(!pane.accepts(.quit))
    }
}
