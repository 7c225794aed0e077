import Foundation
import PodiumCore
import Testing

@testable import PodiumConsole

/// The progress pane of a stack-route deployment offers CancelUpdateStack while the update is in progress, asks
/// y/n first, and only then calls the service (which re-reads the stack and audits the cancel).
@Suite struct StackCancelPaneTests {
    static func run(
        route: DeploymentRoute, status: DeploymentProgress.Status?, phase: DeploymentProgress.Phase = .deploying
    )
        -> DeploymentRun
    {
        var plan = samplePlan(environment: "preprod", endpoint: "churn-preprod")
        plan.route = route
        var run = DeploymentRun(plan: plan, startedAt: Fixtures.now)
        if let status {
            run.progress = DeploymentProgress(
                phase: phase, status: status, elapsed: 3, message: "Endpoint AWS::SageMaker::Endpoint \(status)")
        }
        return run
    }

    @Test("c is offered only while a stack or pipeline route's update is in progress")
    func offeredOnlyWhileUpdating() {
        #expect(Self.run(route: .stack, status: .cloudFormation(.init("UPDATE_IN_PROGRESS"))).canCancelStackUpdate)
        #expect(Self.run(route: .pipeline, status: .cloudFormation(.init("UPDATE_IN_PROGRESS"))).canCancelStackUpdate)
        #expect(!Self.run(route: .direct, status: .cloudFormation(.init("UPDATE_IN_PROGRESS"))).canCancelStackUpdate)
        #expect(!Self.run(route: .stack, status: nil).canCancelStackUpdate)
        #expect(!Self.run(route: .stack, status: .workflowRun("in_progress")).canCancelStackUpdate)
        // An endpoint status is never a stack update, whatever its text.
        #expect(!Self.run(route: .stack, status: .endpoint(.other("UPDATE_IN_PROGRESS"))).canCancelStackUpdate)
        #expect(
            !Self.run(route: .stack, status: .cloudFormation(.init("UPDATE_ROLLBACK_IN_PROGRESS")), phase: .rollingBack)
                .canCancelStackUpdate)
        #expect(
            !Self.run(route: .stack, status: .cloudFormation(.init("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")))
                .canCancelStackUpdate)
        var finished = Self.run(route: .stack, status: .cloudFormation(.init("UPDATE_IN_PROGRESS")))
        finished.result = .failure(ConsoleError("rolled back"))
        #expect(!finished.canCancelStackUpdate)
    }

    @Test("the pane's handle: c asks, y cancels, n or Esc keeps the update running, other keys do nothing")
    func handle() {
        var run = Self.run(route: .stack, status: .cloudFormation(.init("UPDATE_IN_PROGRESS")))
        #expect(run.paneScope == ConsoleKeys.Scope.progress)
        #expect(run.handlePane(.progressCancelStack, isHelp: false) == .askCancel)
        run.askingToCancel = true
        #expect(run.paneScope == ConsoleKeys.Scope.confirm)
        #expect(run.handlePane(.confirmYes, isHelp: false) == .cancelStack)
        #expect(run.handlePane(.confirmNo, isHelp: false) == .keepRunning)
        #expect(run.handlePane(.progressHide, isHelp: false) == .ignore)
        #expect(run.handlePane(nil, isHelp: false) == .ignore)
        // The update ended while the question was open: y no longer cancels.
        run.progress = DeploymentProgress(
            phase: .deploying, status: .cloudFormation(.init("UPDATE_COMPLETE")), elapsed: 9, message: "done")
        #expect(run.handlePane(.confirmYes, isHelp: false) == .keepRunning)
        #expect(
            Self.run(route: .direct, status: .endpoint(.updating)).handlePane(.progressCancelStack, isHelp: false)
                == .ignore)
    }

    @Test("through the app: c, then y calls cancelStackUpdate once; n calls nothing; the pane says so")
    func throughTheApp() async {
        let service = RecordingService()
        let app = Fixtures.app(service)
        var state = Fixtures.loadedState()
        state.deployment = Self.run(route: .stack, status: .cloudFormation(.init("UPDATE_IN_PROGRESS")))
        #expect(Fixtures.render(state).textLines().joined().contains("c cancels the update"))

        #expect(press(app, &state, .char("c")).isEmpty)
        #expect(state.deployment?.askingToCancel == true)
        #expect(Fixtures.render(state).textLines().joined().contains("Cancel the stack update?"))
        #expect(press(app, &state, .char("n")).isEmpty)
        #expect(state.deployment?.askingToCancel == false)
        #expect(service.calls.isEmpty)

        _ = press(app, &state, .char("c"))
        let effects = press(app, &state, .char("y"))
        #expect(taskIDs(effects) == ["cancel-stack"])
        for action in await runEffects(effects) { _ = app.update(&state, action) }
        #expect(service.calls == ["cancelStackUpdate preprod churn-preprod"])
        #expect(state.deployment?.isRunning == true)
    }
}
