import Foundation

@testable import AWSCore

/// Shared pieces of the SSO tests: config text, canned SSO answers and a sleeper that moves a test clock.
enum SSOFixtures {
    static let startURL = "https://corp.awsapps.com/start"
    static let endpoint = URL(string: "http://127.0.0.1:4566")!

    /// An `sso_session` profile `dev` (account 111111111111) and a legacy profile `old`.
    static let config = """
        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = PodiumPromoter
        region = us-east-1

        [profile old]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-west-2
        sso_account_id = 222222222222
        sso_role_name = ReadOnly

        [sso-session corp]
        sso_start_url = \(startURL)
        sso_region = eu-west-1
        """

    /// The `sso_session` configuration of profile `dev`.
    static let session = SSOConfiguration(
        profileName: "dev", sessionName: "corp", startURL: startURL, region: "eu-west-1",
        registrationScopes: SSOConfiguration.defaultScopes, accountId: "111111111111", roleName: "PodiumPromoter")

    /// The legacy configuration of profile `old`.
    static let legacy = SSOConfiguration(
        profileName: "old", sessionName: nil, startURL: "https://legacy.awsapps.com/start", region: "us-west-2",
        accountId: "222222222222", roleName: "ReadOnly")

    /// SSO access on a recording transport whose retries never wait.
    static func access(_ transport: RecordingTransport, region: String = "eu-west-1") -> SSOAccess {
        SSOAccess(
            region: region, oidcEndpoint: endpoint, portalEndpoint: endpoint, transport: transport,
            sleeper: RecordingSleeper())
    }

    /// A refreshable token expiring `seconds` after `now`.
    static func token(expiresIn seconds: TimeInterval, now: Date, refreshable: Bool = true) -> SSOToken {
        SSOToken(
            startURL: startURL, region: "eu-west-1", accessToken: "old-access",
            expiresAt: now.addingTimeInterval(seconds),
            clientId: refreshable ? "client-1" : nil, clientSecret: refreshable ? "secret-1" : nil,
            registrationExpiresAt: refreshable ? now.addingTimeInterval(86_400) : nil,
            refreshToken: refreshable ? "refresh-1" : nil)
    }

    /// An OIDC error as AWS sends it: HTTP 400, `x-amzn-ErrorType`, and the OAuth `error` field.
    static func oidcError(_ type: String, _ error: String, status: Int = 400) -> RecordingTransport.Reply {
        .response(
            HTTPResponse(
                status: status,
                headers: [
                    ("Content-Type", "application/json"),
                    ("x-amzn-ErrorType", "\(type):http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"),
                ],
                body: Array(#"{"error":"\#(error)","error_description":null}"#.utf8)))
    }

    /// A JSON 200.
    static func ok(_ body: String) -> RecordingTransport.Reply {
        .response(HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8)))
    }
}

/// A sleeper that records each wait and moves the test clock forward by it, so polling loops run at once.
actor ClockAdvancingSleeper: AWSSleeper {
    private let clock: AuthTestClock
    private(set) var delays: [Duration] = []

    init(clock: AuthTestClock) {
        self.clock = clock
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        delays.append(duration)
        clock.advance(by: TimeInterval(duration.components.seconds))
    }
}
