import Foundation

/// ECS / EKS Pod Identity container credentials.
///
/// The URL is `http://169.254.170.2` + `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https anywhere; plain http only to loopback or the ECS/EKS link-local
/// hosts). The `Authorization` header comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read on every
/// fetch) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentialProvider: CredentialProvider {
    /// The ECS task metadata host.
    public static let ecsHost = "http://169.254.170.2"
    /// Hosts allowed over plain http besides loopback (ECS, EKS Pod Identity IPv4 and IPv6).
    static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]"]

    /// The environment read (variables and the token file).
    public let environment: AWSEnvironment
    /// The HTTP seam.
    public let transport: any HTTPTransport
    /// Timeouts of the request.
    public let timeouts: TransportTimeouts

    /// Creates the provider.
    public init(
        environment: AWSEnvironment, transport: any HTTPTransport,
        timeouts: TransportTimeouts = TransportTimeouts(connect: .seconds(2), read: .seconds(2))
    ) {
        self.environment = environment
        self.transport = transport
        self.timeouts = timeouts
    }

    /// Whether the container variables are set.
    public static func isConfigured(in environment: AWSEnvironment) -> Bool {
        environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] != nil
            || environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] != nil
    }

    /// The credentials URL from the environment, validated.
    public func credentialsURL() throws -> URL {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            guard let url = URL(string: Self.ecsHost + path) else {
                throw CredentialProviderError.invalidEnvironment(
                    variable: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", reason: "not a valid URL path")
            }
            return url
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                reason: "neither it nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
        }
        guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased()
        else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_CONTAINER_CREDENTIALS_FULL_URI", reason: "not a valid URL")
        }
        if scheme == "https" { return url }
        guard scheme == "http" else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_CONTAINER_CREDENTIALS_FULL_URI", reason: "must be an http or https URL")
        }
        guard Self.isLoopback(host) || Self.allowedHTTPHosts.contains(host) else {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                reason: "plain http is only allowed to loopback, 169.254.170.2 or 169.254.170.23 (host is \(host))")
        }
        return url
    }

    /// Fetches the credentials.
    public func getCredentials() async throws -> AWSCredentials {
        let url = try credentialsURL()
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let token = try authorizationToken() {
            headers.append(("Authorization", token))
        }
        let response: HTTPResponse
        do {
            response = try await transport.execute(
                HTTPRequest(method: "GET", url: url, headers: headers), timeout: timeouts)
        } catch {
            throw CredentialProviderError.metadataUnavailable(
                provider: "container credentials", endpoint: url.absoluteString, reason: Self.describe(error))
        }
        guard response.status == 200 else {
            throw CredentialProviderError.metadataUnavailable(
                provider: "container credentials", endpoint: url.absoluteString,
                reason: "HTTP \(response.status): \(CredentialJSON.excerpt(response.body, limit: 200))")
        }
        do {
            return try CredentialJSON.credentials(from: CredentialJSON.object(response.body), tokenKey: "Token")
        } catch {
            throw CredentialProviderError.invalidMetadataResponse(
                provider: "container credentials", reason: error.reason)
        }
    }

    /// The authorization token: the file (read now) wins over the variable. CR/LF would allow header injection.
    func authorizationToken() throws -> String? {
        var token: String?
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            let data: Data?
            do {
                data = try environment.readFile(path)
            } catch {
                throw CredentialProviderError.tokenFileUnreadable(path: path, reason: "\(error.localizedDescription)")
            }
            guard let data else {
                throw CredentialProviderError.tokenFileUnreadable(path: path, reason: "no such file")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        }
        if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw CredentialProviderError.invalidEnvironment(
                variable: "AWS_CONTAINER_AUTHORIZATION_TOKEN", reason: "the token contains a line break")
        }
        return token.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    static func describe(_ error: any Error) -> String {
        if let transportError = error as? TransportError {
            switch transportError {
            case .connectFailed(let reason): return "cannot connect (\(reason))"
            case .timedOut(let reason): return "timed out (\(reason))"
            case .connectionReset(let reason): return "connection reset (\(reason))"
            case .cancelled: return "cancelled"
            }
        }
        return String(describing: error)
    }
}
