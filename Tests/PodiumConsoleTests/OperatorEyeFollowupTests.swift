import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// Issue 17, "also fix": the picker's ellipsis, the progress pane, `p` on the dashboard, downgrades, help
/// bar and key scopes, `:theme mono` badges, Activity targets, read-only feedback, watch help.
@Suite("Operator's eye: follow-ups")
struct OperatorEyeFollowupTests {
    static let key = VersionKey(group: "churn", version: 4)

    @Test("the picker cuts a long gate reason with an ellipsis and shows it whole below (item 7)")
    func pickerEllipsis() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 90, height: 30)
        state.overlay = .promotePicker(
            PromotePicker(
                key: Self.key,
                targets: [
                    .init(environment: "prod", endpoint: "churn-prod"),
                    .init(environment: "dev", endpoint: "churn-dev"),
                ]))
        let reason =
            "gate: churn v4 has run healthy in dev for 3m, needs 30m (since 07:57:00, no CRIT since; alarms OK)"
        _ = app.update(
            &state,
            .targetPlanned(
                Self.key, environment: "prod", endpoint: "churn-prod", .success(samplePlan(blockers: [reason]))))
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "picker-long-reason")
        let lines = frame.textLines()
        let row = lines.first { $0.contains("churn-prod  disabled:") } ?? ""
        #expect(row.contains("…"), "picker row: \(row)")
        // The cursor stays on prod (dev is still being checked): its whole reason is readable below.
        #expect(lines.joined(separator: " ").contains("needs 30m"))
    }

    @Test("the progress pane lists the plan's calls (AddTags too) and is not full while waiting for InService")
    func progressPane() {
        var state = Fixtures.loadedState(width: 120, height: 30)
        var plan = samplePlan()
        plan.steps = [
            PlannedCall(operation: "CreateModel", resource: "churn-prod-v4-abcd", detail: ""),
            PlannedCall(operation: "CreateEndpointConfig", resource: "churn-prod-v4-abcd", detail: ""),
            PlannedCall(operation: "UpdateEndpoint", resource: "churn-prod", detail: ""),
            PlannedCall(operation: "AddTags", resource: "churn-prod", detail: ""),
            PlannedCall(operation: "DescribeEndpoint", resource: "churn-prod", detail: "poll until InService"),
        ]
        state.deployment = DeploymentRun(plan: plan, startedAt: Fixtures.now)
        for phase in [DeploymentProgress.Phase.creatingModel, .creatingEndpointConfig, .startingDeployment, .deploying]
        {
            state.deployment?.phases.append(phase)
        }
        state.deployment?.progress = DeploymentProgress(
            phase: .deploying, status: .endpoint(.updating), elapsed: 17, message: "waiting for InService")
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "progress-deploying")
        let text = frame.textLines().joined(separator: "\n")
        #expect(text.contains("AddTags churn-prod"))
        #expect(text.contains("Step 5/5 deploying"))
        // Four of five steps done: the bar is not full while SageMaker is still deploying.
        let bar = frame.textLines().first { $0.contains("Step 5/5") } ?? ""
        #expect(bar.contains("░") && bar.contains("█"), "bar: \(bar)")
    }

    @Test("the sparkline leaves out the minute still filling up (its bar would always dip)")
    func sparklineCompleteMinutes() {
        var state = Fixtures.loadedState(width: 160, height: 24)
        var dev = state.health["dev"]!.value!
        // Ten complete minutes rising to 100, then the current minute 30 s in with only 5 invocations so far.
        dev.endpoints[0].metrics.invocations =
            Fixtures.series([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
            + [MetricPoint(time: Fixtures.now.addingTimeInterval(-30), value: 5)]
        state.health["dev"]!.succeed(dev, at: Fixtures.now)
        let line = Fixtures.render(state).textLines().first { $0.contains("inv ") } ?? ""
        #expect(line.contains("▇█ 95/m"), "sparkline: \(line)")
    }

    @Test("p on the dashboard promotes to the selected endpoint the version the environment before runs")
    func dashboardPromote() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState()
        state.cursors[ConsoleScreen.dashboard.listKey] = 2  // churn-prod
        let effects = press(app, &state, .char("p"))
        guard case .promotePicker(let picker) = state.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.key == VersionKey(group: "churn", version: 4))  // what dev runs
        #expect(picker.targets.map(\.endpoint) == ["churn-prod"])
        #expect(taskIDs(effects) == ["plan.prod.churn-prod"])
    }

    @Test("a promotion to an older version says downgrade in the plan")
    func downgrade() {
        var plan = samplePlan()
        plan.currentVersion = 5
        plan.newVersion = 3
        #expect(ConsoleApp.planText(plan).contains("downgrade: v5 → v3"))
        #expect(!ConsoleApp.planText(samplePlan()).contains("downgrade"))
    }

    @Test("help bar: w once a deployment exists, the dialog's keys while a comment is typed")
    func helpBar() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(width: 140, height: 30)
        state.deployment = DeploymentRun(plan: samplePlan(), startedAt: Fixtures.now)
        state.deployment?.hidden = true
        #expect(Fixtures.render(state).textLines().last?.contains("w show deployment") == true)
        state.deployment = nil
        press(app, &state, .char("3"), .char("a"))
        let bar = Fixtures.render(state).textLines().last ?? ""
        #expect(bar.contains("Enter submit") && bar.contains("Esc cancel"), "help bar: \(bar)")
        #expect(!bar.contains("approve") && !bar.contains("filter"), "help bar: \(bar)")
    }

    @Test("version detail has no filter key and Activity no open key (they did nothing)")
    func scopes() {
        var state = Fixtures.loadedState()
        state.stack = [.groups, .versions(group: "churn"), .detail(Self.key)]
        #expect(state.effectiveKeyMap.binding(for: .char("/"), in: state.screen.scope) == nil)
        state.stack = [.activity]
        #expect(state.effectiveKeyMap.binding(for: .enter, in: state.screen.scope) == nil)
        state.stack = [.pending]
        #expect(state.effectiveKeyMap.binding(for: .char("/"), in: state.screen.scope) != nil)
    }

    @Test(":theme mono paints environment badges without colour")
    func monoBadges() throws {
        var state = Fixtures.loadedState(width: 120, height: 24)
        let loaded = ThemeLoader(directories: []).load("mono", colorDepth: .c256, glyphs: .unicode)
        state.theme = loaded.theme
        let frame = Fixtures.render(state)
        let badge = try #require(style(of: "dev", in: frame, startRow: 2))
        #expect(badge.foreground == .default && badge.background == .default)
        #expect(badge.attributes.contains(.reverse))
    }

    @Test("Activity shows an approval's group and version, and what a promotion deployed")
    func activityTargets() {
        let approval = AuditRecord(
            time: Fixtures.now, operatorArn: "arn:aws:sts::1:assumed-role/r/alice", environment: "registry",
            action: .approve, target: "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/5", plan: [],
            outcome: .success)
        #expect(ConsoleState.activityTarget(approval) == "churn v5")
        let promotion = AuditRecord(
            time: Fixtures.now, operatorArn: "arn:aws:sts::1:assumed-role/r/alice", environment: "prod",
            action: .promote, target: "churn-prod",
            plan: [
                "CreateModel churn-prod-v4-abcd from arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4, role x"
            ],
            outcome: .success)
        #expect(ConsoleState.activityTarget(promotion) == "churn-prod → churn v4")
    }

    @Test("read-only: a, p and b say the console is read-only")
    func readOnlyFeedback() {
        let app = Fixtures.app()
        var state = Fixtures.loadedState(config: Fixtures.config(readOnly: true))
        press(app, &state, .char("b"))
        #expect(
            state.toasts.visible(at: Fixtures.now.timeIntervalSince1970).last?.message.contains("read-only") == true)
        press(app, &state, .char("3"), .char("a"))
        #expect(state.overlay == nil)
        #expect(
            state.toasts.visible(at: Fixtures.now.timeIntervalSince1970).last?.message
                == "approve: this console (--read-only) is read-only")
    }

    @Test("watch help lists only the pages it shows")
    func watchHelp() {
        var state = Fixtures.loadedState(mode: .watch, width: 120, height: 40)
        state.options = ConsoleOptions(mode: .watch, pages: [.dashboard, .pending, .activity])
        let map = state.effectiveKeyMap
        #expect(map.binding(forAction: ConsoleKeys.Action.registry) == nil)
        #expect(map.binding(forAction: ConsoleKeys.Action.pending) != nil)
        state.overlay = .help(scroll: 0)
        let help = Fixtures.render(state).textLines()
        // The keys column is as wide as the widest key list, dialogs' included.
        #expect(help.contains { $0.range(of: "┃  3 +pending", options: .regularExpression) != nil })
        #expect(!help.contains { $0.contains("┃  2 ") }, "\(help.joined(separator: "\n"))")
    }
}
