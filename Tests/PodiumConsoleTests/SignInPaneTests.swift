import AWSCore
import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The sign-in pane: an expired SSO session found in a failed refresh opens it, it shows the URL, the code and a
/// countdown on the injected clock, and a completed sign-in closes it and runs the refreshes again.
@Suite("Sign-in pane")
struct SignInPaneTests {
    static let expired = SSOSignInRequired(
        profile: "dev-sso", session: "sso-session \"corp\"", startURL: "https://corp.awsapps.com/start",
        reason: .refreshRefused(code: "InvalidGrantException"))

    /// The error a service call gives when the session expired: AWSClient flattens the typed one.
    static var flattened: ConsoleError {
        ConsoleError(
            AWSClientError.credentialsUnavailable(
                service: "SageMaker", operation: "ListEndpoints",
                reason: String(describing: SSOError.signInRequired(expired))))
    }

    static let prompt = SignInPrompt(
        url: "https://device.sso.eu-west-1.amazonaws.com/?user_code=WDJB-MJHT", userCode: "WDJB-MJHT",
        expiresAt: Fixtures.now.addingTimeInterval(600))

    @Test("an expired session is recognised, typed or flattened; other credential failures are not")
    func detection() {
        #expect(Self.flattened.signInProfile == "dev-sso")
        #expect(ConsoleError(SSOError.signInRequired(Self.expired)).signInProfile == "dev-sso")
        let other = ConsoleError(
            AWSClientError.credentialsUnavailable(
                service: "STS", operation: "AssumeRole", reason: "profile \"dev\" not found"))
        #expect(other.signInProfile == nil)
        let unreachable = ConsoleError(
            AWSClientError.credentialsUnreachable(
                service: "SSO", operation: "GetRoleCredentials", reason: "connection refused"))
        #expect(unreachable.signInProfile == nil)
        #expect(ConsoleError("timed out after 20s").signInProfile == nil)
    }

    @Test("a failed refresh opens the pane once and starts one flow; the prompt shows with a countdown")
    func opensAndCounts() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 100, height: 24)
        let effects = app.update(
            &state, .healthLoaded(environment: "dev", .failure(Self.flattened), at: Fixtures.now))
        #expect(taskIDs(effects) == ["signin"])
        #expect(state.signIn?.profile == "dev-sso")
        // Further failures while the flow runs start nothing more.
        let again = app.update(&state, .registryLoaded(.failure(Self.flattened), at: Fixtures.now))
        #expect(taskIDs(again).isEmpty)

        _ = app.update(&state, .signInPrompted(Self.prompt))
        #expect(state.signIn?.phase == .waiting(Self.prompt))
        assertConsoleSnapshot(Fixtures.render(state), named: "signin-waiting")
        _ = app.update(&state, .tick(Fixtures.now.addingTimeInterval(61)))
        let text = ConsoleSnapshot.text(Fixtures.render(state))
        #expect(text.contains("Expires in 8:59"))
        #expect(text.contains("Code: WDJB-MJHT"))
    }

    @Test("completing the sign-in closes the pane and forces the refreshes that failed")
    func completes() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        _ = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.flattened), at: Fixtures.now))
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
        let first = app.update(
            &state, .identityLoaded(.failure(Self.flattened), at: Fixtures.now))
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
        #expect(state.signIn == nil && state.overlay == nil)
        #expect(
            cancel.contains {
                if case .cancel(let id) = $0.operation { return id == ConsoleApp.signInEffect }
                return false
            })
    }

    @Test("a decision in progress is not taken away: no pane over a quit dialog")
    func waitsForDialogs() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.overlay = .confirmQuit
        let effects = app.update(&state, .healthLoaded(environment: "dev", .failure(Self.flattened), at: Fixtures.now))
        #expect(taskIDs(effects).isEmpty)
        #expect(state.signIn == nil)
    }

    @Test("the pane's keys: Enter retries only after a failure, Esc abandons")
    func keys() {
        var pane = SignInPane(profile: "p", reason: "r")
        #expect(pane.handle(.signInRetry) == .open)
        #expect(pane.handle(.signInCancel) == .cancelled)
        pane.phase = .failed("declined")
        #expect(pane.handle(.signInRetry) == .retry)
        #expect(pane.handle(nil) == .open)
    }
}
