import Foundation
import Testing

@testable import AWSCore

/// A settable clock for credential tests; nothing ever waits on it.
final class AuthTestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = start
    }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }

    /// The clock as the closure the providers take.
    var function: @Sendable () -> Date { { self.now } }
}

/// A provider that counts its fetches and returns credentials valid for `lifetime` from the clock's now.
///
/// With `gated`, each fetch waits until `open()` is called, so tests can pile up callers behind one fetch.
actor CountingCredentialProvider: CredentialProvider {
    private let clock: AuthTestClock
    private let lifetime: TimeInterval?
    private(set) var fetches = 0
    private var failing = false
    private var gated: Bool
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(clock: AuthTestClock, lifetime: TimeInterval? = 3600, gated: Bool = false) {
        self.clock = clock
        self.lifetime = lifetime
        self.gated = gated
    }

    func setFailing(_ value: Bool) { failing = value }

    /// Lets every waiting and future fetch proceed.
    func open() {
        gated = false
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    /// Fetches waiting at the gate.
    var waitingAtGate: Int { waiters.count }

    func getCredentials() async throws -> AWSCredentials {
        fetches += 1
        let number = fetches
        if gated {
            await withCheckedContinuation { waiters.append($0) }
        }
        if failing { throw CredentialProviderError.invalidMetadataResponse(provider: "test", reason: "failing") }
        return AWSCredentials(
            accessKeyId: "ASIAFETCH\(number)", secretAccessKey: "secret-\(number)", sessionToken: "token-\(number)",
            expiration: lifetime.map { clock.now.addingTimeInterval($0) })
    }
}

/// Polls `condition` (yielding, never sleeping) until it holds or the deadline passes.
func pollUntil(
    timeout: Duration = .seconds(30), _ condition: @Sendable () async -> Bool
) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        await Task.yield()
    }
    return await condition()
}

/// STS XML answers.
enum STSReplies {
    static func assumeRole(
        accessKeyId: String, secret: String = "role-secret", token: String = "role-token",
        expiration: Date, action: String = "AssumeRole"
    ) -> RecordingTransport.Reply {
        let formatter = ISO8601DateFormatter()
        let xml = """
            <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <\(action)Result>
                <Credentials>
                  <AccessKeyId>\(accessKeyId)</AccessKeyId>
                  <SecretAccessKey>\(secret)</SecretAccessKey>
                  <SessionToken>\(token)</SessionToken>
                  <Expiration>\(formatter.string(from: expiration))</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId>
                  <Arn>arn:aws:sts::222222222222:assumed-role/deployer/session</Arn>
                </AssumedRoleUser>
              </\(action)Result>
              <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
            </\(action)Response>
            """
        return .response(HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8)))
    }

    static func error(code: String, message: String, status: Int = 403) -> RecordingTransport.Reply {
        let xml = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error>
              <RequestId>req-err</RequestId>
            </ErrorResponse>
            """
        return .response(HTTPResponse(status: status, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8)))
    }
}

/// The form parameters of a recorded awsQuery request body.
func formParameters(_ request: HTTPRequest) -> [String: String] {
    var result: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
        result[key] = value
    }
    return result
}
