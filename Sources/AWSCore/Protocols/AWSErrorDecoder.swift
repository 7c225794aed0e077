import Foundation

/// Turns an HTTP error response of any AWS protocol into an `AWSServiceError`.
///
/// It understands, in this order: an XML body (`ErrorResponse/Error`, moto's IAM denial
/// `ErrorResponse/Errors/Error` — sent as `text/html` even to JSON services —, EC2's `Response/Errors/Error`,
/// S3's `Error`); a JSON body's `__type` (with `namespace#` prefix and `:…` suffix stripped) or `code`/`Code`;
/// the `X-Amzn-ErrorType` header; then the `x-amzn-query-error` header (`Code;Sender`), which wins as it does
/// in botocore. Bodies with no code (HTML pages, empty 5xx) become `HTTP<status>`.
public enum AWSErrorDecoder {
    /// Decodes the error of `response` for `operation` of `service`.
    public static func decode(_ response: HTTPResponse, service: String, operation: String) -> AWSServiceError {
        var code: String?
        var message: String?
        var requestId =
            response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
            ?? response.header("x-amzn-request-id")

        let body = response.body
        let first = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "<"), let root = try? AWSXMLElement.parse(body) {
            let error =
                root.path("Error").flatMap { root.name == "ErrorResponse" ? $0 : nil }
                ?? root.path("Errors", "Error") ?? (root.name == "Error" ? root : nil)
            if let error {
                code = nonEmpty(error.child("Code")?.text)
                message = nonEmpty(error.child("Message")?.text ?? error.child("message")?.text)
            }
            if requestId == nil {
                requestId = nonEmpty(
                    root.child("RequestId")?.text ?? root.child("RequestID")?.text ?? error?.child("RequestId")?.text)
            }
            if code == nil, message == nil, root.name.lowercased() == "html" {
                message = htmlSummary(root)
            }
        } else if first == UInt8(ascii: "{"),
            let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        {
            if let type = object["__type"] as? String {
                code = nonEmpty(stripType(type))
            } else if let value = (object["code"] ?? object["Code"]) as? String {
                code = nonEmpty(stripType(value))
            }
            message = (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
        } else if !body.isEmpty {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            if text.range(of: "<html", options: .caseInsensitive) != nil {
                // Not well-formed XML (werkzeug's `<html lang=en>`), but its title still says what happened.
                message = htmlTitle(text).map { "HTML page: \($0)" } ?? "non-AWS HTML response"
            } else {
                message = "unrecognised response body: \(text.prefix(120))"
            }
        }

        if code == nil, let header = response.header("X-Amzn-ErrorType") {
            code = nonEmpty(stripType(header))
        }
        if let queryError = response.header("x-amzn-query-error") {
            let parts = queryError.split(separator: ";", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty { code = String(parts[0]) }
        }
        if message == nil, body.isEmpty { message = "empty response body" }
        return AWSServiceError(
            service: service, operation: operation, code: sanitize(code ?? "HTTP\(response.status)"),
            message: message.map(sanitize), requestId: requestId.map(sanitize), httpStatus: response.status)
    }

    /// `aws.protocoltests#ThrottlingException:http://…` → `ThrottlingException`.
    static func stripType(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    /// The text of an HTML page's `<title>`, found by search (the page need not be well-formed).
    private static func htmlTitle(_ text: String) -> String? {
        guard let open = text.range(of: "<title>", options: .caseInsensitive),
            let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex)
        else { return nil }
        let title = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? nil : title
    }

    private static func htmlSummary(_ root: AWSXMLElement) -> String {
        if let title = root.path("head", "title")?.text, !title.isEmpty { return "HTML page: \(title)" }
        return "non-AWS HTML response"
    }

    /// Drops control characters, so text from the wire cannot carry terminal escapes, and caps the length.
    static func sanitize(_ s: String) -> String {
        let cleaned = String(
            String.UnicodeScalarView(
                s.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) || $0 == " " }))
        return cleaned.count > 2000 ? String(cleaned.prefix(2000)) + "…" : cleaned
    }
}
