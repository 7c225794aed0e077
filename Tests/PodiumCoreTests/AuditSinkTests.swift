import Foundation
import Testing

@testable import PodiumCore

/// The CloudWatch Logs sink over an in-memory group: the queue (the local log plus an acknowledged cursor), sending
/// after a failure, no record lost or shown twice, batching, and two senders on one log.
@Suite struct AuditSinkTests {
    static let config = AuditSinkConfig(group: "/podium/audit", region: "us-east-1", credentials: .defaultChain)

    func temporaryLog() -> AuditLog {
        AuditLog(
            path: FileManager.default.temporaryDirectory.appendingPathComponent(
                "podium-sink-\(UUID().uuidString)/podium/audit.jsonl"
            ).path)
    }

    func record(
        _ n: Int, time: Date = Date().addingTimeInterval(-3_600),
        operatorArn: String = "arn:aws:sts::1:assumed-role/r/alice"
    )
        -> AuditRecord
    {
        AuditRecord(
            time: time.addingTimeInterval(Double(n)), operatorArn: operatorArn, environment: "prod",
            action: .approve, target: "churn/\(n)", plan: ["UpdateModelPackage churn/\(n)"], outcome: .success,
            command: "podium approve churn \(n) --comment ok")
    }

    func sink(_ log: AuditLog, _ transport: AuditMemoryTransport, stream: String = "alice") -> AuditSink {
        AuditSink(config: Self.config, logPath: log.path, transport: transport, stream: stream)
    }

    @Test func aSinkThatIsDownQueuesAndSendsEverythingOnceItIsBack() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        transport.set(.down)
        let sink = sink(log, transport)
        for n in 1...3 { try log.append(record(n)) }
        let failed = await sink.flush()
        #expect(failed.pending == 3)
        #expect(failed.sent == 0)
        #expect(failed.lastError?.contains("connection refused") == true)
        #expect(
            failed.summary(group: Self.config.group, logPath: log.path)?.contains("3 record(s) not yet sent") == true)
        let cursorMode = try FileManager.default.attributesOfItem(atPath: sink.outbox.cursorPath)[.posixPermissions]
        #expect((cursorMode as? Int) == 0o600)

        transport.set(.working)
        for n in 4...5 { try log.append(record(n)) }
        let recovered = await sink.flush()
        #expect(recovered.lastError == nil)
        #expect(recovered.sent == 5)
        #expect(recovered.pending == 0)
        let local = try log.read().records.compactMap(\.id)
        #expect(local.count == 5)
        #expect(transport.sentIds == local)

        // Nothing is sent twice: a later flush with nothing new sends nothing.
        let calls = transport.putCalls
        let idle = await sink.flush()
        #expect(idle.sent == 0)
        #expect(transport.putCalls == calls)
    }

    @Test func aLostAcknowledgementResendsAndTheReaderShowsEachRecordOnce() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        let sink = sink(log, transport)
        _ = await sink.flush()  // creates the stream
        transport.set(.loseAcknowledgement)
        for n in 1...2 { try log.append(record(n)) }
        let lost = await sink.flush()
        #expect(lost.lastError != nil)
        #expect(lost.pending == 2)
        let resent = await sink.flush()
        #expect(resent.sent == 2)
        // The group holds the batch twice (CloudWatch Logs has no idempotency key) ...
        #expect(transport.sentIds.count == 4)
        #expect(Set(transport.sentIds).count == 2)
        // ... and the team reader shows each record once.
        let reader = TeamAuditReader(log: temporaryLog(), group: Self.config.group, transport: transport)
        let page = try await reader.page(limit: 50)
        #expect(page.records.count == 2)
        #expect(page.records.compactMap(\.id) == Array(try log.read().records.compactMap(\.id).reversed()))
    }

    @Test func aNewSinkSendsOnlyWhatIsWrittenFromThenOn() async throws {
        let log = temporaryLog()
        try log.append(record(1))
        let transport = AuditMemoryTransport()
        let sink = sink(log, transport)
        try log.append(record(2))
        let report = await sink.flush()
        #expect(report.sent == 1)
        #expect(transport.sentIds == [try log.read().records[1].id!])
    }

    @Test func aLineBeingWrittenWaitsAndALegacyLineGetsAStableId() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        let sink = sink(log, transport)
        // A line of an old podium (no id), then half a line (a writer mid-append, or torn by a kill).
        let legacy =
            #"{"action":"approve","environment":"registry","operator":"arn:old","outcome":"success","plan":[],"target":"g/1","time":"2026-11-30T01:00:00Z"}"#
        try log.append(record(0))
        let handle = try #require(FileHandle(forWritingAtPath: log.path))
        handle.seekToEndOfFile()
        handle.write(Data((legacy + "\n" + #"{"action":"appr"#).utf8))
        try handle.close()
        let report = await sink.flush()
        let expectedId = AuditRecordID.legacy(Array(legacy.utf8))
        #expect(transport.sentIds.contains(expectedId))
        #expect(report.pending == 0)
        #expect(try log.read().records.contains { $0.id == expectedId })
        // The torn half is not complete: it was not sent, and the cursor stops before it.
        let cursor = try #require(try sink.outbox.loadCursor())
        let size = try #require(try SecureFile.read(log.path)).count
        #expect(cursor.offset == size - #"{"action":"appr"#.utf8.count)
    }

    @Test func aReplacedLogIsSentFromItsStart() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        let sink = sink(log, transport)
        for n in 1...3 { try log.append(record(n)) }
        _ = await sink.flush()
        // Rotated away by hand: the new file is shorter than the cursor and lacks the acknowledged record.
        try FileManager.default.removeItem(atPath: log.path)
        try log.append(record(9))
        let report = await sink.flush()
        #expect(report.sent == 1)
        #expect(transport.sentIds.count == 4)
        #expect(Set(transport.sentIds).count == 4)
    }

    @Test func batchesRespectCountAndTheDaySpanAndStayChronological() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        let sink = sink(log, transport)
        let file = try log.open()
        let base = Date().addingTimeInterval(-3 * 86_400)
        // 1,100 records out of order by a few seconds, then one two days later.
        for n in 0..<1_100 { try log.append(record(n % 7 == 0 ? n + 3 : n, time: base), to: file) }
        try log.append(record(0, time: base.addingTimeInterval(2 * 86_400)), to: file)
        let report = await sink.flush()
        #expect(report.sent == 1_101)
        // 500 + 500 + 100, then the record two days later alone (a batch spans at most 24 hours).
        #expect(transport.putCalls == 5)  // the first call found no stream and created it
        #expect(Set(transport.sentIds).count == 1_101)
    }

    @Test func twoSendersOnOneLogNeverSendARecordTwice() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        let first = sink(log, transport)
        let second = sink(log, transport)
        _ = await first.flush()
        let file = try log.open()
        for n in 0..<600 { try log.append(record(n), to: file) }
        async let a = first.flush()
        async let b = second.flush()
        let (ra, rb) = await (a, b)
        #expect(ra.sent + rb.sent == 600)
        #expect(transport.sentIds.count == 600)
        #expect(Set(transport.sentIds).count == 600)
    }

    @Test func appendingNeverWaitsForTheSinkAndDrainSaysWhatIsQueued() async throws {
        let log0 = temporaryLog()
        let transport = AuditMemoryTransport()
        transport.set(.down)
        let notices = NoticeBox()
        let sink = AuditSink(
            config: Self.config, logPath: log0.path, transport: transport, stream: "alice",
            notice: { notices.add($0) })
        let log = AuditLog(path: log0.path, sink: sink)
        try log.append(record(1))  // returns at once, the send runs in the background
        let status = await sink.drain(timeout: .seconds(5))
        #expect(status.pending == 1)
        #expect(notices.lines.count == 1)
        #expect(notices.lines.first?.contains("not yet sent to CloudWatch Logs group /podium/audit") == true)
        #expect(try log.read().records.count == 1)
    }

    @Test func mergeShowsEachIdOnceNewestFirstAndAnOutcomeAboveItsStart() {
        let second = Date(timeIntervalSince1970: 1_790_000_000)
        var started = record(0, time: second)
        started.id = "a-started"
        started.outcome = .started
        var success = started
        success.id = "a-success"
        success.outcome = .success
        var older = record(0, time: second.addingTimeInterval(-5))
        older.id = "b"
        var remoteCopy = success
        remoteCopy.host = "elsewhere"
        let merged = TeamAuditReader.merge(
            local: [older, started, success], team: [remoteCopy, older], limit: 10)
        #expect(merged.map(\.id) == ["a-success", "a-started", "b"])
        #expect(merged[0].host == success.host)  // the local copy wins
        #expect(TeamAuditReader.merge(local: [older, started, success], team: [], limit: 2).count == 2)
    }

    @Test func aReadOnlySessionSendsNothing() async throws {
        let log = temporaryLog()
        let transport = AuditMemoryTransport()
        let sink = AuditSink(
            config: Self.config, logPath: log.path, transport: transport, canSend: false, stream: "alice")
        try log.append(record(1))
        let report = await sink.flush()
        #expect(report.pending == 1)
        #expect(transport.putCalls == 0)
    }
}

/// Collects notices from a sink.
final class NoticeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
