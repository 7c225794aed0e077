import AWSCore
import Foundation
import Logging
import PodiumTestSupport
import Testing

@testable import PodiumCore

/// The CloudWatch Logs sink and the team reader over real HTTP and SigV4 against the emulator (moto's Logs):
/// the sink failing (503 on every PutLogEvents, then a closed port) and recovering, a lost acknowledgement (the
/// response cut after moto stored the batch), and two operators' logs merged by the team reader.
@Suite(.serialized) struct AuditSinkEmulatorTests {
    static let group = "/podium/team-audit"

    func temporaryLog(_ name: String) -> AuditLog {
        AuditLog(
            path: FileManager.default.temporaryDirectory.appendingPathComponent(
                "podium-team-\(UUID().uuidString)/\(name)/podium/audit.jsonl"
            ).path)
    }

    func client(_ endpoint: String) throws -> AWSClient {
        let environment = [
            "AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "HOME": FileManager.default.temporaryDirectory.path,
        ]
        return try StandardClientFactory(environment: environment, logger: Logger(label: "test"))
            .makeClient(region: "us-east-1", credentials: .defaultChain, readOnly: false)
    }

    func record(_ n: Int, operatorArn: String) -> AuditRecord {
        AuditRecord(
            time: Date().addingTimeInterval(Double(n) - 600), operatorArn: operatorArn, environment: "registry",
            action: .approve, target: "churn/\(n)", plan: ["UpdateModelPackage churn/\(n)"], outcome: .success,
            command: AuditCommandLine.approval(
                group: "churn", version: n, decision: .approved, comment: "it's $(fine)\nreally"))
    }

    @Test func aFailingSinkRecoversWithNothingLostOrDuplicatedAndTwoOperatorsMerge() async throws {
        let emulator = try await EmulatorProcess.start()
        do {
            try await body(emulator)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    /// Stock `moto_server` (no extension of ours in the way): the stream created on first use, a batch sent,
    /// the team reader reading it back once.
    @Test func stockMotoRoundTrip() async throws {
        let moto = try await StockMotoProcess.start()
        do {
            let aws = try client(moto.endpoint.absoluteString)
            try await aws.cloudWatchLogs.createLogGroup(CreateLogGroupRequest(logGroupName: Self.group))
            let config = AuditSinkConfig(group: Self.group, region: "us-east-1", credentials: .defaultChain)
            let log = temporaryLog("carol")
            let sink = AuditSink(
                config: config, logPath: log.path, transport: CloudWatchLogsAuditTransport(client: aws),
                stream: "carol")
            for n in 1...3 { try log.append(record(n, operatorArn: "arn:aws:sts::1:assumed-role/r/carol")) }
            let sent = await sink.flush()
            #expect(sent.lastError == nil)
            #expect(sent.sent == 3)
            let page = try await TeamAuditReader(sink: sink, log: temporaryLog("dave")).page(limit: 10)
            #expect(page.teamError == nil)
            #expect(page.fromTeam == 3)
            #expect(page.records.compactMap(\.id) == Array(try log.read().records.compactMap(\.id).reversed()))
        } catch {
            await moto.stop()
            throw error
        }
        await moto.stop()
    }

    private func body(_ emulator: EmulatorProcess) async throws {
        let aws = try client(emulator.endpoint.absoluteString)
        try await aws.cloudWatchLogs.createLogGroup(CreateLogGroupRequest(logGroupName: Self.group))
        let config = AuditSinkConfig(group: Self.group, region: "us-east-1", credentials: .defaultChain)
        let transport = CloudWatchLogsAuditTransport(client: aws)
        let aliceLog = temporaryLog("alice")
        let bobLog = temporaryLog("bob")
        let alice = AuditSink(config: config, logPath: aliceLog.path, transport: transport, stream: "alice")
        let bob = AuditSink(config: config, logPath: bobLog.path, transport: transport, stream: "bob")

        // 1. The sink is down: every PutLogEvents and CreateLogStream answers 503 (the emulator's fault knobs
        // name services only for the ones it extends; these operation names are CloudWatch Logs' alone).
        try await emulator.injectFault(operation: "PutLogEvents", kind: .http503, count: nil)
        try await emulator.injectFault(operation: "CreateLogStream", kind: .http503, count: nil)
        for n in 1...3 { try aliceLog.append(record(n, operatorArn: "arn:aws:sts::1:assumed-role/r/alice")) }
        let down = await alice.flush()
        #expect(down.pending == 3)
        #expect(down.lastError != nil)

        // 2. Unreachable: the same records through a client on a closed port.
        let closed = AuditSink(
            config: config, logPath: aliceLog.path,
            transport: CloudWatchLogsAuditTransport(client: try client("http://127.0.0.1:9")), stream: "alice")
        let unreachable = await closed.flush()
        #expect(unreachable.pending == 3)
        #expect(unreachable.lastError != nil)

        // 3. Back: the queued records go out, with one written meanwhile.
        try await emulator.clearFaults()
        try aliceLog.append(record(4, operatorArn: "arn:aws:sts::1:assumed-role/r/alice"))
        let back = await alice.flush()
        #expect(back.lastError == nil)
        #expect(back.sent == 4)
        #expect(back.pending == 0)

        // 4. Bob's acknowledgement is lost once: moto stores the batch, the answer is cut half way.
        for n in 11...12 { try bobLog.append(record(n, operatorArn: "arn:aws:sts::1:assumed-role/r/bob")) }
        _ = await bob.flush()  // creates bob's stream and sends 11, 12
        try await emulator.injectFault(operation: "PutLogEvents", kind: .truncate, count: 1)
        try bobLog.append(record(13, operatorArn: "arn:aws:sts::1:assumed-role/r/bob"))
        _ = await bob.flush()
        let settled = await bob.flush()
        #expect(settled.pending == 0)

        // What the group holds: every local record at least once (nothing lost).
        var stored: [String] = []
        var token: String?
        repeat {
            let page = try await transport.filter(
                group: Self.group, start: Date().addingTimeInterval(-86_400), end: Date().addingTimeInterval(60),
                nextToken: token)
            stored += page.messages.compactMap {
                (try? AuditLog.decoder.decode(AuditRecord.self, from: Data($0.utf8)))?.id
            }
            token = page.nextToken
        } while token != nil
        let aliceIds = try aliceLog.read().records.compactMap(\.id)
        let bobIds = try bobLog.read().records.compactMap(\.id)
        #expect(Set(stored) == Set(aliceIds + bobIds))
        #expect(aliceIds.allSatisfy { id in stored.filter { $0 == id }.count == 1 })

        // The team reader for alice: her records and bob's, each once, newest first, commands intact.
        let page = try await TeamAuditReader(sink: alice, log: aliceLog).page(limit: 100)
        #expect(page.teamError == nil)
        #expect(page.records.count == 7)
        #expect(page.fromTeam == 3)
        #expect(Set(page.records.compactMap(\.id)) == Set(aliceIds + bobIds))
        #expect(page.records.map(\.time) == page.records.map(\.time).sorted(by: >))
        #expect(page.records.contains { $0.operatorArn.hasSuffix("/bob") && $0.target == "churn/13" })
        #expect(page.records.allSatisfy { $0.command?.contains(#"'it'\''s $(fine)"#) == true })
    }
}
