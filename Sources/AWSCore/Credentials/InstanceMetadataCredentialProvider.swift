import Foundation

/// EC2 instance profile credentials through IMDSv2: a token `PUT`, then the role name and credentials `GET`s.
///
/// Honours `AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT`,
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6` and `AWS_EC2_METADATA_V1_DISABLED`. As in botocore, a token
/// request answered 403, 404 or 405 falls back to IMDSv1 unless v1 is disabled.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    /// The default IPv4 endpoint.
    public static let defaultEndpoint = "http://169.254.169.254"
    /// The default IPv6 endpoint.
    public static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"
    /// The token lifetime requested, in seconds (6 hours, as the SDKs).
    public static let tokenTTLSeconds = 21_600

    /// The environment read.
    public let environment: AWSEnvironment
    /// The HTTP seam.
    public let transport: any HTTPTransport
    /// Timeouts of each request (botocore: one second).
    public let timeouts: TransportTimeouts

    /// Creates the provider.
    public init(
        environment: AWSEnvironment, transport: any HTTPTransport,
        timeouts: TransportTimeouts = TransportTimeouts(connect: .seconds(1), read: .seconds(1))
    ) {
        self.environment = environment
        self.transport = transport
        self.timeouts = timeouts
    }

    /// Whether `AWS_EC2_METADATA_DISABLED=true`.
    public static func isDisabled(in environment: AWSEnvironment) -> Bool {
        environment.flag("AWS_EC2_METADATA_DISABLED")
    }

    /// The metadata endpoint, without a trailing slash.
    public var endpoint: String {
        if let configured = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        if environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6" {
            return Self.defaultIPv6Endpoint
        }
        return Self.defaultEndpoint
    }

    /// Fetches the instance role's credentials.
    public func getCredentials() async throws -> AWSCredentials {
        if Self.isDisabled(in: environment) {
            throw CredentialProviderError.disabled(
                provider: "EC2 instance metadata", reason: "AWS_EC2_METADATA_DISABLED is true")
        }
        let token = try await fetchToken()
        let roleBody = try await get("/latest/meta-data/iam/security-credentials/", token: token, what: "role name")
        let roleName =
            String(decoding: roleBody, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !roleName.isEmpty, !roleName.contains("/") else {
            throw CredentialProviderError.invalidMetadataResponse(
                provider: "EC2 instance metadata", reason: "no IAM role name (is an instance profile attached?)")
        }
        let body = try await get(
            "/latest/meta-data/iam/security-credentials/\(roleName)", token: token, what: "role credentials")
        do throws(CredentialJSON.Problem) {
            let object = try CredentialJSON.object(body)
            if let code = object["Code"] as? String, code != "Success" {
                throw CredentialJSON.Problem("Code is \"\(code)\"")
            }
            return try CredentialJSON.credentials(from: object, tokenKey: "Token")
        } catch {
            throw CredentialProviderError.invalidMetadataResponse(
                provider: "EC2 instance metadata", reason: error.reason)
        }
    }

    // MARK: - Requests

    private func url(_ path: String) throws -> URL {
        guard let url = URL(string: endpoint + path) else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_EC2_METADATA_SERVICE_ENDPOINT", reason: "not a valid URL")
        }
        return url
    }

    /// The session token, or `nil` when falling back to IMDSv1.
    private func fetchToken() async throws -> String? {
        let tokenURL = try url("/latest/api/token")
        let response = try await send(
            HTTPRequest(
                method: "PUT", url: tokenURL,
                headers: [("x-aws-ec2-metadata-token-ttl-seconds", "\(Self.tokenTTLSeconds)")]),
            what: "session token")
        switch response.status {
        case 200:
            let token = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw CredentialProviderError.invalidMetadataResponse(
                    provider: "EC2 instance metadata", reason: "empty session token")
            }
            return token
        case 403, 404, 405:
            if environment.flag("AWS_EC2_METADATA_V1_DISABLED") {
                throw CredentialProviderError.metadataUnavailable(
                    provider: "EC2 instance metadata", endpoint: tokenURL.absoluteString,
                    reason: "token request answered HTTP \(response.status) and AWS_EC2_METADATA_V1_DISABLED is true")
            }
            return nil
        default:
            throw CredentialProviderError.metadataUnavailable(
                provider: "EC2 instance metadata", endpoint: tokenURL.absoluteString,
                reason: "token request answered HTTP \(response.status)")
        }
    }

    private func get(_ path: String, token: String?, what: String) async throws -> [UInt8] {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("x-aws-ec2-metadata-token", token)) }
        let target = try url(path)
        let response = try await send(HTTPRequest(method: "GET", url: target, headers: headers), what: what)
        guard response.status == 200 else {
            let reason =
                response.status == 404
                ? "HTTP 404 for the \(what) (no IAM role attached to this instance?)"
                : "HTTP \(response.status) for the \(what)"
            throw CredentialProviderError.metadataUnavailable(
                provider: "EC2 instance metadata", endpoint: endpoint, reason: reason)
        }
        return response.body
    }

    private func send(_ request: HTTPRequest, what: String) async throws -> HTTPResponse {
        do {
            return try await transport.execute(request, timeout: timeouts)
        } catch {
            throw CredentialProviderError.metadataUnavailable(
                provider: "EC2 instance metadata", endpoint: endpoint,
                reason: "\(what): \(ContainerCredentialProvider.describe(error))")
        }
    }
}
