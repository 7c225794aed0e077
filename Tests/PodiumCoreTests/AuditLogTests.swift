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
            outcome: outcome, error: outcome == .success ? nil : "boom \(n)", id: "record-\(n)")
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

    // MARK: - File hygiene (SecureFile)

    @Test func aLooseExistingFileAndDirectoryAreTightened() throws {
        let log = AuditLog(path: temporaryPath())
        let directory = (log.path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil, attributes: [.posixPermissions: 0o666]))
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: log.path)
        try log.append(record(1))
        let file = try FileManager.default.attributesOfItem(atPath: log.path)
        let folder = try FileManager.default.attributesOfItem(atPath: directory)
        #expect((file[.posixPermissions] as? Int) == 0o600)
        #expect((folder[.posixPermissions] as? Int) == 0o700)
    }

    @Test func aSymlinkInPlaceOfTheLogIsRefusedAndItsTargetUntouched() throws {
        let log = AuditLog(path: temporaryPath())
        let directory = (log.path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let victim = directory + "/victim.txt"
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: log.path, withDestinationPath: victim)
        let error = #expect(throws: PodiumError.self) { try log.append(record(1)) }
        #expect(error?.kind == .refused)
        #expect(error?.message.contains("symbolic link") == true)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        // Reading refuses it too, instead of showing another file's lines as the audit log.
        #expect(throws: PodiumError.self) { try log.read() }
    }

    @Test func aDirectoryInPlaceOfTheLogIsARefusal() throws {
        let log = AuditLog(path: temporaryPath())
        try FileManager.default.createDirectory(atPath: log.path, withIntermediateDirectories: true)
        let error = #expect(throws: PodiumError.self) { _ = try log.open() }
        #expect(error?.kind == .refused)
        #expect(error?.message.contains("nothing was changed") == true)
    }

    @Test func aTornLastLineIsSkippedAndCounted() throws {
        let log = AuditLog(path: temporaryPath())
        try log.append(record(1))
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"action":"promote","attempt":"x","environment":"de"#.utf8))
        try handle.close()
        let (records, bad) = try log.read()
        #expect(records == [record(1)])
        #expect(bad == 1)
    }

    // MARK: - Attempts

    func attemptRecord(_ attempt: String, _ outcome: AuditRecord.Outcome, pid: Int32? = nil, host: String? = nil)
        -> AuditRecord
    {
        var r = record(1, outcome: outcome)
        r.attempt = attempt
        r.pid = pid
        r.host = host
        return r
    }

    @Test func unfinishedAttemptsAreStartedRecordsWithoutAnOutcome() {
        let records = [
            attemptRecord("a", .started), attemptRecord("a", .success),
            attemptRecord("b", .started),
            attemptRecord("c", .started), attemptRecord("c", .interrupted),
            record(9),
        ]
        #expect(AuditLog.unfinished(records).map(\.attempt) == ["b"])
    }

    @Test func aKilledAttemptIsMarkedAbandonedOnceAndALiveOneIsLeftAlone() throws {
        let log = AuditLog(path: temporaryPath())
        // A process id that cannot be running: the largest pid Linux hands out is below 2^22.
        try log.append(attemptRecord("dead", .started, pid: 4_194_304 + 7, host: AuditAttempt.hostName))
        // This test's own parent process is alive.
        try log.append(attemptRecord("alive", .started, pid: getppid(), host: AuditAttempt.hostName))
        let file = try log.open()
        let marked = try log.markAbandoned(operatorArn: "arn:me", now: Date(), file: file)
        #expect(marked.map(\.attempt) == ["dead"])
        #expect(try log.markAbandoned(operatorArn: "arn:me", now: Date(), file: file).isEmpty)
        let records = try log.read().records
        let abandoned = try #require(records.last)
        #expect(abandoned.outcome == .abandoned)
        #expect(abandoned.attempt == "dead")
        #expect(abandoned.operatorArn == "arn:me")
        #expect(AuditLog.unfinished(records).map(\.attempt) == ["alive"])
    }

    @Test func credentialHelperOutputNeverReachesTheLog() {
        let text =
            "cannot get AWS credentials: credential_process for profile p exited with status 1; stderr: SECRET-MARKER"
        #expect(!AuditAttempt.storable(text).contains("SECRET-MARKER"))
        #expect(AuditAttempt.storable("a\nb") == "a")
        #expect(AuditAttempt.storable(String(repeating: "x", count: 1000)).count == 300)
    }
}
