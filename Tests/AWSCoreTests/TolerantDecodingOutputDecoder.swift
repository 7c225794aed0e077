import AWSCore
import Foundation

/// Decodes one operation's output from a body exactly as `AWSClient` does (awsJson with its JSON decoder,
/// awsQuery from the `<Op>Result` element), so tests can compare what two bodies decode to.
struct OutputDecoder: Sendable {
    /// Whether the operation's protocol is awsQuery: bodies are rendered from the JSON sample as XML.
    let isXML: Bool
    /// Decodes both bodies and says whether they decode to equal values.
    let same: @Sendable (Data, Data) throws -> Bool
    /// Decodes a body, re-encodes it as JSON (awsJson outputs only) so a test can read a member back.
    let roundTrip: @Sendable (Data) throws -> Data?

    /// An awsJson output.
    static func json<T: Codable & Equatable & Sendable>(_ type: T.Type) -> OutputDecoder {
        let decode: @Sendable (Data) throws -> T = { try AWSDateCoding.jsonDecoder().decode(T.self, from: $0) }
        return OutputDecoder(
            isXML: false, same: { try decode($0) == decode($1) },
            roundTrip: { try AWSDateCoding.jsonEncoder().encode(decode($0)) })
    }

    /// An awsQuery output, read from the first child of the response root (`<Op>Result`).
    static func xml<T: AWSXMLDecodable & Equatable>(_ type: T.Type) -> OutputDecoder {
        let decode: @Sendable (Data) throws -> T = { body in
            let root = try AWSXMLElement.parse(Array(body))
            return try T(xml: root.children.first ?? AWSXMLElement(name: "Result"))
        }
        return OutputDecoder(isXML: true, same: { try decode($0) == decode($1) }, roundTrip: { _ in nil })
    }
}
