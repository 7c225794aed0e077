import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The activity screen on the team's audit log (`audit.cloudwatch_logs`): every operator's records with who did
/// them, the group named in the title, and an unreadable group said plainly while the local records stay.
@Suite("Team activity")
struct TeamActivityTests {
    static let records = [
        AuditRecord(
            time: Fixtures.now.addingTimeInterval(-120),
            operatorArn: "arn:aws:sts::111111111111:assumed-role/podium-approver/carol",
            environment: "registry", action: .approve, target: "fraud v4", plan: [], outcome: .success,
            command: "podium approve fraud 4 --comment 'looks good'"),
        AuditRecord(
            time: Fixtures.now.addingTimeInterval(-60),
            operatorArn: "arn:aws:sts::111111111111:assumed-role/podium-promoter/dave",
            environment: "prod", action: .rollback, target: "churn-prod", plan: [], outcome: .success,
            command: "podium rollback prod churn-prod"),
    ]

    static func teamState() -> ConsoleState {
        var config = Fixtures.config()
        config.audit = AuditSinkConfig(group: "/podium/audit", region: "us-east-1", credentials: CredentialsConfig())
        var state = Fixtures.loadedState(config: config, width: 110, height: 24)
        state.stack = [.activity]
        return state
    }

    @Test("two operators' records from the team log, each with its operator, under the group's title")
    func twoOperators() {
        let app = Fixtures.app()
        var state = Self.teamState()
        _ = app.update(&state, .auditLoaded(.success(Self.records.reversed()), at: Fixtures.now))
        let frame = Fixtures.render(state)
        let screen = ConsoleSnapshot.text(frame)
        #expect(screen.contains("team audit log /podium/audit"))
        #expect(screen.contains("carol") && screen.contains("dave"))
        assertConsoleSnapshot(frame, named: "team-activity-two-operators")
    }

    @Test("an unreadable team log keeps the local records and says so; a later good read clears it")
    func teamErrorIsShown() {
        let app = Fixtures.app()
        var state = Self.teamState()
        _ = app.update(
            &state,
            .auditLoaded(
                .success(Array(Self.records.prefix(1))), at: Fixtures.now, teamError: "AccessDeniedException"))
        #expect(state.lastError?.message == "team audit log: AccessDeniedException; showing your records only")
        #expect(state.audit.value?.count == 1)
        _ = app.update(&state, .auditLoaded(.success(Self.records), at: Fixtures.now.addingTimeInterval(10)))
        #expect(state.lastError == nil)
    }

    @Test("without a shared log the activity screen reads the service's local page")
    func localFallback() async throws {
        let service = RecordingService()
        let page = try await service.teamAuditPage(limit: 5)
        #expect(page.teamError == nil && page.fromTeam == 0)
        #expect(service.calls.contains { $0 == "audit" })
    }
}
