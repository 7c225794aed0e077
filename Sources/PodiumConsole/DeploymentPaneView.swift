import Foundation
import PodiumCore
import TerminalUI

/// The live progress of a promotion or rollback: status, phase, elapsed time, steps; Esc hides it.
struct DeploymentPaneView {
    let run: DeploymentRun
    let now: Date
    let tick: Int

    static let phases: [(DeploymentProgress.Phase, String)] = [
        (.creatingModel, "Create model"),
        (.creatingEndpointConfig, "Create endpoint config"),
        (.startingDeployment, "Start deployment"),
        (.deploying, "Wait for InService"),
    ]

    func render(into buffer: inout FrameBuffer, area: Rect, theme: Theme) {
        let width = min(area.width, max(50, min(90, area.width - 8)))
        let height = min(area.height, 14)
        let box = area.centered(width: width, height: height)
        buffer.fill(box, style: theme.style(.modal))
        var steps: [ProgressStep] = []
        let relevant =
            run.plan.action == .rollback ? Array(DeploymentPaneView.phases.dropFirst(2)) : DeploymentPaneView.phases
        let current = run.progress?.phase
        let seen = run.phases
        for (phase, label) in relevant {
            var state: ProgressStep.State = .pending
            if seen.contains(phase) { state = .done }
            if phase == current && run.isRunning { state = .running }
            if phase == .deploying && current == .rollingBack { state = .failed }
            if case .failure = run.result,
                phase == current || (current == .failed && seen.last(where: { $0 != .failed }) == phase)
            {
                state = .failed
            }
            if case .success = run.result { state = .done }
            steps.append(
                ProgressStep(label, state: state, detail: phase == current ? (run.progress?.message ?? "") : ""))
        }
        let status: String
        switch run.result {
        case .none:
            status =
                "\(run.plan.changeSummary) · \(run.progress?.status ?? "starting") · \(run.progress?.phase.rawValue ?? "planning")"
        case .success(let outcome):
            status = "Done: \(run.plan.endpoint) is \(outcome.status) · Enter closes"
        case .failure(let error):
            status = "Failed: \(error.message) · Enter closes"
        }
        let index = relevant.firstIndex { $0.0 == current }.map { $0 + 1 } ?? (run.result == nil ? 0 : relevant.count)
        ProgressPane(
            title:
                "\(run.plan.action == .rollback ? "Rollback" : "Promotion") \(run.plan.endpoint) (\(run.plan.environment)) · Esc hides",
            status: status, steps: steps, tick: tick, elapsedSeconds: run.elapsed(now: now),
            phase: (current: max(0, index), total: relevant.count), phaseLabel: run.progress?.phase.rawValue ?? "",
            focused: true
        ).render(into: &buffer, area: box, theme: theme)
    }
}
