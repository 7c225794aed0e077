import Foundation
import PodiumCore
import TerminalUI

/// A challenger or shadow promotion from the picker (`v` cycles the mode): once the name and the weight or
/// sample are given, the session plans it (`planVariantPromotion`, as `podium promote … --as-variant` /
/// `--as-shadow` does) and the plan opens in the traffic pane's confirmation: from there on it is the traffic
/// flow (refusals shown, y/n or the typed endpoint name, the audited `TrafficExecutor` with its progress, the
/// dashboard refreshed).
extension ConsoleApp {
    /// Opens the traffic pane of the target, preparing the plan, and asks the session for it.
    func planVariant(
        _ state: inout ConsoleState, key: VersionKey, environment: String, endpoint: String, name: String,
        addition: VariantPromotionPlanner.Addition
    ) -> [Effect<ConsoleAction>] {
        let known =
            state.health[environment]?.value?.endpoints.first(where: { $0.endpointName == endpoint })?.deployment
            .variants ?? []
        var pane = TrafficPane(environment: environment, endpoint: endpoint, variants: known)
        pane.phase = .planning
        pane.addsVariant = true
        state.overlay = .traffic(pane)
        let service = self.service
        return [
            .run(id: "traffic.plan") { send in
                do {
                    let plan = try await service.planVariantPromotion(
                        group: key.group, version: key.version, to: environment, endpoint: endpoint, name: name,
                        addition: addition)
                    send(.variantPlanned(.success(plan)))
                } catch {
                    send(.variantPlanned(.failure(ConsoleError(error))))
                }
            }
        ]
    }

    /// Shows the variant plan in the open traffic pane: its confirmation when it may run (typed for
    /// `confirm: typed`), else its refusals. Confirming goes the traffic pane's way (`handleTrafficKey`).
    func landVariantPlan(_ state: inout ConsoleState, _ result: Result<TrafficPlan, ConsoleError>)
        -> [Effect<ConsoleAction>]
    {
        guard case .traffic(var pane) = state.overlay, case .planning = pane.phase else { return [] }
        switch result {
        case .failure(let error):
            pane.phase = .failed(error.message)
        case .success(let plan):
            // The variants as read for the plan (fresher than the dashboard's).
            pane = TrafficPane(environment: plan.environment, endpoint: plan.endpoint, variants: plan.current.variants)
            pane.addsVariant = true
            pane.show(plan)
            if case .review(_, let modal?) = pane.phase {
                let what = plan.kind == .addShadow ? "shadow" : "challenger"
                let added = plan.addition.map { "\($0.name) (\($0.group) v\($0.version))" } ?? what
                var titled = modal
                titled.title = "Add \(what) \(added) to \(plan.endpoint) in \(plan.environment)?"
                pane.phase = .review(plan, modal: titled)
            }
        }
        state.overlay = .traffic(pane)
        return []
    }
}

/// The variant promotion call of the console's service; a service without it refuses (the recording test
/// services that do not plan traffic).
extension ConsoleService {
    /// A plan that adds `name` running the version beside what runs (`PodiumSession.planVariantPromotion`).
    public func planVariantPromotion(
        group: String, version: Int, to environment: String, endpoint: String?, name: String,
        addition: VariantPromotionPlanner.Addition
    ) async throws -> TrafficPlan {
        throw ConsoleError("variant promotions are not available in this console")
    }
}
