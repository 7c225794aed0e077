import Foundation
import PodiumCore
import TerminalUI

/// The traffic pane (`t` on a dashboard endpoint, issue 15): the endpoint's variants with their shares of
/// requests; up/down select a production variant, left/right move its share in 5 % steps, Enter asks for the
/// plan (`TrafficPlanner` through the session), which is confirmed (y/n, or the endpoint name typed for
/// `confirm: typed` environments) and then run by the audited `TrafficExecutor`, its progress shown here.
///
/// The total stays 100 %: what the selected variant gains is taken from the other production variants, and
/// what it gives up goes to them, each in turn from the next one down (wrapping), a variant never below 0 %.
/// With a champion and a challenger the other variant simply takes the difference. The shares become the
/// weights asked for (SageMaker weights are relative, so 45/55 as weights is 45 %/55 %). Shadow variants are
/// shown with their sampling percentage but not moved here (`podium traffic --set` does that).
public struct TrafficPane: Sendable {
    /// What the pane is doing.
    public enum Phase: Sendable {
        /// The operator moves weights.
        case editing
        /// The plan is being made (the session re-reads the variants).
        case planning
        /// The plan is shown; `modal` is its confirmation when it may run.
        case review(TrafficPlan, modal: ConfirmationModal?)
        /// The plan could not be made.
        case failed(String)
        /// The confirmed plan runs; the latest progress messages.
        case running(TrafficPlan, progress: [String])
        /// The change finished (or failed, or its outcome is unknown), with what to say.
        case finished(TrafficPlan, message: String, ending: Ending)
    }

    /// How a change ended, for the pane's colour.
    public enum Ending: Sendable, Equatable {
        /// In service as planned.
        case succeeded
        /// Failed or refused.
        case failed
        /// A write got no answer and the re-read did not show it: it may still land.
        case unknown
    }

    /// One weight asked for.
    public struct Request: Sendable, Equatable {
        /// The variant.
        public var variant: String
        /// Its new weight (its share in percent).
        public var weight: Double
    }

    /// What a key leaves.
    public enum Outcome: Sendable, Equatable {
        /// Still open (maybe changed).
        case open
        /// Closed (cancelled while editing, or closed once finished).
        case closed
        /// Make the plan for these weights.
        case review([Request])
        /// The operator confirmed the plan: run it.
        case confirmed(TrafficPlan)
        /// The operator turned the plan down (recorded as a refusal; nothing changes).
        case cancelled(TrafficPlan)
    }

    /// The step of one left/right press, in percentage points.
    public static let step = 5.0

    /// The environment.
    public let environment: String
    /// The endpoint.
    public let endpoint: String
    /// Every variant as the dashboard last read it (production first).
    public let variants: [EndpointVariant]
    /// The production variants' shares now, in percent.
    public let original: [Double]
    /// The production variants' shares as moved, in percent (same order as `production`).
    public private(set) var shares: [Double]
    /// The selected production variant.
    public private(set) var selected = 0
    /// What the pane is doing.
    public var phase: Phase = .editing
    /// Whether the pane was opened by the promote picker to add a challenger or shadow: there are no weights to
    /// go back to when its plan is refused or cannot be made.
    public var addsVariant = false

    /// A pane for an endpoint's variants as read by the dashboard.
    public init(environment: String, endpoint: String, variants: [EndpointVariant]) {
        self.environment = environment
        self.endpoint = endpoint
        self.variants = variants
        let all = EndpointVariants(environment: environment, endpoint: endpoint, variants: variants)
        original = all.production.map { all.trafficPercent(of: $0.name) ?? 0 }
        shares = original
    }

    /// The production variants (the ones whose weights move).
    public var production: [EndpointVariant] { variants.filter { $0.role == .production } }
    /// The shadow variants.
    public var shadow: [EndpointVariant] { variants.filter { $0.role == .shadow } }

    /// Whether any share was moved.
    public var isChanged: Bool { shares != original }

    /// The weights asked for on Enter: every production variant's share.
    public var requests: [Request] {
        zip(production, shares).map { Request(variant: $0.name, weight: $1) }
    }

    /// The key-table scope in effect: the pane's own while editing, the confirmation's while reviewing.
    public var scope: String {
        switch phase {
        case .review(_, let modal?):
            if case .typed = modal.mode { return ConsoleKeys.Scope.typedConfirm }
            return ConsoleKeys.Scope.confirm
        default: return ConsoleKeys.Scope.traffic
        }
    }

    /// Feeds a command of the pane's scope (while editing, or once the plan is refused, failed or finished).
    public mutating func handle(_ command: ConsoleCommand) -> Outcome {
        switch phase {
        case .editing:
            switch command {
            case .trafficUp: selected = max(0, selected - 1)
            case .trafficDown: selected = min(max(0, production.count - 1), selected + 1)
            case .trafficMore: move(by: Self.step)
            case .trafficLess: move(by: -Self.step)
            case .trafficReview:
                guard production.count > 1, isChanged else { return .open }
                phase = .planning
                return .review(requests)
            case .trafficCancel: return .closed
            default: break
            }
            return .open
        case .planning, .running:
            // The plan is on its way, or the change runs: nothing to cancel here (the executor is audited).
            return .open
        case .review(let plan, nil):
            // A refused plan: back to the weights, or out.
            if command == .trafficCancel { return .closed }
            if command == .trafficReview { phase = .editing }
            _ = plan
            return .open
        case .review:
            return .open
        case .failed:
            if command == .trafficReview { phase = .editing }
            return command == .trafficCancel ? .closed : .open
        case .finished:
            return command == .trafficCancel || command == .trafficReview ? .closed : .open
        }
    }

    /// Feeds the confirmation a key the table translated (`y`/`n`/Esc, or the typed endpoint name and Enter).
    public mutating func handleConfirmation(_ event: KeyEvent) -> Outcome {
        guard case .review(let plan, var modal?) = phase else { return .open }
        switch modal.handle(event) {
        case .confirmed:
            phase = .running(plan, progress: [])
            return .confirmed(plan)
        case .cancelled:
            phase = .editing
            return .cancelled(plan)
        case .pending:
            phase = .review(plan, modal: modal)
            return .open
        }
    }

    /// Shows the plan: with its confirmation when it may run (typed for `confirm: typed`), else its refusals.
    public mutating func show(_ plan: TrafficPlan) {
        guard plan.isAllowed, !plan.isNoOp else {
            phase = .review(plan, modal: nil)
            return
        }
        let mode: ConfirmationModal.Mode = plan.confirm == .typed ? .typed(expected: plan.endpoint) : .yesNo
        let modal = ConfirmationModal(
            title: "Shift traffic on \(plan.endpoint) in \(plan.environment)?",
            message: plan.lines.joined(separator: "\n"), mode: mode, destructive: true)
        phase = .review(plan, modal: modal)
    }

    /// Notes a progress report of the running change (the last few are shown).
    public mutating func note(_ message: String) {
        guard case .running(let plan, var progress) = phase else { return }
        progress.append(message)
        phase = .running(plan, progress: Array(progress.suffix(6)))
    }

    /// Moves the selected variant's share by `delta` points; the others take up the difference in turn.
    mutating func move(by delta: Double) {
        guard production.count > 1, shares.indices.contains(selected) else { return }
        let target = min(100, max(0, shares[selected] + delta))
        var rest = target - shares[selected]  // what the others must give (or take, when negative)
        var index = selected
        for _ in 1..<shares.count where rest != 0 {
            index = (index + 1) % shares.count
            // Giving: at most what the variant has. Taking: at most what keeps it at 100 % or below.
            let change = rest > 0 ? min(rest, shares[index]) : max(rest, shares[index] - 100)
            shares[index] -= change
            rest -= change
        }
        shares[selected] = target - rest
    }
}
