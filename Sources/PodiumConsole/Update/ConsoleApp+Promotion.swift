import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
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

    /// Re-asks every target's plan of an open promote picker: a refresh can open a gate (the version now runs
    /// healthy in the environment before) or close one, and the picker must say what is true now. The plans
    /// shown stay until the new ones arrive.
    func refreshPicker(_ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        guard case .promotePicker(let picker) = state.overlay else { return [] }
        return planTasks(picker, timeout: state.options.fetchTimeout)
    }

    /// One plan request per target of the picker (each replaces a running request for the same target).
    func planTasks(_ picker: PromotePicker, timeout: Duration) -> [Effect<ConsoleAction>] {
        let service = self.service
        let key = picker.key
        let clock = self.clock
        return picker.targets.map { target in
            let environment = target.environment
            let endpoint = target.endpoint
            return .task(id: EffectID("plan.\(environment).\(endpoint)")) {
                let result = await Deadline.run(limit: timeout, clock: clock) {
                    try await service.planPromotion(
                        group: key.group, version: key.version, to: environment, endpoint: endpoint)
                }
                return .targetPlanned(key, environment: environment, endpoint: endpoint, result)
            }
        }
    }
}

extension ConsoleApp {
    /// `p` on the dashboard: promote to the selected endpoint. The version is the one the environment before
    /// it (its gate's, or the previous in promotion order) runs, else the newest approved version known.
    func promote(to row: DashboardRow, _ state: inout ConsoleState) -> [Effect<ConsoleAction>] {
        guard state.allowsNewDeployment() else { return [] }
        let group = row.spec.modelPackageGroup
        guard let version = candidateVersion(state, row) else {
            state.toast("no approved \(group) version known: pick one in the registry (2)", kind: .info)
            return []
        }
        let picker = PromotePicker(
            key: VersionKey(group: group, version: version),
            targets: [.init(environment: row.environment.name, endpoint: row.spec.name)])
        state.overlay = .promotePicker(picker)
        return planTasks(picker, timeout: state.options.fetchTimeout)
    }

    /// The version to offer for a dashboard row (see `promote(to:_:)`).
    func candidateVersion(_ state: ConsoleState, _ row: DashboardRow) -> Int? {
        let group = row.spec.modelPackageGroup
        let environments = state.config.environments.map(\.name)
        let upstream =
            row.environment.gate?.requires
            ?? environments.firstIndex(of: row.environment.name).flatMap { $0 > 0 ? environments[$0 - 1] : nil }
        if let upstream,
            let running = state.health[upstream]?.value?.endpoints.first(where: { $0.deployment.group == group })?
                .deployment.version
        {
            return running
        }
        if let approved = state.versions[group]?.value?.first(where: {
            $0.status == .approved
        }) {
            return approved.version
        }
        if let summary = state.groups.value?.first(where: { $0.name == group }),
            summary.latestStatus == .approved
        {
            return summary.latestVersion
        }
        return nil
    }
}

extension ConsoleApp {
    /// Keys while the promote picker is open: the picker's scope (targets, `v` for the mode), or the variant
    /// input's while it asks for a challenger's or shadow's name and weight or sample.
    func handlePickerKey(_ state: inout ConsoleState, _ picker: PromotePicker, _ event: KeyEvent)
        -> [Effect<ConsoleAction>]
    {
        typealias Scope = ConsoleKeys.Scope
        var picker = picker
        let outcome: PromotePicker.Outcome
        if picker.input != nil {
            guard
                let translated = state.editorEvent(
                    event, scope: Scope.variantInput, [.variantSubmit: .enter, .variantCancel: .escape])
            else { return [] }
            outcome = picker.handleInput(translated)
        } else {
            outcome = picker.handle(event.key.flatMap { state.overlayCommand(for: $0, in: Scope.picker) })
        }
        switch outcome {
        case .cancelled:
            state.overlay = nil
        case .open:
            state.overlay = .promotePicker(picker)
        case .picked(let target, let plan):
            var pane = PlanPane(
                title: "Promote \(picker.key) to \(target.environment)", environment: target.environment,
                endpoint: target.endpoint)
            pane.plan = plan
            pane.modal = ConsoleApp.confirmation(
                for: plan, endpointAlarms: ConsoleApp.endpointAlarms(for: plan, config: state.config))
            state.overlay = .plan(pane)
        case .variant(let environment, let endpoint, let name, let addition):
            return planVariant(
                &state, key: picker.key, environment: environment, endpoint: endpoint, name: name, addition: addition)
        }
        return []
    }
}
