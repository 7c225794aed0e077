/// HTTP header fields in order, with names compared case-insensitively (ASCII, as HTTP defines them): the one
/// lookup used by requests, responses and the signer.
///
/// ```swift
/// var headers: Headers = [("Content-Type", "application/json")]
/// headers["content-type"]              // "application/json"
/// headers.replace("X-Amz-Date", with: "20240101T000000Z")
/// ```
public struct Headers: Sendable, RandomAccessCollection, RangeReplaceableCollection, ExpressibleByArrayLiteral {
    /// One field.
    public typealias Element = (name: String, value: String)
    /// Positions are offsets into the fields.
    public typealias Index = Int

    private var fields: [Element]

    /// No fields.
    public init() {
        fields = []
    }

    /// The given fields, in order.
    public init(_ fields: [Element]) {
        self.fields = fields
    }

    /// The given fields, in order.
    public init(arrayLiteral elements: Element...) {
        fields = elements
    }

    /// The first position.
    public var startIndex: Int { fields.startIndex }
    /// The position after the last field.
    public var endIndex: Int { fields.endIndex }

    /// The field at a position.
    public subscript(position: Int) -> Element { fields[position] }

    /// Replaces a range of fields (what `append`, `removeAll(where:)` and friends build on).
    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C)
    where C.Element == Element {
        fields.replaceSubrange(subrange, with: newElements)
    }

    /// The first value of the field `name`, compared case-insensitively; `nil` when absent.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Whether a field `name` is present (case-insensitive).
    public func contains(name: String) -> Bool {
        fields.contains { Self.sameName($0.name, name) }
    }

    /// Removes every field `name` (case-insensitive).
    public mutating func remove(name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    /// Removes every field `name` and appends one with `value`.
    public mutating func replace(_ name: String, with value: String) {
        remove(name: name)
        fields.append((name, value))
    }

    /// The fields as an array of pairs.
    public var pairs: [Element] { fields }

    /// ASCII case-insensitive equality of two field names.
    static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        for (a, b) in zip(lhs.utf8, rhs.utf8) where a != b {
            let la = a >= 0x41 && a <= 0x5A ? a + 0x20 : a
            let lb = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
            if la != lb { return false }
        }
        return true
    }
}
