import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    // MARK: - Roll back

    /// Asks for the rollback plan of the endpoint under the dashboard cursor.
    func startRollback(_ state: inout ConsoleState, _ row: DashboardRow) -> [Effect<ConsoleAction>] {
        guard state.allowsNewDeployment() else { return [] }
        let environment = row.environment.name
        let endpoint = row.spec.name
        state.overlay = .plan(PlanPane(title: "Roll back \(endpoint)", environment: environment, endpoint: endpoint))
        let service = self.service
        let timeout = state.options.fetchTimeout
        let clock = self.clock
        return [
            .task(id: "plan.rollback") {
                let result = await Deadline.run(limit: timeout, clock: clock) {
                    try await service.planRollback(environment: environment, endpoint: endpoint)
                }
                return .rollbackPlanned(environment: environment, endpoint: endpoint, result)
            }
        ]
    }

    // MARK: - Execute

    /// The confirmation for an allowed plan: y/n, or typing the endpoint name (`confirm: typed`).
    static func confirmation(for plan: DeploymentPlan, endpointAlarms: [String] = []) -> ConfirmationModal? {
        guard plan.isAllowed else { return nil }
        let mode: ConfirmationModal.Mode = plan.confirm == .typed ? .typed(expected: plan.endpoint) : .yesNo
        let verb = plan.action == .rollback ? "Roll back" : "Promote"
        return ConfirmationModal(
            title: "\(verb) \(plan.endpoint) in \(plan.environment)?",
            message: planText(plan, endpointAlarms: endpointAlarms), mode: mode,
            destructive: true)
    }

    /// The alarms configured on the plan's endpoint (`alarms:` of the endpoint in the config), if any.
    static func endpointAlarms(for plan: DeploymentPlan, config: PodiumConfig) -> [String] {
        config.environment(named: plan.environment)?.endpoint(named: plan.endpoint)?.alarms ?? []
    }

    /// The alarm lines of the plan pane: the deployment's auto-rollback alarms and the endpoint's own alarms
    /// (watched on the dashboard, they do not roll back), each labelled; `alarms: none` when there are neither.
    static func alarmLines(_ plan: DeploymentPlan, endpointAlarms: [String]) -> [String] {
        let watched = endpointAlarms.filter { !plan.alarms.contains($0) }
        var lines: [String] = []
        if !plan.alarms.isEmpty {
            lines.append("alarms (auto-rollback): \(plan.alarms.joined(separator: ", "))")
        }
        if !watched.isEmpty {
            let note = plan.alarms.isEmpty ? "; no auto-rollback alarms" : ""
            lines.append("alarms (endpoint, watched only\(note)): \(watched.joined(separator: ", "))")
        }
        return lines.isEmpty ? ["alarms: none"] : lines
    }

    /// The plan as the pane shows it: current → new, instance settings, strategy, alarms, AWS calls.
    static func planText(_ plan: DeploymentPlan, endpointAlarms: [String] = []) -> String {
        var lines: [String] = []
        lines.append("\(plan.environment) (\(plan.region)) \(plan.endpoint): \(plan.changeSummary)")
        if let current = plan.currentVersion, let new = plan.newVersion, new < current {
            lines.append("downgrade: v\(current) → v\(new) (an older version than the endpoint runs)")
        }
        lines.append("config: \(plan.currentEndpointConfig ?? "none") → \(plan.newEndpointConfig)")
        lines.append("instances: \(plan.variantSummary)")
        lines.append("strategy: \(plan.strategy)")
        if plan.route != .direct { lines.append("route: \(plan.route.rawValue)") }
        for check in plan.preflight ?? [] { lines.append("preflight: \(check.line)") }
        lines += alarmLines(plan, endpointAlarms: endpointAlarms)
        lines.append("AWS calls:")
        for (index, step) in plan.steps.enumerated() { lines.append("  \(index + 1). \(step.line)") }
        for warning in plan.warnings { lines.append("warning: \(warning)") }
        for blocker in plan.blockers { lines.append("refused: \(blocker)") }
        return lines.joined(separator: "\n")
    }

    /// Cancels the running deployment's stack update (CancelUpdateStack, audited by the session, which re-reads
    /// the stack and refuses when it is no longer updating); the deployment's own follower then reports the
    /// rollback CloudFormation makes.
    func cancelStackUpdate(_ state: inout ConsoleState, _ run: DeploymentRun) -> [Effect<ConsoleAction>] {
        let service = self.service
        let environment = run.plan.environment
        let endpoint = run.plan.endpoint
        state.toast("cancelling the stack update of \(endpoint)…", kind: .info)
        return [
            .task(id: "cancel-stack") {
                do {
                    return .stackCancelRequested(
                        .success(try await service.cancelStackUpdate(environment: environment, endpoint: endpoint)))
                } catch {
                    return .stackCancelRequested(.failure(ConsoleError(error)))
                }
            }
        ]
    }

    /// Starts executing a confirmed plan; progress and the result come back as actions.
    func startDeployment(_ state: inout ConsoleState, _ plan: DeploymentPlan) -> [Effect<ConsoleAction>] {
        state.deployment = DeploymentRun(plan: plan, startedAt: state.now)
        let service = self.service
        let clock = self.clock
        return [
            .run(id: "deployment") { send in
                let result: Result<DeploymentOutcome, ConsoleError>
                do {
                    let outcome = try await service.execute(plan) { progress in
                        send(.deploymentProgress(progress))
                    }
                    result = .success(outcome)
                } catch {
                    result = .failure(ConsoleError(error))
                }
                send(.deploymentFinished(result, at: clock.now()))
            }
        ]
    }
}
