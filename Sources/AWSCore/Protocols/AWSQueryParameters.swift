import Foundation

/// The form parameters of an awsQuery request (`Action=…&Version=…&Key=Value`), in insertion order.
public struct AWSQueryParameters: Sendable, Equatable {
    /// The parameters as name/value pairs.
    public private(set) var items: [(name: String, value: String)] = []

    /// Creates parameters carrying `Action` and `Version`.
    public init(action: String, version: String) {
        items = [("Action", action), ("Version", version)]
    }

    /// Appends a string value.
    public mutating func append(_ name: String, _ value: String) {
        items.append((name, value))
    }

    /// Appends an integer value.
    public mutating func append(_ name: String, _ value: Int) {
        items.append((name, String(value)))
    }

    /// Appends a floating-point value.
    public mutating func append(_ name: String, _ value: Double) {
        items.append((name, String(value)))
    }

    /// Appends a boolean value as `true`/`false`.
    public mutating func append(_ name: String, _ value: Bool) {
        items.append((name, value ? "true" : "false"))
    }

    /// Appends a timestamp in ISO 8601, as the query protocol serialises them.
    public mutating func append(_ name: String, _ value: Date) {
        items.append((name, AWSDateCoding.iso8601String(value)))
    }

    /// botocore sends `Name=` for a list that is present but empty; this does the same.
    public mutating func appendEmptyListMarker(_ name: String, isEmpty: Bool) {
        if isEmpty { items.append((name, "")) }
    }

    /// The `application/x-www-form-urlencoded` body, percent-encoded as botocore does (RFC 3986 unreserved
    /// characters are kept as they are).
    public var formEncoded: String {
        items.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes everything except `A–Z a–z 0–9 - _ . ~`.
    public static func percentEncode(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Compares the parameter lists.
    public static func == (lhs: AWSQueryParameters, rhs: AWSQueryParameters) -> Bool {
        lhs.items.map { [$0.name, $0.value] } == rhs.items.map { [$0.name, $0.value] }
    }
}

/// A shape that serialises itself into awsQuery form parameters.
public protocol AWSQueryEncodable: Sendable {
    /// Appends this value's parameters, each name prefixed with `prefix`.
    func encodeQuery(into query: inout AWSQueryParameters, prefix: String)
}

/// A shape that decodes itself from an element of an XML response.
public protocol AWSXMLDecodable: Sendable {
    /// Decodes the shape from its element.
    init(xml: AWSXMLElement) throws
}
