import AWSCore
import Foundation

@testable import PodiumCore

/// Canned AWS answers by operation name, behind AWSCore's `RecordingTransport`, so unit tests can check the
/// exact calls the domain logic makes (the wire requests, after signing). Answers may change as calls arrive.
final class ScriptedAWS: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String: @Sendable (HTTPRequest) -> HTTPResponse] = [:]
    /// The transport the clients use; its `requests` are what was sent.
    private(set) var transport: RecordingTransport!

    private var failures: [String: @Sendable (HTTPRequest) -> TransportError?] = [:]

    init() {
        transport = RecordingTransport(fallback: { [unowned self] request in
            if let failure = self.failure(request) { return .failure(failure) }
            return .response(self.answer(request))
        })
    }

    /// Lets `operation` fail on the transport (a timeout, a reset) whenever `failure` returns an error; the
    /// closure runs first, so it can also change the scripted world (a request carried out, its answer lost).
    func failing(_ operation: String, _ failure: @escaping @Sendable (HTTPRequest) -> TransportError?) {
        lock.withLock { failures[operation] = failure }
    }

    private func failure(_ request: HTTPRequest) -> TransportError? {
        guard let failure = lock.withLock({ failures[Self.operation(of: request)] }) else { return nil }
        return failure(request)
    }

    /// Answers `operation` with `answer` from now on.
    func on(_ operation: String, _ answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        lock.withLock { answers[operation] = answer }
    }

    /// Answers `operation` with this JSON object from now on.
    func on(_ operation: String, json object: Any) {
        let response = Self.json(object)
        on(operation) { _ in response }
    }

    /// The current answer of `operation` (to wrap it in a new one).
    func answerOf(_ operation: String) -> @Sendable (HTTPRequest) -> HTTPResponse {
        if let answer = lock.withLock({ answers[operation] }) { return answer }
        let unknown = Self.json(
            ["__type": "UnknownOperationException", "message": "no answer for \(operation)"], status: 400)
        return { _ in unknown }
    }

    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        let operation = Self.operation(of: request)
        guard let answer = lock.withLock({ answers[operation] }) else {
            return Self.json(
                ["__type": "UnknownOperationException", "message": "no scripted answer for \(operation)"], status: 400)
        }
        return answer(request)
    }

    /// The operation of a request: the `X-Amz-Target` suffix, or the query `Action`.
    static func operation(of request: HTTPRequest) -> String {
        if let target = request.header("X-Amz-Target") { return String(target.split(separator: ".").last ?? "") }
        let body = String(decoding: request.body, as: UTF8.self)
        for pair in body.split(separator: "&") where pair.hasPrefix("Action=") {
            return String(pair.dropFirst("Action=".count))
        }
        return "\(request.method) \(request.url.path)"
    }

    /// The JSON body of a request.
    static func body(_ request: HTTPRequest) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]) ?? [:]
    }

    /// The recorded requests of one operation.
    func requests(_ operation: String) async -> [HTTPRequest] {
        await transport.requests.filter { Self.operation(of: $0) == operation }
    }

    /// The operations sent, in order.
    func operations() async -> [String] {
        await transport.requests.map(Self.operation(of:))
    }

    /// A JSON response.
    static func json(_ object: Any, status: Int = 200) -> HTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("{}".utf8)
        return HTTPResponse(
            status: status, headers: [("Content-Type", "application/x-amz-json-1.1")], body: Array(data))
    }

    /// SageMaker's "not found" answer.
    static func notFound(_ what: String) -> HTTPResponse {
        json(["__type": "ValidationException", "message": "Could not find \(what)."], status: 400)
    }

    /// STS GetCallerIdentity (awsQuery XML).
    static func callerIdentity(arn: String, account: String) -> HTTPResponse {
        let xml = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>\
            <Arn>\(arn)</Arn><UserId>AROAEXAMPLE:podium</UserId><Account>\(account)</Account></GetCallerIdentityResult>\
            <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>
            """
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(xml.utf8))
    }

    /// A session whose every client (registry and environments) goes through this transport.
    func session(config: PodiumConfig, auditPath: String, now: @escaping @Sendable () -> Date = { Date() })
        throws -> PodiumSession
    {
        try PodiumSession(
            config: config, clientFactory: Factory(transport: transport), auditLog: AuditLog(path: auditPath), now: now,
            pollInterval: .milliseconds(1), sleep: { _ in })
    }

    /// Builds clients on the recording transport with fixed credentials and a fixed endpoint.
    struct Factory: AWSClientFactory {
        let transport: RecordingTransport

        func makeClient(region: String, credentials: CredentialsConfig, readOnly: Bool) throws -> AWSClient {
            AWSClient(
                region: region,
                credentialProvider: AWSClient.FixedCredentials(
                    AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG")),
                endpoints: .url(URL(string: "https://aws.test")!), transport: transport, readOnly: readOnly,
                sleeper: NoSleep())
        }
    }

    /// Retries back off without waiting (the transport's request count shows how many attempts were made).
    struct NoSleep: AWSSleeper {
        func sleep(for duration: Duration) async throws {}
    }
}
