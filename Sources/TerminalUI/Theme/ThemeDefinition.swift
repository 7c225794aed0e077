import BoundedYAML
import TextSupport
import Yams

/// A theme as read from a YAML file: a name and the styles of the roles it defines.
///
/// File format:
/// ```yaml
/// name: default
/// description: Dark background.
/// roles:
///   text: { fg: "#d0d0d0" }
///   selection.focused: { fg: black, bg: "#5fafff", attrs: [bold], mono: [reverse, bold] }
///   health.ok: green            # shorthand for { fg: green }
/// ```
/// Colours are names (`red`, `bright-blue`, `default`), `#rrggbb` or a 0–255 index; `attrs` and `mono`
/// take `bold`, `dim`, `italic`, `underline`, `reverse`, `blink` (a list or one name).
public struct ThemeDefinition: Hashable, Sendable {
    /// The theme's name.
    public var name: String
    /// A one-line description.
    public var description: String
    /// The roles the file defines.
    public var roles: [ThemeRole: RoleStyle]

    /// Creates a definition.
    public init(name: String, description: String = "", roles: [ThemeRole: RoleStyle]) {
        self.name = name
        self.description = description
        self.roles = roles
    }

    /// Parses and validates YAML text; `file` names the source in errors.
    public static func parse(yaml: String, file: String) throws(ThemeError) -> ThemeDefinition {
        let root: Node?
        do {
            // Bounded: anchors and aliases are refused before composing (they multiply work without limit).
            root = try BoundedYAML.compose(yaml: yaml)
        } catch let error as BoundedYAMLError {
            throw ThemeError(file: file, line: error.line, column: error.column, message: error.message)
        } catch let error as YamlError {
            throw ThemeDefinition.error(from: error, file: file, yaml: yaml)
        } catch {
            throw ThemeError(file: file, line: 0, column: 0, message: "cannot read YAML: \(error)")
        }
        guard let root else { throw ThemeError(file: file, line: 1, column: 1, message: "the file is empty") }
        guard let mapping = root.mapping else {
            throw located(root, file, "the top level must be a mapping with `name` and `roles`")
        }
        var name: String?
        var description = ""
        var roles: [ThemeRole: RoleStyle] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw located(keyNode, file, "keys must be plain names") }
            switch key {
            case "name":
                guard let s = value.scalar?.string, !s.isEmpty else {
                    throw located(value, file, "`name` must be a non-empty string")
                }
                name = s
            case "description":
                description = value.scalar?.string ?? ""
            case "roles":
                guard let roleMap = value.mapping else {
                    throw located(value, file, "`roles` must be a mapping of role name to style")
                }
                for (roleKey, roleValue) in roleMap {
                    guard let roleName = roleKey.scalar?.string else {
                        throw located(roleKey, file, "role names must be plain strings")
                    }
                    guard let role = ThemeRole(rawValue: roleName) else {
                        let hint =
                            EditDistance.closest(to: roleName, in: ThemeRole.allNames)
                            .map { " (did you mean \"\($0)\"?)" } ?? ""
                        throw located(roleKey, file, "unknown role \"\(roleName)\"\(hint)")
                    }
                    if roles[role] != nil { throw located(roleKey, file, "role \"\(roleName)\" is defined twice") }
                    roles[role] = try parseStyle(roleValue, role: roleName, file: file)
                }
            default:
                let hint =
                    EditDistance.closest(to: key, in: ["name", "description", "roles"])
                    .map { " (did you mean \"\($0)\"?)" } ?? ""
                throw located(keyNode, file, "unknown key \"\(key)\"\(hint); expected name, description, roles")
            }
        }
        guard let name else { throw ThemeError(file: file, line: 1, column: 1, message: "missing `name`") }
        guard roles[.text] != nil else {
            throw located(root, file, "the theme must define the `text` role (every other role falls back to it)")
        }
        return ThemeDefinition(name: name, description: description, roles: roles)
    }

    private static func parseStyle(_ node: Node, role: String, file: String) throws(ThemeError) -> RoleStyle {
        if let scalar = node.scalar {
            return RoleStyle(foreground: try parseColor(scalar.string, node, file: file, what: "fg of \(role)"))
        }
        guard let map = node.mapping else {
            throw located(node, file, "style of \"\(role)\" must be a colour or a mapping with fg, bg, attrs, mono")
        }
        var style = RoleStyle()
        for (keyNode, value) in map {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "fg", "foreground":
                style.foreground = try parseColor(value.scalar?.string ?? "", value, file: file, what: "fg of \(role)")
            case "bg", "background":
                style.background = try parseColor(value.scalar?.string ?? "", value, file: file, what: "bg of \(role)")
            case "attrs", "attributes":
                style.attributes = try parseAttributes(value, file: file, role: role)
            case "mono":
                style.monoAttributes = try parseAttributes(value, file: file, role: role)
            default:
                let hint =
                    EditDistance.closest(to: key, in: ["fg", "bg", "attrs", "mono"])
                    .map { " (did you mean \"\($0)\"?)" } ?? ""
                throw located(
                    keyNode, file, "unknown style key \"\(key)\" in \"\(role)\"\(hint); expected fg, bg, attrs, mono")
            }
        }
        return style
    }

    private static func parseColor(_ text: String, _ node: Node, file: String, what: String) throws(ThemeError)
        -> TerminalColor
    {
        guard let color = TerminalColor(name: text) else {
            throw located(
                node, file,
                "bad colour \"\(text)\" for \(what): use a name (red, bright-blue, default), #rrggbb or 0-255")
        }
        return color
    }

    private static func parseAttributes(_ node: Node, file: String, role: String) throws(ThemeError)
        -> TextAttributes
    {
        var items: [Node] = []
        if let seq = node.sequence {
            items = Array(seq)
        } else if let scalar = node.scalar {
            if scalar.string.isEmpty || scalar.string == "none" { return [] }
            items = [node]
        } else {
            throw located(node, file, "attributes of \"\(role)\" must be a name or a list of names")
        }
        var result: TextAttributes = []
        let names = TextAttributes.named.map(\.name)
        for item in items {
            let word = item.scalar?.string ?? ""
            guard let match = TextAttributes.named.first(where: { $0.name == word }) else {
                let hint = EditDistance.closest(to: word, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw located(item, file, "unknown attribute \"\(word)\" in \"\(role)\"\(hint)")
            }
            result.insert(match.value)
        }
        return result
    }

    private static func located(_ node: Node, _ file: String, _ message: String) -> ThemeError {
        ThemeError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
    }

    private static func error(from error: YamlError, file: String, yaml: String) -> ThemeError {
        switch error {
        case .reader(let problem, let offset, _, _):
            let (line, column) = TextPosition.lineAndColumn(ofUTF8Offset: offset ?? 0, in: yaml)
            return ThemeError(
                file: file, line: line, column: column, message: "cannot read the file as text: \(problem)")
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ThemeError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ThemeError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return ThemeError(file: file, line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }
}
