import Foundation
import PodiumCore
import Testing

@testable import PodiumConsole
@testable import TerminalUI

/// The activity screen shows one row per action: its `started` and outcome records (same attempt id) as one, the
/// outcome winning; a `started` without an outcome is "in progress" (dim) while it may still run, and "no outcome
/// recorded (crashed?)" (attention) once it is too old to be running.
@Suite struct ActivityPairingTests {
    static let now = Fixtures.now
    static let alice = "arn:aws:sts::111111111111:assumed-role/podium-promoter/alice"

    static func record(
        _ minutesAgo: Double, _ action: DeploymentAction, _ target: String, _ outcome: AuditRecord.Outcome,
        attempt: String?, error: String? = nil
    ) -> AuditRecord {
        AuditRecord(
            time: now.addingTimeInterval(-minutesAgo * 60), operatorArn: alice, environment: "dev", action: action,
            target: target, plan: [], outcome: outcome, error: error, attempt: attempt)
    }

    /// Newest first, as the audit page gives them.
    static let records: [AuditRecord] = [
        record(1, .promote, "churn-dev", .started, attempt: "a4"),
        record(2, .rollback, "fraud-dev", .failure, attempt: "a3", error: "SageMaker UpdateEndpoint failed"),
        record(3, .rollback, "fraud-dev", .started, attempt: "a3"),
        record(5, .promote, "churn-dev", .success, attempt: "a2"),
        record(9, .promote, "churn-dev", .started, attempt: "a2"),
        record(600, .promote, "recsys-dev", .started, attempt: "a1"),
        record(700, .approve, "arn:aws:sagemaker:us-east-1:1:model-package/churn/3", .success, attempt: nil),
    ]

    @Test func oneRowPerActionTheOutcomeWinning() {
        let rows = ActivityPairing.rows(Self.records, now: Self.now)
        #expect(
            rows.map(\.detail) == [
                "in progress", "failure: SageMaker UpdateEndpoint failed", "success", "no outcome recorded (crashed?)",
                "success",
            ])
        #expect(rows.map(\.isProblem) == [false, true, false, true, false])
        #expect(rows.map(\.inProgress) == [true, false, false, false, false])
        // The paired row shows when the action ended.
        #expect(rows[2].time == Self.now.addingTimeInterval(-300))
    }

    /// An unknown outcome (a write that got no answer) is shown by its own words, once, and needs attention.
    @Test func anUnknownOutcomeIsShownOnceByItsOwnWords() {
        let text = "outcome unknown: UpdateEndpoint churn-dev got no answer in 3 attempts"
        let rows = ActivityPairing.rows(
            [
                Self.record(1, .promote, "churn-dev", .unknown, attempt: "u", error: text),
                Self.record(2, .promote, "churn-dev", .started, attempt: "u"),
            ], now: Self.now)
        #expect(rows.map(\.detail) == [text])
        #expect(rows.first?.isProblem == true)
    }

    /// An approval left without an outcome for more than ten minutes is old already; a promotion is followed for
    /// hours, so it is still "in progress".
    @Test func howOldAStartedRecordMayBeDependsOnTheAction() {
        let approval = ActivityPairing.rows([Self.record(11, .approve, "x", .started, attempt: "b")], now: Self.now)
        let promotion = ActivityPairing.rows([Self.record(11, .promote, "x", .started, attempt: "c")], now: Self.now)
        #expect(approval.first?.detail == "no outcome recorded (crashed?)")
        #expect(promotion.first?.detail == "in progress")
    }

    @Test func theActivityScreenShowsOneRowPerAction() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 110, height: 22)
        state.audit.succeed(Self.records, at: Self.now)
        _ = app.update(&state, .input(.key(.char("4"))))
        _ = app.update(&state, .input(.key(.char("j"))))  // the cursor off the row in progress, to see its style
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "activity-paired")
        // Attention only where it is due: the old started row, not the one in progress.
        let theme = state.theme
        let lines = frame.textLines()
        func outcomeStyle(_ text: String) -> CellStyle? {
            guard let y = lines.firstIndex(where: { $0.contains(text) }),
                let x = lines[y].range(of: text).map({ lines[y].distance(from: lines[y].startIndex, to: $0.lowerBound) }
                )
            else { return nil }
            return frame[x, y].style
        }
        #expect(outcomeStyle("no outcome recorded (crashed?)") == theme.style(.healthWarn))
        #expect(outcomeStyle("in progress") == theme.style(.textDim))
        #expect(outcomeStyle("in progress") != theme.style(.healthWarn))
    }
}
