import Foundation
import PodiumCore
import TerminalUI

/// The progress of a running (or just finished) deployment: the plan's own AWS calls as steps (so AddTags
/// and the InService wait show as the plan listed them), the real phase, and a bar that counts finished
/// steps: waiting for InService is the last step, not 100 %.
struct DeploymentPaneView {
    let run: DeploymentRun
    let now: Date
    let tick: Int

    /// Phases in the order a run goes through them.
    static let order: [DeploymentProgress.Phase] = [
        .creatingModel, .creatingEndpointConfig, .startingDeployment, .deploying,
    ]

    /// The phase in which a planned call runs.
    static func phase(of operation: String) -> DeploymentProgress.Phase {
        switch operation {
        case "CreateModel": return .creatingModel
        case "CreateEndpointConfig": return .creatingEndpointConfig
        case "DescribeEndpoint": return .deploying
        default: return .startingDeployment  // UpdateEndpoint, CreateEndpoint, AddTags
        }
    }

    /// A label for a planned call.
    static func label(_ call: PlannedCall) -> String {
        switch call.operation {
        case "DescribeEndpoint": return "Wait for InService"
        default: return "\(call.operation) \(call.resource)"
        }
    }

    /// Each planned call's state from the phases seen so far and the result.
    func stepStates() -> [ProgressStep.State] {
        let calls = run.plan.steps
        let current = run.progress?.phase
        let message = run.progress?.message ?? ""
        // The furthest phase reached (rolling back and failure keep the last working phase).
        let reached = run.phases.compactMap { DeploymentPaneView.order.firstIndex(of: $0) }.max() ?? -1
        var states: [ProgressStep.State] = calls.map { call in
            let position = DeploymentPaneView.order.firstIndex(of: DeploymentPaneView.phase(of: call.operation)) ?? 0
            if case .success = run.result { return call.alreadyDone ? .skipped : .done }
            if position < reached { return call.alreadyDone ? .skipped : .done }
            if position == reached { return .running }
            return .pending
        }
        // Within the running phase, the call the progress message names is running; those before it are done.
        if let running = calls.indices.filter({ states[$0] == .running }).first(where: {
            message.hasPrefix(calls[$0].operation)
        }) {
            for index in calls.indices where states[index] == .running {
                states[index] = index < running ? .done : index == running ? .running : .pending
            }
        } else {
            // No call named: the first one of the phase runs, the rest wait.
            var first = true
            for index in calls.indices where states[index] == .running {
                states[index] = first ? .running : .pending
                first = false
            }
        }
        let failed: Bool
        if case .failure = run.result { failed = true } else { failed = current == .rollingBack }
        if failed, let index = states.firstIndex(of: .running) ?? states.lastIndex(where: { $0 == .done }) {
            states[index] = .failed
        }
        if !run.isRunning {
            states = states.map { $0 == .running ? .pending : $0 }
        }
        return states
    }

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let width = min(area.width, max(50, min(90, area.width - 8)))
        let height = min(area.height, 16)
        let box = area.centered(width: width, height: height)
        buffer.fill(box, style: theme.style(.modal))
        let calls = run.plan.steps
        let states = stepStates()
        let runningIndex = states.firstIndex(of: .running)
        let steps = zip(calls, states).enumerated().map { index, pair in
            let (call, state) = pair
            let detail: String
            if index == runningIndex {
                detail = run.progress?.message ?? ""
            } else if state == .skipped {
                detail = "already there"
            } else {
                detail = ""
            }
            return ProgressStep(DeploymentPaneView.label(call), state: state, detail: detail)
        }
        let status: String
        switch run.result {
        case .none where run.askingToCancel:
            status = "Cancel the stack update? CloudFormation rolls it back to the previous version · y/n"
        case .none:
            status =
                "\(run.plan.changeSummary) · \(run.progress?.status?.description ?? "starting") · \(run.progress?.phase.rawValue ?? "planning")"
                + (run.canCancelStackUpdate ? " · c cancels the update" : "")
        case .success(let outcome):
            status = "Done: \(run.plan.endpoint) is \(outcome.status) · Enter closes"
        case .failure(let error) where error.isOutcomeUnknown:
            status = "Outcome unknown: \(error.message) · Enter closes"
        case .failure(let error):
            status = "Failed: \(error.message) · Enter closes"
        }
        let finished = states.filter { $0 == .done || $0 == .skipped }.count
        let position = runningIndex.map { $0 + 1 } ?? finished
        ProgressPane(
            title:
                "\(run.plan.action == .rollback ? "Rollback" : "Promotion") \(run.plan.endpoint) (\(run.plan.environment)) · Esc hides",
            status: status, steps: steps, tick: tick, elapsedSeconds: run.elapsed(now: now),
            phase: (current: max(0, position), total: calls.count),
            phaseLabel: run.progress?.phase.rawValue ?? "planning", focused: true, completed: finished
        ).render(into: &buffer, area: box, theme: theme)
    }
}
