import Foundation
import PodiumCore

/// Printing helpers: stdout for results, stderr for errors and prompts, JSON with a stable key order.
enum Output {
    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("podium: error: " + text + "\n").utf8))
    }

    static func warning(_ text: String) {
        FileHandle.standardError.write(Data(("podium: warning: " + text + "\n").utf8))
    }

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
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
        line(String(decoding: data, as: UTF8.self))
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

    /// Replaces control characters (escape sequences from hostile strings) with `?`.
    static func sanitize(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return ISO8601.string(date)
    }
}
