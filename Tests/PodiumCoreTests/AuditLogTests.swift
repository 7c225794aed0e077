import Foundation
import Testing

@testable import PodiumCore

@Suite struct AuditLogTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent(
            "podium-audit-\(UUID().uuidString)/podium/audit.jsonl"
        )
        .path
    }

    func record(_ n: Int, outcome: AuditRecord.Outcome = .success) -> AuditRecord {
        AuditRecord(
            time: Date(timeIntervalSince1970: 1_800_000_000 + Double(n)),
            operatorArn: "arn:aws:sts::1:assumed-role/r/u",
            environment: "prod", action: .promote, target: "churn-prod", plan: ["UpdateEndpoint churn-prod"],
            outcome: outcome, error: outcome == .success ? nil : "boom \(n)")
    }

    @Test func appendsOneJSONLinePerRecordAndReadsThemBack() throws {
        let log = AuditLog(path: temporaryPath())
        try log.append(record(1))
        try log.append(record(2, outcome: .failure))
        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"operator\":\"arn:aws:sts::1:assumed-role/r/u\""))
        #expect(lines[0].contains("\"time\":\"2027-01-15T08:00:01Z\""))
        #expect(lines[1].contains("\"outcome\":\"failure\""))
        let (records, bad) = try log.read()
        #expect(bad == 0)
        #expect(records == [record(1), record(2, outcome: .failure)])
        let attributes = try FileManager.default.attributesOfItem(atPath: log.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func concurrentAppendsNeverInterleave() async throws {
        let log = AuditLog(path: temporaryPath())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<50 { group.addTask { try log.append(record(n)) } }
            try await group.waitForAll()
        }
        let (records, bad) = try log.read()
        #expect(bad == 0)
        #expect(records.count == 50)
    }

    @Test func unreadableLinesAreSkippedAndCounted() throws {
        let log = AuditLog(path: temporaryPath())
        try log.append(record(1))
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        handle.seekToEndOfFile()
        handle.write(Data("not json\n".utf8))
        try handle.close()
        try log.append(record(2))
        let (records, bad) = try log.read()
        #expect(records.count == 2)
        #expect(bad == 1)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(AuditLog.defaultPath(environment: ["HOME": "/h", "XDG_STATE_HOME": "/s"]) == "/s/podium/audit.jsonl")
        #expect(AuditLog.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/podium/audit.jsonl")
    }
}
