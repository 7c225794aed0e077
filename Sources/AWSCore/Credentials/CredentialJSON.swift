import Foundation

/// Decoding of the JSON credential documents of `credential_process`, ECS and IMDS.
enum CredentialJSON {
    /// Why a document was rejected (safe to show: it never quotes values).
    struct Problem: Error, Sendable {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Parses an ISO 8601 timestamp with or without fractional seconds.
    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The top-level object of a JSON document.
    static func object(_ data: [UInt8]) throws(Problem) -> [String: Any] {
        guard !data.isEmpty else { throw Problem("empty output") }
        guard let value = try? JSONSerialization.jsonObject(with: Data(data)) else {
            throw Problem("not JSON (\(data.count) bytes)")
        }
        guard let object = value as? [String: Any] else { throw Problem("JSON is not an object") }
        return object
    }

    /// Reads `AccessKeyId`, `SecretAccessKey`, the token (under `tokenKey`) and an optional `Expiration`.
    static func credentials(from object: [String: Any], tokenKey: String) throws(Problem) -> AWSCredentials {
        guard let accessKeyId = object["AccessKeyId"] as? String, !accessKeyId.isEmpty else {
            throw Problem("AccessKeyId is missing")
        }
        guard let secret = object["SecretAccessKey"] as? String, !secret.isEmpty else {
            throw Problem("SecretAccessKey is missing")
        }
        let token = (object[tokenKey] as? String).flatMap { $0.isEmpty ? nil : $0 }
        var expiration: Date?
        if let raw = object["Expiration"] {
            guard let text = raw as? String, let date = parseDate(text) else {
                throw Problem("Expiration is not an ISO 8601 timestamp")
            }
            expiration = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }

    /// Text safe to put in an error: printable, one line, at most `limit` characters.
    static func excerpt(_ bytes: [UInt8], limit: Int = 300) -> String {
        let text = String(decoding: bytes.prefix(limit * 4), as: UTF8.self)
        let cleaned = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        ).trimmingCharacters(in: .whitespaces)
        return cleaned.count > limit ? String(cleaned.prefix(limit)) + "…" : cleaned
    }
}
