import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Snapshots of the pipeline screen (issue 13): the ledger with every flag, a stack panel with its first failed
/// event, the rule-hygiene warning, and the log view with hostile lines.
struct PipelineViewSnapshotTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let theme = Theme.fallback(colorDepth: .c256, glyphs: .unicode)

    static func arn(_ group: String, _ version: Int) -> String {
        "arn:aws:sagemaker:us-east-1:123456789012:model-package/\(group)/\(version)"
    }

    /// One row per flag kind, each raised by the facts of a real situation, plus a clean row and a denied source.
    static var ledger: Ledger {
        func facts(_ env: String, _ group: String, running: Int?, latest: Int) -> LedgerFacts {
            LedgerFacts(
                group: group, environment: env, endpoint: "\(group)-\(env)",
                latestApproved: LedgerFacts.Version(version: latest, arn: arn(group, latest)),
                running: LedgerFacts.Running(
                    exists: running != nil, status: running == nil ? nil : "InService",
                    endpointConfig: running.map { "\(group)-\(env)-v\($0)" },
                    packageArn: running.map { arn(group, $0) },
                    version: running, packageStatus: .approved, packageListed: true))
        }
        var rows: [LedgerFacts] = []
        rows.append(facts("dev", "churn", running: 4, latest: 4))
        rows.append(facts("dev", "fraud", running: nil, latest: 2))
        var rejected = facts("preprod", "churn", running: 3, latest: 4)
        rejected.running?.packageStatus = .rejected
        rows.append(rejected)
        var deleted = facts("preprod", "fraud", running: 1, latest: 1)
        deleted.running?.packageStatus = nil
        deleted.running?.packageListed = false
        rows.append(deleted)
        var pinned = facts("prod", "churn", running: 3, latest: 3)
        pinned.pin = LedgerFacts.Pin(name: "/models/churn/prod", value: arn("churn", 4))
        rows.append(pinned)
        var rolledBack = facts("prod", "fraud", running: 1, latest: 1)
        rolledBack.lastPromotions = [
            LedgerFacts.Promotion(
                source: .endpointTags, packageArn: arn("fraud", 2), previousEndpointConfig: "fraud-prod-v1")
        ]
        rolledBack.stack = LedgerFacts.Stack(
            name: "fraud-prod-stack", exists: true, status: "UPDATE_COMPLETE", parameter: "ModelPackageArn",
            parameterValue: arn("fraud", 1), driftStatus: "DRIFTED", driftChecked: now.addingTimeInterval(-3 * 3600))
        rows.append(rolledBack)
        var denied = facts("prod", "recsys", running: 2, latest: 2)
        denied.problems = ["pin /models/recsys/prod: AccessDenied: allow ssm:GetParameter"]
        rows.append(denied)
        return Ledger(time: now, rows: rows.map { LedgerRow(facts: $0, flags: LedgerEvaluator.flags($0, now: now)) })
    }

    static var machinery: PipelineMachinery {
        let every = #"{"source":["aws.sagemaker"],"detail-type":["SageMaker Model Package State Change"]}"#
        let approved =
            #"{"detail-type":["SageMaker Model Package State Change"],"detail":{"ModelApprovalStatus":["Approved"]}}"#
        let registry = TriggerPanel(
            account: "registry",
            rules: [
                TriggerRule(
                    account: "registry", name: "podium-model-approved", state: "ENABLED", pattern: approved, targets: []
                ),
                TriggerRule(
                    account: "registry", name: "loose-deploy", state: "ENABLED", pattern: every,
                    targets: ["arn:aws:lambda:us-east-1:123456789012:function:deploy-trigger"]),
            ],
            lambdas: [
                LambdaPanel(
                    function: "deploy-trigger", invocations: [0, 1, 3, 1, 0, 2], errors: [0, 0, 1, 0, 0, 0],
                    lastLines: [
                        LogLine(time: now.addingTimeInterval(-60), stream: "s", message: "churn v4 is Approved")
                    ])
            ])
        func event(_ ago: Double, _ id: String, _ status: String, _ reason: String? = nil) -> StackEventLine {
            StackEventLine(
                time: now.addingTimeInterval(-ago), logicalId: id,
                resourceType: id == "churn-preprod-stack" ? "AWS::CloudFormation::Stack" : "AWS::SageMaker::\(id)",
                status: status, reason: reason)
        }
        let stack = StackPanel(
            name: "churn-preprod-stack", status: "UPDATE_ROLLBACK_COMPLETE", lastUpdated: now,
            events: [
                event(10, "churn-preprod-stack", "UPDATE_ROLLBACK_COMPLETE"),
                event(
                    20, "churn-preprod-stack", "UPDATE_ROLLBACK_IN_PROGRESS",
                    "The following resource(s) failed to update: [Endpoint]."),
                event(30, "Endpoint", "UPDATE_FAILED", "canary alarm churn-5xx fired"),
                event(40, "Endpoint", "UPDATE_IN_PROGRESS"),
                event(50, "churn-preprod-stack", "UPDATE_IN_PROGRESS", "User Initiated"),
            ])
        let runs = [
            WorkflowRunLine(
                id: 7, title: "Deploy churn v4 to prod", status: "completed", conclusion: "failure", duration: 42,
                url: "https://github.com/example-corp/ml-deploy/actions/runs/7", failingJob: "deploy (step cdk deploy)")
        ]
        return PipelineMachinery(
            time: now, registry: registry,
            environments: [
                EnvironmentMachinery(
                    environment: "preprod", stacks: [stack], trigger: TriggerPanel(account: "preprod")),
                EnvironmentMachinery(
                    environment: "prod",
                    trigger: TriggerPanel(account: "prod", problem: "rules: AccessDenied: allow events:ListRules"),
                    runs: runs),
            ])
    }

    @Test func ledgerWithEveryFlagAndTheMachinery() {
        let ledger = Self.ledger
        // Every flag kind is on screen (the facts above raise each one).
        #expect(Set(ledger.rows.flatMap(\.flags).map(\.kind)) == Set(LedgerFlag.Kind.allCases))
        var buffer = FrameBuffer(width: 150, height: 45)
        PipelineView(ledger: ledger, machinery: Self.machinery, now: Self.now)
            .render(into: &buffer, area: buffer.bounds, theme: Self.theme)
        let text = ConsoleSnapshot.text(buffer)
        #expect(text.contains("first failure: Endpoint UPDATE_FAILED: canary alarm churn-5xx fired"))
        #expect(text.contains("⚠ does not filter on ModelApprovalStatus: Approved"))
        #expect(text.contains("rules: AccessDenied: allow events:ListRules"))
        assertConsoleSnapshot(buffer, named: "pipeline-ledger-machinery")
    }

    @Test func logViewWithHostileLines() {
        var logs = LogBuffer(capacity: 4)
        let hostile = [
            "\u{1B}]0;pwned\u{07}title change", "\u{1B}[2J\u{1B}[Hclear screen", "\u{9B}31mC1 CSI red",
            "\u{202E}txt.exe reversed", "tab\there\rcarriage", "normal line",
        ]
        logs.append(
            hostile.enumerated().map {
                LogLine(
                    time: Self.now.addingTimeInterval(Double($0.offset)), stream: "AllTraffic/i-1", message: $0.element)
            })
        #expect(logs.lines.count == 4 && logs.dropped == 2)
        var buffer = FrameBuffer(width: 80, height: 8)
        LogView(
            endpoint: "churn-prod", environment: "prod", buffer: logs, filter: "", scrollBack: 0, unseen: 0,
            problem: nil
        ).render(into: &buffer, area: buffer.bounds, theme: Self.theme)
        let text = ConsoleSnapshot.text(buffer)
        for bad: Unicode.Scalar in ["\u{1B}", "\u{9B}", "\u{07}", "\u{202E}", "\r"] {
            #expect(!text.unicodeScalars.contains(bad))
        }
        assertConsoleSnapshot(buffer, named: "pipeline-log-view")

        var paused = FrameBuffer(width: 80, height: 6)
        LogView(
            endpoint: "churn-prod", environment: "prod", buffer: logs, filter: "r", scrollBack: 1, unseen: 3,
            problem: nil
        ).render(into: &paused, area: paused.bounds, theme: Self.theme)
        assertConsoleSnapshot(paused, named: "pipeline-log-view-paused-filtered")
    }
}
