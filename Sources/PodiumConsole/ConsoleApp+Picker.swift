import Foundation
import PodiumCore
import TerminalUI

extension ConsoleApp {
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
        return picker.targets.map { target in
            let environment = target.environment
            let endpoint = target.endpoint
            return .task(id: EffectID("plan.\(environment).\(endpoint)")) {
                let result = await Deadline.run(limit: timeout) {
                    try await service.consolePlanPromotion(
                        group: key.group, version: key.version, environment: environment, endpoint: endpoint)
                }
                return .targetPlanned(key, environment: environment, endpoint: endpoint, result)
            }
        }
    }
}

extension PromotePicker {
    /// Records a target's plan (or the error fetching it) and, until the operator moves the cursor, keeps the
    /// cursor on the first target that can be picked.
    mutating func apply(
        environment: String, endpoint: String, _ result: Result<DeploymentPlan, ConsoleError>
    ) {
        guard let index = targets.firstIndex(where: { $0.environment == environment && $0.endpoint == endpoint })
        else { return }
        switch result {
        case .success(let plan):
            targets[index].plan = plan
            targets[index].error = nil
        case .failure(let error):
            targets[index].error = error.message
        }
        if !cursorMoved, let enabled = targets.firstIndex(where: { !$0.isChecking && $0.disabledReason == nil }) {
            cursor = enabled
        }
    }
}
