import Foundation
import Testing

@testable import TerminalUI

/// Snapshot testing for frame buffers, in the style of swift-argument-parser's `assertSnapshot`.
///
/// The buffer is written as text lines (each ended with `|` so trailing spaces are visible and kept)
/// to `Snapshots/<name>.txt` beside this file. With `RECORD_SNAPSHOTS=1` the file is (re)written and
/// the test passes; a missing file is recorded and the test fails saying so; otherwise the text must
/// match exactly. With `roles: true` a second layer shows, per cell, which theme role drew it (the
/// buffer must have been drawn with `SnapshotTheme.probe`); with `attributes: true` a layer shows the
/// attribute set of each cell (what a mono terminal shows).
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The text form of a buffer.
    static func render(_ buffer: FrameBuffer, roles: Bool) -> String {
        var out = buffer.textLines().map { $0 + "|" }.joined(separator: "\n") + "\n"
        guard roles else { return out }
        var legend: [String: Character] = [:]
        let codes = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        out += "--- roles (. = plain)\n"
        for y in 0..<buffer.height {
            var line = ""
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                let name = SnapshotTheme.roleName(of: cell.style)
                if name == nil {
                    line.append(".")
                } else if let code = legend[name!] {
                    line.append(code)
                } else {
                    let code = codes[legend.count % codes.count]
                    legend[name!] = code
                    line.append(code)
                }
            }
            out += line + "|\n"
        }
        for (name, code) in legend.sorted(by: { $0.value < $1.value }) { out += "\(code) = \(name)\n" }
        return out
    }

    /// A layer of attribute sets per cell (for mono rendering, where attributes are all there is).
    static func attributes(_ buffer: FrameBuffer) -> String {
        var legend: [String: Character] = [:]
        let codes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var out = "--- attributes (. = none)\n"
        for y in 0..<buffer.height {
            var line = ""
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                let names = style.attributes.names.joined(separator: "+")
                if names.isEmpty {
                    line.append(".")
                } else if let code = legend[names] {
                    line.append(code)
                } else {
                    let code = codes[legend.count % codes.count]
                    legend[names] = code
                    line.append(code)
                }
            }
            out += line + "|\n"
        }
        for (name, code) in legend.sorted(by: { $0.value < $1.value }) { out += "\(code) = \(name)\n" }
        return out
    }
}

/// Asserts that a buffer matches `Snapshots/<name>.txt` (see `Snapshot`).
func assertSnapshot(
    _ buffer: FrameBuffer, named name: String, roles: Bool = false, attributes: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var actual = Snapshot.render(buffer, roles: roles)
    if attributes { actual += Snapshot.attributes(buffer) }
    let url = Snapshot.directory.appendingPathComponent(name + ".txt")
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if Snapshot.recording || existing == nil {
        do {
            try FileManager.default.createDirectory(at: Snapshot.directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
            return
        }
        if !Snapshot.recording {
            Issue.record(
                "no snapshot existed; recorded \(url.path). Check it and run the test again.",
                sourceLocation: sourceLocation)
        }
        return
    }
    if existing != actual {
        Issue.record(
            """
            snapshot \(name) differs (re-record with RECORD_SNAPSHOTS=1 if the change is intended)
            --- expected
            \(existing!)--- actual
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}

/// Themes used by snapshot tests.
enum SnapshotTheme {
    /// The shipped default theme, Unicode glyphs.
    static let unicode = Theme.fallback(colorDepth: .truecolor, glyphs: .unicode)
    /// The shipped default theme, ASCII glyphs.
    static let ascii = Theme.fallback(colorDepth: .truecolor, glyphs: .ascii)

    /// A theme where every role has a distinct 256-colour foreground, so cells can be traced back to roles.
    static let probe: Theme = {
        var roles: [ThemeRole: RoleStyle] = [:]
        for (i, role) in ThemeRole.allCases.enumerated() {
            roles[role] = RoleStyle(foreground: .indexed(UInt8(16 + i)))
        }
        return Theme(definition: ThemeDefinition(name: "probe", roles: roles), colorDepth: .c256, glyphs: .unicode)
    }()

    /// The role that produced a style in the probe theme (nil for the plain style).
    static func roleName(of style: CellStyle) -> String? {
        var colour = style.foreground
        if style.foreground == .default, style.background != .default { colour = style.background }
        guard case .indexed(let n) = colour, Int(n) >= 16, Int(n) - 16 < ThemeRole.allCases.count else {
            return style == .plain ? nil : "other"
        }
        return ThemeRole.allCases[Int(n) - 16].rawValue
    }
}
