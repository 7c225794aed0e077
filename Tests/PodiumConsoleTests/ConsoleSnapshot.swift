import Foundation
import Testing

@testable import TerminalUI

/// Snapshot testing of console frames: each buffer row as text ending in `|`, in `Snapshots/<name>.txt`
/// beside this file. `RECORD_SNAPSHOTS=1` (re)records; a missing snapshot is recorded and the test fails.
enum ConsoleSnapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func text(_ buffer: FrameBuffer) -> String {
        buffer.textLines().map { $0 + "|" }.joined(separator: "\n") + "\n"
    }
}

/// Asserts that a frame matches `Snapshots/<name>.txt`.
func assertConsoleSnapshot(_ buffer: FrameBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
{
    let actual = ConsoleSnapshot.text(buffer)
    let url = ConsoleSnapshot.directory.appendingPathComponent(name + ".txt")
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if ConsoleSnapshot.recording || existing == nil {
        do {
            try FileManager.default.createDirectory(at: ConsoleSnapshot.directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        if existing == nil && !ConsoleSnapshot.recording {
            Issue.record("recorded missing snapshot \(name).txt; run again to compare", sourceLocation: sourceLocation)
        }
        return
    }
    if actual != existing {
        Issue.record(
            "snapshot \(name).txt differs (RECORD_SNAPSHOTS=1 re-records):\n--- expected\n\(existing ?? "")--- actual\n\(actual)",
            sourceLocation: sourceLocation)
    }
}
