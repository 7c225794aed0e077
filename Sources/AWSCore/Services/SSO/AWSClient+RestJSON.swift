import Foundation

extension AWSClient {
    /// The parts of one REST-JSON request besides the body: method, path under the endpoint, query and headers.
    struct RestJSONRoute: Sendable {
        /// `GET`, `POST`.
        var method: String
        /// The request URI of the operation (`/federation/credentials`).
        var path: String
        /// Query members, in order (`role_name=…`).
        var query: [(name: String, value: String)] = []
        /// Header members (`x-amz-sso_bearer_token`).
        var headers: [(name: String, value: String)] = []
    }

    /// Calls a REST-JSON operation: `route` places the members, `body` (when not `nil`) is the JSON payload, the
    /// answer is decoded tolerantly into `Output`. Errors are `AWSServiceError` (code from `__type`/`code` or
    /// `X-Amzn-ErrorType`), as for the other protocols.
    func restJSON<Output: Decodable>(
        _ operation: AWSOperation, service: AWSServiceDescription, route: RestJSONRoute,
        body: (any Encodable & Sendable)?, output: Output.Type = Output.self
    ) async throws -> Output {
        guard case .restJSON = service.wireProtocol else {
            preconditionFailure("\(service.serviceId) is not a REST-JSON service")
        }
        var payload: [UInt8] = []
        if let body {
            do {
                payload = Array(try AWSDateCoding.jsonEncoder().encode(body))
            } catch {
                throw AWSClientError.invalidRequest(
                    service: service.serviceId, operation: operation.name, reason: "cannot encode input: \(error)")
            }
        }
        let response = try await send(operation, service: service) { base in
            guard let url = Self.restURL(base: base, path: route.path, query: route.query) else {
                throw AWSClientError.invalidRequest(
                    service: service.serviceId, operation: operation.name, reason: "cannot form the request URL")
            }
            var headers: [(name: String, value: String)] = [("User-Agent", AWSClient.userAgent)]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            headers += route.headers
            return HTTPRequest(method: route.method, url: url, headers: headers, body: payload)
        }
        let bytes = response.body.isEmpty ? Array("{}".utf8) : response.body
        do {
            return try AWSDateCoding.jsonDecoder().decode(Output.self, from: Data(bytes))
        } catch {
            throw Self.decodingFailure(
                error, service: service.serviceId, operation: operation.name, httpStatus: response.status,
                body: response.body)
        }
    }

    /// `base` + `path` (appended to any path the endpoint has) + the percent-encoded query.
    static func restURL(base: URL, path: String, query: [(name: String, value: String)]) -> URL? {
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else { return nil }
        let basePath =
            components.percentEncodedPath.hasSuffix("/")
            ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = basePath + path
        components.percentEncodedQuery =
            query.isEmpty
            ? nil
            : query.map { "\(AWSQueryParameters.percentEncode($0.name))=\(AWSQueryParameters.percentEncode($0.value))" }
                .joined(separator: "&")
        return components.url
    }
}
