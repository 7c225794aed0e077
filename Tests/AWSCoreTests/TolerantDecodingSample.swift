import Foundation
import Testing

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
