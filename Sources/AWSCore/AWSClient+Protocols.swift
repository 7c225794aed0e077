import Foundation

extension AWSClient {
    /// Calls an awsJson operation: encodes `input`, sends it, decodes the output.
    func json<Input: Encodable & Sendable, Output: Decodable>(
        _ operation: AWSOperation, service: AWSServiceDescription, input: Input, output: Output.Type = Output.self
    ) async throws -> Output {
        guard case .json(let version, let targetPrefix, let queryCompatible) = service.wireProtocol else {
            preconditionFailure("\(service.serviceId) is not an awsJson service")
        }
        let body: [UInt8]
        do {
            body = Array(try AWSDateCoding.jsonEncoder().encode(input))
        } catch {
            throw AWSClientError.invalidRequest(
                service: service.serviceId, operation: operation.name, reason: "cannot encode input: \(error)")
        }
        let response = try await send(operation, service: service) { base in
            var headers: [(name: String, value: String)] = [
                ("Content-Type", "application/x-amz-json-\(version)"),
                ("X-Amz-Target", "\(targetPrefix).\(operation.name)"),
                ("User-Agent", AWSClient.userAgent),
            ]
            if queryCompatible { headers.append(("x-amzn-query-mode", "true")) }
            return HTTPRequest(method: "POST", url: Self.rootURL(base), headers: headers, body: body)
        }
        let bytes = response.body.isEmpty ? Array("{}".utf8) : response.body
        do {
            return try AWSDateCoding.jsonDecoder().decode(Output.self, from: Data(bytes))
        } catch {
            throw AWSClientError.undecodableResponse(
                service: service.serviceId, operation: operation.name, httpStatus: response.status,
                reason: Self.describe(error, body: response.body))
        }
    }

    /// Calls an awsQuery operation: form-encodes `input`, sends it, decodes `<Op>Response/<Op>Result`.
    func query<Input: AWSQueryEncodable, Output: AWSXMLDecodable>(
        _ operation: AWSOperation, service: AWSServiceDescription, input: Input, output: Output.Type = Output.self
    ) async throws -> Output {
        guard case .query(let apiVersion) = service.wireProtocol else {
            preconditionFailure("\(service.serviceId) is not an awsQuery service")
        }
        var parameters = AWSQueryParameters(action: operation.name, version: apiVersion)
        input.encodeQuery(into: &parameters, prefix: "")
        let body = Array(parameters.formEncoded.utf8)
        let response = try await send(operation, service: service) { base in
            HTTPRequest(
                method: "POST", url: Self.rootURL(base),
                headers: [
                    ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                    ("User-Agent", AWSClient.userAgent),
                ], body: body)
        }
        do {
            let root = try AWSXMLElement.parse(response.body)
            guard root.name == "\(operation.name)Response" else {
                throw AWSXMLError.missing("\(operation.name)Response", in: "response (root is \(root.name))")
            }
            return try Output(
                xml: root.child("\(operation.name)Result") ?? AWSXMLElement(name: "\(operation.name)Result"))
        } catch {
            throw AWSClientError.undecodableResponse(
                service: service.serviceId, operation: operation.name, httpStatus: response.status,
                reason: Self.describe(error, body: response.body))
        }
    }

    /// The User-Agent sent with every request.
    static let userAgent = "podium-awscore/1.0"

    /// The endpoint URL with an empty path turned into `/`.
    static func rootURL(_ base: URL) -> URL {
        if base.path.isEmpty, let url = URL(string: base.absoluteString + "/") { return url }
        return base
    }

    /// A short reason for a decoding failure, with the start of the body (control characters removed).
    static func describe(_ error: any Error, body: [UInt8]) -> String {
        let reason: String
        switch error {
        case let error as DecodingError:
            switch error {
            case .dataCorrupted(let context):
                reason = "not valid JSON (\(context.debugDescription))"
            case .keyNotFound(let key, let context):
                reason = "missing \(Self.path(context.codingPath + [key]))"
            case .typeMismatch(let type, let context):
                reason = "\(Self.path(context.codingPath)) is not a \(type)"
            case .valueNotFound(let type, let context):
                reason = "\(Self.path(context.codingPath)) is null, expected \(type)"
            @unknown default:
                reason = "\(error)"
            }
        default:
            reason = "\(error)"
        }
        let snippet = AWSErrorDecoder.sanitize(String(decoding: body.prefix(80), as: UTF8.self))
        return body.isEmpty ? "\(reason); the body was empty" : "\(reason); body starts \"\(snippet)\""
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
