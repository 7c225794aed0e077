import Foundation
import PodiumCore
import TerminalUI

/// What comes back from the traffic pane's calls (issue 15).
public enum TrafficEvent: Sendable {
    /// The plan for the weights asked for, or why it could not be made.
    case planned(Result<TrafficPlan, ConsoleError>)
    /// A progress report of the running change.
    case progress(DeploymentProgress)
    /// The change finished: the variants in service, or why it failed.
    case finished(Result<EndpointVariants, ConsoleError>)
}

/// The traffic flow: `t` on a dashboard endpoint opens the pane; Enter plans through the session, the
/// confirmation runs it through the audited executor; the pane shows its progress and result.
extension ConsoleApp {
    /// Opens the traffic pane for a dashboard endpoint with variants as last read.
    func openTraffic(_ state: inout ConsoleState, _ row: DashboardRow) -> [Effect<ConsoleAction>] {
        let name = row.spec.name
        if state.isReadOnly(environment: row.environment.name) {
            state.toast("traffic \(name): \(row.environment.name) is read-only", kind: .info)
            return []
        }
        guard let deployment = row.health?.deployment, deployment.exists else {
            state.toast("traffic \(name): the endpoint is not deployed", kind: .info)
            return []
        }
        let pane = TrafficPane(environment: row.environment.name, endpoint: name, variants: deployment.variants)
        guard pane.production.count > 1 else {
            state.toast("traffic \(name): one production variant, no weights to move", kind: .info)
            return []
        }
        state.overlay = .traffic(pane)
        return []
    }

    /// Keys while the traffic pane is open: its own scope while editing, the confirmation's while reviewing.
    func handleTrafficKey(_ state: inout ConsoleState, _ pane: TrafficPane, _ event: KeyEvent)
        -> [Effect<ConsoleAction>]
    {
        typealias Scope = ConsoleKeys.Scope
        var pane = pane
        let outcome: TrafficPane.Outcome
        switch pane.scope {
        case Scope.confirm:
            guard
                let translated = state.editorEvent(
                    event, scope: Scope.confirm, [.confirmYes: .char("y"), .confirmNo: .escape]),
                translated == .key(.char("y")) || translated == .key(.escape)
            else { return [] }
            outcome = pane.handleConfirmation(translated)
        case Scope.typedConfirm:
            guard
                let translated = state.editorEvent(
                    event, scope: Scope.typedConfirm, [.typedSubmit: .enter, .typedCancel: .escape])
            else { return [] }
            outcome = pane.handleConfirmation(translated)
        default:
            guard let command = event.key.flatMap({ state.overlayCommand(for: $0, in: Scope.traffic) }) else {
                return []
            }
            if case .review(let plan, nil) = pane.phase, plan.addition != nil, command == .trafficReview {
                // A refused challenger or shadow from the promote picker has no weights to go back to.
                state.overlay = nil
                return []
            }
            if case .failed = pane.phase, pane.addsVariant, command == .trafficReview {
                // Nor has one whose plan could not be made.
                state.overlay = nil
                return []
            }
            outcome = pane.handle(command)
        }
        state.overlay = .traffic(pane)
        let service = self.service
        switch outcome {
        case .open:
            return []
        case .closed:
            state.overlay = nil
            return []
        case .review(let requests):
            let (environment, endpoint) = (pane.environment, pane.endpoint)
            let weights = requests.map { (variant: $0.variant, weight: $0.weight) }
            return [
                .run(id: "traffic.plan") { send in
                    do {
                        let plan = try await service.planTrafficShift(
                            environment: environment, endpoint: endpoint, weights: weights)
                        send(.traffic(.planned(.success(plan))))
                    } catch {
                        send(.traffic(.planned(.failure(ConsoleError(error)))))
                    }
                }
            ]
        case .confirmed(let plan):
            return [
                .run(id: "traffic.run") { send in
                    do {
                        let variants = try await service.executeTraffic(plan) { send(.traffic(.progress($0))) }
                        send(.traffic(.finished(.success(variants))))
                    } catch {
                        send(.traffic(.finished(.failure(ConsoleError(error)))))
                    }
                }
            ]
        case .cancelled(let plan):
            // A challenger or shadow from the promote picker has no weights to go back to: the pane closes.
            if plan.addition != nil { state.overlay = nil }
            state.toast("traffic \(plan.endpoint): cancelled, nothing changed", kind: .info)
            return [
                .run(id: nil) { _ in
                    try? await service.recordTrafficRefusal(plan, reason: "cancelled at the confirmation")
                }
            ]
        }
    }

    /// Lands a traffic call's answer in the open pane (a closed pane's answers are dropped: nothing waits).
    func landTraffic(_ state: inout ConsoleState, _ event: TrafficEvent) -> [Effect<ConsoleAction>] {
        guard case .traffic(var pane) = state.overlay else { return [] }
        switch event {
        case .planned(.success(let plan)):
            pane.show(plan)
        case .planned(.failure(let error)):
            pane.phase = .failed(error.message)
        case .progress(let progress):
            pane.note(progress.message)
        case .finished(let result):
            guard case .running(let plan, _) = pane.phase else { break }
            switch result {
            case .success(let variants):
                let shares = variants.production.map {
                    "\($0.name) \(variants.trafficPercent(of: $0.name).map(WeightChange.percent) ?? "?")"
                }
                pane.phase = .finished(
                    plan, message: "Weights in service: " + shares.joined(separator: ", "), ending: .succeeded)
            case .failure(let error):
                pane.phase =
                    error.isOutcomeUnknown
                    ? .finished(plan, message: "Outcome unknown: \(error.message)", ending: .unknown)
                    : .finished(plan, message: "Failed: \(error.message)", ending: .failed)
            }
        }
        state.overlay = .traffic(pane)
        return [] + (event.isFinished ? scheduleRefreshes(&state, force: true) : [])
    }
}

extension TrafficEvent {
    var isFinished: Bool {
        if case .finished = self { return true }
        return false
    }
}

/// The traffic calls of the console's service; a service without them refuses (the recording test services).
extension ConsoleService {
    /// A plan that sets the weights of the named variants (`PodiumSession.planTrafficShift`).
    public func planTrafficShift(
        environment: String, endpoint: String, weights: [(variant: String, weight: Double)]
    ) async throws -> TrafficPlan {
        throw ConsoleError("traffic changes are not available in this console")
    }

    /// Runs a traffic plan, audited (`PodiumSession.executeTraffic`).
    public func executeTraffic(
        _ plan: TrafficPlan, progress: @escaping @Sendable (DeploymentProgress) -> Void
    ) async throws -> EndpointVariants {
        throw ConsoleError("traffic changes are not available in this console")
    }

    /// Records a traffic plan the operator turned down (`PodiumSession.recordTrafficRefusal`).
    public func recordTrafficRefusal(_ plan: TrafficPlan, reason: String) async throws {}
}
