import Foundation
import Yams

/// Walks a composed YAML tree, reading typed values and recording every problem with its line and column.
final class ConfigNodeReader {
    /// The file name used in issues.
    let file: String
    /// Problems found so far.
    private(set) var issues: [ConfigIssue] = []

    init(file: String) {
        self.file = file
    }

    // MARK: - Issues

    func report(_ node: Node?, _ message: String, hint: String? = nil) {
        let mark = node?.mark
        issues.append(
            ConfigIssue(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message, hint: hint))
    }

    func report(mark: Mark?, _ message: String, hint: String? = nil) {
        issues.append(
            ConfigIssue(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message, hint: hint))
    }

    // MARK: - Mappings

    /// The keys and values of a mapping, after rejecting unknown and duplicate keys.
    func mapping(_ node: Node, context: String, allowed: [String]) -> OrderedFields? {
        guard case .mapping(let mapping) = node else {
            report(node, "\(context) must be a mapping (key: value), found \(describe(node))")
            return nil
        }
        var fields = OrderedFields(node: node, context: context)
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report(keyNode, "\(context): keys must be plain names, found \(describe(keyNode))")
                continue
            }
            let key = keyScalar.string
            if !allowed.contains(key) {
                let suggestion = EditDistance.suggestion(for: key, among: allowed)
                let expected = "expected one of: " + allowed.joined(separator: ", ")
                report(
                    keyNode, "unknown key \"\(key)\" in \(context)",
                    hint: suggestion.map { "did you mean \"\($0)\"?" } ?? expected)
                continue
            }
            if fields.values[key] != nil {
                report(keyNode, "duplicate key \"\(key)\" in \(context)")
                continue
            }
            fields.values[key] = (keyNode, valueNode)
        }
        return fields
    }

    // MARK: - Scalars

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            report(node, "\(what) must be a string, found \(describe(node))")
            return nil
        }
        let value = scalar.string
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            report(node, "\(what) must not be empty")
            return nil
        }
        return value
    }

    func int(_ node: Node, _ what: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            report(node, "\(what) must be a whole number, found \(describe(node))")
            return nil
        }
        if let range, !range.contains(value) {
            report(node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    func double(_ node: Node, _ what: String) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            report(node, "\(what) must be a number, found \(describe(node))")
            return nil
        }
        if value < 0 {
            report(node, "\(what) must not be negative, found \(scalar.string)")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node else {
            report(node, "\(what) must be true or false, found \(describe(node))")
            return nil
        }
        switch scalar.string.lowercased() {
        case "true": return true
        case "false": return false
        default:
            report(node, "\(what) must be true or false, found \"\(scalar.string)\"")
            return nil
        }
    }

    func duration(_ node: Node, _ what: String, minimum: Duration = .zero, maximum: Duration? = nil) -> Duration? {
        guard case .scalar(let scalar) = node, let value = DurationFormat.parse(scalar.string) else {
            report(
                node, "\(what) must be a duration such as 500ms, 15s, 10m or 2h, found \(describe(node))",
                hint: durationHint(node))
            return nil
        }
        if value < minimum {
            report(node, "\(what) must be at least \(DurationFormat.format(minimum)), found \(scalar.string)")
            return nil
        }
        if let maximum, value > maximum {
            report(node, "\(what) must be at most \(DurationFormat.format(maximum)), found \(scalar.string)")
            return nil
        }
        return value
    }

    func choice(_ node: Node, _ what: String, among options: [String]) -> String? {
        guard let value = string(node, what) else { return nil }
        if options.contains(value) { return value }
        let suggestion = EditDistance.suggestion(for: value, among: options)
        report(
            node, "\(what) must be one of \(options.joined(separator: ", ")), found \"\(value)\"",
            hint: suggestion.map { "did you mean \"\($0)\"?" })
        return nil
    }

    func stringList(_ node: Node, _ what: String) -> [String]? {
        guard case .sequence(let sequence) = node else {
            if isNull(node) { return [] }
            report(node, "\(what) must be a list such as [a, b], found \(describe(node))")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            if let value = string(item, "each entry of \(what)") { values.append(value) }
        }
        return values
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(node, "\(what) must be a list (entries starting with \"- \"), found \(describe(node))")
            return nil
        }
        return Array(sequence)
    }

    // MARK: - Helpers

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        if scalar.style != .plain && scalar.style != .any { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func durationHint(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, Double(scalar.string) != nil else { return nil }
        return "add a unit, e.g. \(scalar.string)s or \(scalar.string)m"
    }
}

/// The recognised fields of one mapping, keyed by name, with the mapping's node for "missing key" issues.
struct OrderedFields {
    /// The mapping node itself.
    let node: Node
    /// What the mapping is, for messages ("environment \"prod\"").
    let context: String
    /// Key node and value node per key.
    var values: [String: (key: Node, value: Node)] = [:]

    init(node: Node, context: String) {
        self.node = node
        self.context = context
    }

    subscript(_ key: String) -> Node? { values[key]?.value }

    func keyNode(_ key: String) -> Node? { values[key]?.key }
}
