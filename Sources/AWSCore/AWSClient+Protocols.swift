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
            throw Self.decodingFailure(
                error, service: service.serviceId, operation: operation.name, httpStatus: response.status,
                body: response.body)
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
            throw Self.decodingFailure(
                error, service: service.serviceId, operation: operation.name, httpStatus: response.status,
                body: response.body)
        }
    }

    /// The User-Agent sent with every request.
    static let userAgent = "podium-awscore/1.0"

    /// The endpoint URL with an empty path turned into `/`.
    static func rootURL(_ base: URL) -> URL {
        if base.path.isEmpty, let url = URL(string: base.absoluteString + "/") { return url }
        return base
    }

    /// Sorts a decoding failure: a body that is not what the protocol says (not JSON or XML, cut short, not an
    /// object) is `undecodableResponse`; a well-formed body with a member of the wrong type or an unreadable
    /// value is `unexpectedResponseValue`, naming the member's path, so nobody is told to suspect the network.
    static func decodingFailure(
        _ error: any Error, service: String, operation: String, httpStatus: Int, body: [UInt8]
    ) -> AWSClientError {
        func value(_ keys: [any CodingKey], _ reason: String) -> AWSClientError {
            .unexpectedResponseValue(
                service: service, operation: operation, httpStatus: httpStatus, member: path(keys), reason: reason)
        }
        switch error {
        case DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            return value(context.codingPath, "is unreadable (\(context.debugDescription))")
        case DecodingError.typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return value(context.codingPath, "is not \(typeName(type))")
        case DecodingError.valueNotFound(let type, let context) where !context.codingPath.isEmpty:
            return value(context.codingPath, "is null where \(typeName(type)) belongs")
        case DecodingError.keyNotFound(let key, let context):
            return value(context.codingPath + [key], "is missing")
        case AWSXMLError.badValue(let element, let text):
            return .unexpectedResponseValue(
                service: service, operation: operation, httpStatus: httpStatus, member: element,
                reason: "is unreadable (\"\(AWSErrorDecoder.sanitize(String(text.prefix(60))))\")")
        default:
            return .undecodableResponse(
                service: service, operation: operation, httpStatus: httpStatus, reason: describe(error, body: body))
        }
    }

    /// A Swift type as people say it.
    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "a boolean"
        case is Date.Type: return "a timestamp"
        default: return String(describing: type).hasPrefix("Array<") ? "a list" : "an object"
        }
    }

    /// A short reason for a decoding failure, with the start of the body (control characters removed).
    static func describe(_ error: any Error, body: [UInt8]) -> String {
        let reason: String
        switch error {
        case let error as DecodingError:
            switch error {
            case .dataCorrupted(let context):
                reason = "not valid JSON (\(context.debugDescription))"
            case .typeMismatch(_, let context) where context.codingPath.isEmpty:
                reason = "not a JSON object"
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

    /// `ProductionVariants[0].CurrentWeight`: wire member names, list indices in brackets.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "the response" : text
    }
}
