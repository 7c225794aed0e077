import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
    // MARK: - Approve / reject

    /// Opens the comment prompt for an approve or reject (only for a pending version).
    func askComment(_ state: inout ConsoleState, _ version: ModelVersion, _ decision: ApprovalStatus)
        -> [Effect<ConsoleAction>]
    {
        guard version.status == .pending else {
            state.toast("\(version.group) v\(version.version) is \(version.status), not pending", kind: .info)
            return []
        }
        state.overlay = .comment(
            CommentPrompt(
                key: VersionKey(group: version.group, version: version.version), decision: decision,
                seenStatus: version.status))
        return []
    }

    /// Sends the approval, expecting the status the operator saw.
    func submitApproval(_ state: inout ConsoleState, _ prompt: CommentPrompt, comment: String) -> [Effect<
        ConsoleAction
    >] {
        let service = self.service
        let key = prompt.key
        let decision = prompt.decision
        let seen = prompt.seenStatus
        state.toast("\(decision == .approved ? "approving" : "rejecting") \(key)…", kind: .info, lifetime: 3)
        return [
            .task(id: EffectID("approval.\(key.group).\(key.version)")) {
                do {
                    let result = try await service.setApproval(
                        group: key.group, version: key.version, decision: decision, comment: comment,
                        expectedStatus: seen)
                    return .approvalFinished(key, decision, .success(result))
                } catch {
                    return .approvalFinished(key, decision, .failure(ConsoleError(error)))
                }
            }
        ]
    }

    /// Shows the result; on success the version leaves the queue, so the cursor is on the next one.
    func approvalFinished(
        _ state: inout ConsoleState, _ key: VersionKey, _ decision: ApprovalStatus,
        _ result: Result<ApprovalResult, ConsoleError>
    ) -> [Effect<ConsoleAction>] {
        switch result {
        case .success(let approval):
            let verb = decision == .approved ? "Approved" : "Rejected"
            state.toast("\(verb) \(key)", kind: .success)
            for warning in approval.warnings { state.toast(warning, kind: .info, lifetime: 10) }
            state.pending.value?.removeAll { $0.group == key.group && $0.version == key.version }
            if let index = state.versions[key.group]?.value?.firstIndex(where: { $0.version == key.version }) {
                state.versions[key.group]?.value?[index] = approval.version
            }
            if state.details[key]?.value != nil { state.details[key]?.value?.version = approval.version }
            if let index = state.groups.value?.firstIndex(where: { $0.name == key.group }) {
                state.groups.value?[index].pending -= 1
                if decision == .approved { state.groups.value?[index].approved += 1 }
                if decision == .rejected { state.groups.value?[index].rejected += 1 }
            }
            state.clampCursor(ConsoleScreen.pending.listKey, count: state.pendingRows.count)
            // Re-read the registry now: others may have changed it too.
            state.groups.lastAttempt = nil
            state.audit.lastAttempt = nil
            return scheduleRefreshes(&state, force: false)
        case .failure(let error):
            state.toast(error.message, kind: .error, lifetime: 15)
            state.noteError(error.message, at: state.now)
            state.groups.lastAttempt = nil
            state.audit.lastAttempt = nil
            return scheduleRefreshes(&state, force: false)
        }
    }

    // MARK: - Promote

    /// Opens the target picker and asks for each target's plan (its blockers say why a target is disabled).
    func startPromotion(_ state: inout ConsoleState, _ key: VersionKey) -> [Effect<ConsoleAction>] {
        guard state.allowsNewDeployment() else { return [] }
        let targets = state.config.endpoints(forGroup: key.group).map {
            PromotePicker.Target(environment: $0.environment.name, endpoint: $0.endpoint.name)
        }
        guard !targets.isEmpty else {
            state.toast("no configured endpoint serves \(key.group)", kind: .error)
            return []
        }
        let picker = PromotePicker(key: key, targets: targets)
        state.overlay = .promotePicker(picker)
        return planTasks(picker, timeout: state.options.fetchTimeout)
    }

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
        lines += alarmLines(plan, endpointAlarms: endpointAlarms)
        lines.append("AWS calls:")
        for (index, step) in plan.steps.enumerated() { lines.append("  \(index + 1). \(step.line)") }
        for warning in plan.warnings { lines.append("warning: \(warning)") }
        for blocker in plan.blockers { lines.append("refused: \(blocker)") }
        return lines.joined(separator: "\n")
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

    // MARK: - Command line

    /// Completion candidates for the `:` line.
    func commandCandidates(_ state: ConsoleState) -> [String] {
        var candidates = ["dashboard", "groups", "pending", "activity", "refresh", "help", "quit", "q"]
        candidates += state.config.environments.map { "env " + $0.name } + ["env all"]
        candidates += themeNames.map { "theme " + $0 }
        candidates += (state.groups.value ?? []).map { "group " + $0.name }
        return candidates
    }

    /// Runs a `:` command.
    func runCommand(_ state: inout ConsoleState, _ text: String) -> [Effect<ConsoleAction>] {
        let words = text.split(separator: " ").map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let argument = words.dropFirst().joined(separator: " ")
        switch verb {
        case "q", "quit", "exit":
            return [.quit]
        case "help":
            state.overlay = .help(scroll: 0)
        case "refresh":
            return scheduleRefreshes(&state, force: true)
        case "env":
            if argument.isEmpty || argument == "all" {
                state.focusedEnvironment = nil
            } else if state.config.environment(named: argument) != nil {
                state.focusedEnvironment = argument
                state.cursors[ConsoleScreen.dashboard.listKey] = 0
            } else {
                let names = state.config.environments.map(\.name)
                state.toast(
                    "unknown environment \"\(argument)\"; known: \(names.joined(separator: ", "))", kind: .error
                )
                return []
            }
            return switchTab(&state, .dashboard)
        case "theme":
            guard !argument.isEmpty else {
                state.toast("themes: \(themeNames.joined(separator: ", "))", kind: .info)
                return []
            }
            let loader = themeLoader
            let depth = state.theme.colorDepth
            let glyphs = state.theme.glyphs
            return [
                .task(id: "theme") {
                    let result = loader.load(argument, colorDepth: depth, glyphs: glyphs)
                    return .themeLoaded(name: argument, result.theme, warning: result.warning?.description)
                }
            ]
        case "group":
            guard !argument.isEmpty else { return switchTab(&state, .registry) }
            state.stack = [.groups, .versions(group: argument)]
            return scheduleRefreshes(&state, force: false)
        default:
            if let tab = ConsoleTab(pageName: verb) { return switchTab(&state, tab) }
            state.toast("unknown command \"\(verb)\"; try :pending, :groups, :env NAME, :theme NAME, :q", kind: .error)
        }
        return []
    }
}
