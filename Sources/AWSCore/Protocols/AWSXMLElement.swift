import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small XML tree (element name, text, children) parsed with Foundation's `XMLParser`; enough for
/// awsQuery responses and AWS XML error bodies.
public final class AWSXMLElement: Sendable {
    /// The element's local name (namespace prefixes are dropped).
    public let name: String
    /// The element's own text, concatenated, with surrounding whitespace trimmed.
    public let text: String
    /// The child elements in document order.
    public let children: [AWSXMLElement]

    /// Creates an element.
    public init(name: String, text: String = "", children: [AWSXMLElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child element with that name.
    public func child(_ name: String) -> AWSXMLElement? {
        children.first { $0.name == name }
    }

    /// All child elements with that name.
    public func children(_ name: String) -> [AWSXMLElement] {
        children.filter { $0.name == name }
    }

    /// Follows a path of child names (`["Error", "Code"]`).
    public func path(_ names: String...) -> AWSXMLElement? {
        var node: AWSXMLElement? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The text as an integer, or an error naming the element.
    public func intValue() throws -> Int {
        guard let value = Int(text) else { throw AWSXMLError.badValue(name, text) }
        return value
    }

    /// The text as a floating-point number.
    public func doubleValue() throws -> Double {
        guard let value = Double(text) else { throw AWSXMLError.badValue(name, text) }
        return value
    }

    /// The text as a boolean (`true`/`false`).
    public func boolValue() throws -> Bool {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw AWSXMLError.badValue(name, text)
        }
    }

    /// The text as a timestamp (ISO 8601, or epoch seconds).
    public func dateValue() throws -> Date {
        guard let date = AWSDateCoding.parse(text) else { throw AWSXMLError.badValue(name, text) }
        return date
    }

    /// Parses a document and returns its root element, or throws `AWSXMLError.malformed`.
    public static func parse(_ bytes: [UInt8]) throws -> AWSXMLElement {
        // Foundation's XMLParser traps on an element name that is not UTF-8 (found by fuzzing): refuse it first.
        // AWS sends XML as UTF-8.
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: break decoding
            case .error: throw AWSXMLError.malformed("the body is not UTF-8 text")
            }
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "no root element"
            throw AWSXMLError.malformed(reason)
        }
        return root
    }
}

/// Why an XML body could not be read.
public enum AWSXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document is not well-formed XML.
    case malformed(String)
    /// A required element is missing.
    case missing(String, in: String)
    /// An element's text is not of the expected type.
    case badValue(String, String)

    /// A readable explanation.
    public var description: String {
        switch self {
        case .malformed(let reason): return "malformed XML (\(reason))"
        case .missing(let element, let shape): return "required element \(element) missing from \(shape)"
        case .badValue(let element, let text):
            return "element \(element) has an unexpected value \"\(text.prefix(60))\""
        }
    }
}

/// Builds the element tree from parser callbacks; used only inside `parse`, on one thread.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private struct Partial {
        var name: String
        var text = ""
        var children: [AWSXMLElement] = []
    }

    private var stack: [Partial] = []
    var root: AWSXMLElement?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(Partial(name: local))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard let done = stack.popLast() else { return }
        let element = AWSXMLElement(
            name: done.name, text: done.text.trimmingCharacters(in: .whitespacesAndNewlines), children: done.children)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }
}
