import Foundation

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
        case let number as NSNumber where String(cString: number.objCType) == "c":
            // A JSON boolean: awsQuery XML says `true` / `false`, never `1` / `0`.
            return number.boolValue ? "true" : "false"
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
