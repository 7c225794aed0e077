import Foundation
import PodiumCore

/// Printing helpers: stdout for results, stderr for errors and prompts, JSON with a stable key order.
///
/// Text for people goes through `clean`: strings from AWS (descriptions, failure reasons, error messages) could
/// carry escape sequences or bidi overrides that garble or disguise what the terminal shows. JSON is data for
/// scripts: strings arrive intact, with every invisible or reordering character escaped (`escapingInvisibles`).
enum Output {
    static func line(_ text: String = "") {
        write(clean(text) + "\n", to: .standardOutput)
    }

    static func error(_ text: String) {
        write("podium: error: " + clean(text) + "\n", to: .standardError)
    }

    static func warning(_ text: String) {
        write("podium: warning: " + clean(text) + "\n", to: .standardError)
    }

    static func stderr(_ text: String) {
        write(clean(text), to: .standardError)
    }

    private enum Stream { case standardOutput, standardError }

    private static func write(_ text: String, to stream: Stream) {
        switch stream {
        case .standardOutput: StandardStream.output.write(text)
        case .standardError: StandardStream.error.write(text)
        }
    }

    /// Pretty JSON with sorted keys and ISO 8601 dates.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.string(date))
        }
        let data = try encoder.encode(value)
        write(escapingInvisibles(String(decoding: data, as: UTF8.self)) + "\n", to: .standardOutput)
    }

    /// JSON text with DEL, the C1 controls (U+009B is a CSI on many terminals), the bidi controls and the line
    /// and paragraph separators written as `\uXXXX`: JSONEncoder escapes only U+0000–U+001F, and a script that
    /// prints a value, or a person reading the JSON, would otherwise get them raw. Outside strings JSON is
    /// ASCII, so every such scalar is inside a string, where the escape decodes to the same text.
    static func escapingInvisibles(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            let v = scalar.value
            if (0x7F...0x9F).contains(v) || isBidiControl(scalar) || v == 0x2028 || v == 0x2029 {
                out.append(contentsOf: String(format: "\\u%04X", v).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A left-aligned text table; control characters from AWS are replaced so they cannot garble the terminal.
    static func table(_ header: [String], _ rows: [[String]]) {
        let clean = rows.map { $0.map(sanitize) }
        var widths = header.map(\.count)
        for row in clean {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        line(render(header))
        for row in clean { line(render(row)) }
    }

    /// One line of text: every control character (newlines too) and bidi override becomes `?`.
    static func sanitize(_ text: String) -> String {
        replacingUnsafe(text, keepingLayout: false)
    }

    /// Text that may span lines: newlines and tabs stay, every other control character and bidi override
    /// (escape sequences, carriage returns, backspaces, C1 controls) becomes `?`.
    static func clean(_ text: String) -> String {
        replacingUnsafe(text, keepingLayout: true)
    }

    private static func replacingUnsafe(_ text: String, keepingLayout: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let layout = scalar == "\n" || scalar == "\t"
            let unsafe =
                scalar.properties.generalCategory == .control || isBidiControl(scalar)
                || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator
            scalars.append(unsafe && !(keepingLayout && layout) ? "?" : scalar)
        }
        return String(scalars)
    }

    /// U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates), U+200E/U+200F (marks) and U+061C (the
    /// Arabic letter mark): they reorder how text is shown.
    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return ISO8601.string(date)
    }
}
