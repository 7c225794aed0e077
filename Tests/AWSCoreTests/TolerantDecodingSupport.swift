import AWSCore
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

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

/// One operation's fully populated sample response and the members to strip from it, written by
/// `scripts/gen_aws_shapes.py` from botocore's model (`Fixtures/shapes/output-samples.json`).
struct OutputSample: CustomTestStringConvertible, Sendable {
    /// A member of the sample: its path from the root (names, list indices, map keys) and, when the model
    /// marks it required, the JSON of its zero value.
    struct Member: @unchecked Sendable {
        let path: [Any]
        let zero: Any?
        let kind: String?
    }

    let service: String
    let operation: String
    let isXML: Bool
    /// The sample as JSONSerialization reads it (immutable once loaded).
    nonisolated(unsafe) let sample: Any
    let members: [Member]
    /// Every structure in the sample with the JSON of its zero value (the root has path `[]`).
    let structures: [Member]

    var key: String { "\(service).\(operation)" }
    var testDescription: String { key }

    static let fixtureURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/shapes/output-samples.json")

    /// Every sample in the fixture.
    static func load() -> [OutputSample] {
        guard let data = try? Data(contentsOf: fixtureURL),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return entries.map { entry in
            func members(_ key: String) -> [Member] {
                (entry[key] as? [[String: Any]] ?? []).map {
                    Member(path: $0["path"] as? [Any] ?? [], zero: $0["zero"], kind: $0["kind"] as? String)
                }
            }
            return OutputSample(
                service: entry["service"] as? String ?? "", operation: entry["operation"] as? String ?? "",
                isXML: entry["protocol"] as? String == "query", sample: entry["sample"] ?? [:],
                members: members("members"), structures: members("structs"))
        }
    }

    /// The body of a response carrying `value` in this operation's protocol.
    func body(_ value: Any) throws -> Data {
        guard isXML else { return try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) }
        let inner = JSONPatch.xml(value)
        return Data(
            "<\(operation)Response><\(operation)Result>\(inner)</\(operation)Result></\(operation)Response>".utf8)
    }
}

/// Edits of JSONSerialization values along a path of names, list indices and map keys.
enum JSONPatch {
    /// `value` with the member at `path` removed.
    static func removing(_ path: [Any], in value: Any) -> Any {
        edit(path[...], in: value) { _ in nil }
    }

    /// `value` with the member at `path` set to `newValue` (the root itself when `path` is empty).
    static func setting(_ path: [Any], to newValue: Any, in value: Any) -> Any {
        edit(path[...], in: value) { _ in newValue }
    }

    /// `value` with `change` applied to the value at `path`; a nil result removes the member.
    static func edit(_ path: ArraySlice<Any>, in value: Any, _ change: (Any?) -> Any?) -> Any {
        guard let head = path.first else { return change(value) ?? NSNull() }
        let rest = path.dropFirst()
        if let index = head as? Int, var list = value as? [Any], list.indices.contains(index) {
            list[index] = edit(rest, in: list[index], change)
            return list
        }
        guard let name = head as? String, var object = value as? [String: Any] else { return value }
        if rest.isEmpty {
            object[name] = change(object[name])
        } else if let child = object[name] {
            object[name] = edit(rest, in: child, change)
        }
        return object
    }

    /// The value at `path`, if any.
    static func value(at path: [Any], in value: Any) -> Any? {
        var node: Any? = value
        for key in path {
            if let index = key as? Int {
                node = (node as? [Any]).flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
            if let name = key as? String { node = (node as? [String: Any])?[name] }
        }
        return node
    }

    /// The awsQuery XML of a JSON value: members as elements, list items as `<member>`. (The STS outputs have no
    /// booleans, so numbers are written as they print.)
    static func xml(_ value: Any) -> String {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().map { "<\($0)>\(xml(object[$0]!))</\($0)>" }.joined()
        case let list as [Any]:
            return list.map { "<member>\(xml($0))</member>" }.joined()
        case let text as String:
            return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        case let number as NSNumber:
            return number.stringValue
        default:
            return ""
        }
    }

    /// Whether two JSON values are the same.
    static func equal(_ a: Any, _ b: Any) -> Bool {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
        return (try? JSONSerialization.data(withJSONObject: a, options: options))
            == (try? JSONSerialization.data(withJSONObject: b, options: options))
    }
}
