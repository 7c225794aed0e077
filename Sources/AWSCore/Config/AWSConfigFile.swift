import Foundation

/// One parsed AWS shared config or credentials file (the INI dialect the AWS CLI and SDKs read).
///
/// Supports `[section]` headers (with optional trailing comment), `key = value` and `key: value` properties
/// (keys are case-insensitive), full-line `#` and `;` comments, indented continuation lines, and nested
/// sub-sections such as `s3 =` followed by indented `key = value` lines. Values are taken literally: as in
/// botocore, `#` inside a value is part of it. Later duplicates of a section or key win.
public struct AWSConfigFile: Sendable, Equatable {
    /// A property value: a plain string, or a nested sub-section.
    public enum Value: Sendable, Equatable {
        /// `key = value`.
        case string(String)
        /// `key =` followed by indented `name = value` lines.
        case subsection([String: String])

        /// The string value, or `nil` for a sub-section.
        public var string: String? {
            if case .string(let value) = self { return value }
            return nil
        }

        /// The sub-section, or `nil` for a plain value.
        public var subsection: [String: String]? {
            if case .subsection(let values) = self { return values }
            return nil
        }
    }

    /// One `[name]` section and its properties.
    public struct Section: Sendable, Equatable {
        /// The text between the brackets, trimmed (`default`, `profile dev`, `services local`).
        public var name: String
        /// The properties by lower-cased key.
        public var properties: [String: Value]
    }

    /// Where the file was read from (used in error messages).
    public var path: String
    /// The sections in file order; a repeated section name is merged into the first occurrence.
    public var sections: [Section]

    /// Creates a file from already parsed sections.
    public init(path: String, sections: [Section]) {
        self.path = path
        self.sections = sections
    }

    /// The section with exactly this name.
    public func section(named name: String) -> Section? {
        sections.first { $0.name == name }
    }

    // MARK: - Parsing

    /// Parses the file's text. Throws `AWSConfigError.malformedLine` with the line number for lines it cannot
    /// read; the message never repeats the line (it might hold a secret).
    public static func parse(_ text: String, path: String) throws -> AWSConfigFile {
        var sections: [Section] = []
        var sectionIndex: [String: Int] = [:]
        var current: Int?
        var lastKey: String?
        var lastKeyIndent = 0

        // "\r\n" is one Character in Swift, so split on it explicitly.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (offset, rawLine) in lines.enumerated() {
            let lineNumber = offset + 1
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            if offset == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count

            // A line indented deeper than the setting above it continues that setting (as in configparser).
            if indent > lastKeyIndent, let current, let key = lastKey {
                // A continuation line: either a nested `name = value`, or more text for a multi-line value.
                let existing = sections[current].properties[key]
                switch existing {
                case .subsection(var nested):
                    let (name, value) = try splitProperty(trimmed, path: path, line: lineNumber, nested: true)
                    nested[name] = value
                    sections[current].properties[key] = .subsection(nested)
                case .string(let value) where value.isEmpty:
                    let (name, nestedValue) = try splitProperty(trimmed, path: path, line: lineNumber, nested: true)
                    sections[current].properties[key] = .subsection([name: nestedValue])
                case .string(let value):
                    sections[current].properties[key] = .string(value + "\n" + trimmed)
                case nil:
                    break
                }
                continue
            }

            if trimmed.hasPrefix("[") {
                guard let close = trimmed.firstIndex(of: "]") else {
                    throw AWSConfigError.malformedLine(
                        path: path, line: lineNumber, reason: "section header is missing its closing \"]\"")
                }
                let rest = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest.hasPrefix("#") || rest.hasPrefix(";") else {
                    throw AWSConfigError.malformedLine(
                        path: path, line: lineNumber, reason: "unexpected text after the section header")
                }
                let name = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
                    .trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    throw AWSConfigError.malformedLine(
                        path: path, line: lineNumber, reason: "empty section name \"[]\"")
                }
                if let existing = sectionIndex[name] {
                    current = existing
                } else {
                    sections.append(Section(name: name, properties: [:]))
                    sectionIndex[name] = sections.count - 1
                    current = sections.count - 1
                }
                lastKey = nil
                continue
            }

            guard let current else {
                throw AWSConfigError.malformedLine(
                    path: path, line: lineNumber, reason: "a setting appears before any [section] header")
            }
            let (key, value) = try splitProperty(trimmed, path: path, line: lineNumber, nested: false)
            sections[current].properties[key] = .string(value)
            lastKey = key
            lastKeyIndent = indent
        }
        return AWSConfigFile(path: path, sections: sections)
    }

    /// Splits `key = value` (or `key: value`) at the first delimiter; the key is lower-cased.
    private static func splitProperty(
        _ line: String, path: String, line lineNumber: Int, nested: Bool
    ) throws -> (String, String) {
        guard let delimiter = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            let what = nested ? "an indented line under a sub-section" : "a line"
            throw AWSConfigError.malformedLine(
                path: path, line: lineNumber,
                reason: "\(what) must be \"name = value\", a [section] header or a # comment")
        }
        let key = line[..<delimiter].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: delimiter)...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            throw AWSConfigError.malformedLine(
                path: path, line: lineNumber, reason: "a setting has no name before \"=\"")
        }
        return (key, value)
    }
}
