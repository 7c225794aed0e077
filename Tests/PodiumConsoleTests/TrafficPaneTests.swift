import Foundation
import PodiumCore
import TerminalUI
import Testing

@testable import PodiumConsole

/// The traffic pane (issue 15): its `handle` (5-point steps, the others taking up the difference, review,
/// cancel), its confirmation, and its look.
@Suite("Traffic pane")
struct TrafficPaneTests {
    static func variant(_ name: String, version: Int, weight: Double, role: EndpointVariant.Role = .production)
        -> EndpointVariant
    {
        var variant = EndpointVariant(name: name, role: role)
        variant.group = "churn"
        variant.version = version
        variant.currentWeight = weight
        variant.desiredWeight = weight
        variant.instanceType = "ml.m5.large"
        variant.currentInstanceCount = 1
        return variant
    }

    static let twoVariants = [
        variant("champion", version: 3, weight: 90), variant("challenger", version: 4, weight: 10),
    ]

    static func pane(_ variants: [EndpointVariant] = twoVariants) -> TrafficPane {
        TrafficPane(environment: "dev", endpoint: "churn-dev", variants: variants)
    }

    static func plan(confirm: ConfirmMode = .yes, blockers: [String] = []) -> TrafficPlan {
        let current = EndpointVariants(environment: "dev", endpoint: "churn-dev", variants: twoVariants)
        return TrafficPlan(
            kind: .shift, environment: "dev", endpoint: "churn-dev", current: current,
            changes: [
                WeightChange(
                    variant: "champion", role: .production, from: 90, to: 85, fromPercent: 90, toPercent: 85),
                WeightChange(
                    variant: "challenger", role: .production, from: 10, to: 15, fromPercent: 10, toPercent: 15),
            ],
            steps: [], blockers: blockers, warnings: [], confirm: confirm)
    }

    @Test("right on the challenger moves 5 points from the champion; left gives them back; the total stays 100")
    func stepsKeepTheTotal() {
        var pane = Self.pane()
        #expect(pane.shares == [90, 10])
        #expect(pane.handle(.trafficDown) == .open)
        #expect(pane.selected == 1)
        _ = pane.handle(.trafficMore)
        #expect(pane.shares == [85, 15])
        _ = pane.handle(.trafficMore)
        _ = pane.handle(.trafficLess)
        #expect(pane.shares == [85, 15])
        #expect(pane.isChanged)
        #expect(pane.requests == [.init(variant: "champion", weight: 85), .init(variant: "challenger", weight: 15)])
    }

    @Test("a share stops at 0 and 100; selection stops at the ends")
    func bounds() {
        var pane = Self.pane()
        _ = pane.handle(.trafficUp)
        #expect(pane.selected == 0)
        for _ in 0..<5 { _ = pane.handle(.trafficMore) }
        #expect(pane.shares == [100, 0])
        for _ in 0..<30 { _ = pane.handle(.trafficLess) }
        #expect(pane.shares == [0, 100])
        for _ in 0..<5 { _ = pane.handle(.trafficDown) }
        #expect(pane.selected == 1)
    }

    @Test("three variants: the next one down gives first, then the one after (wrapping)")
    func threeVariants() {
        var pane = Self.pane([
            Self.variant("a", version: 1, weight: 80), Self.variant("b", version: 2, weight: 5),
            Self.variant("c", version: 3, weight: 15), Self.variant("s", version: 4, weight: 20, role: .shadow),
        ])
        #expect(pane.production.count == 3)
        _ = pane.handle(.trafficDown)  // b
        _ = pane.handle(.trafficMore)  // c gives 5
        #expect(pane.shares == [80, 10, 10])
        _ = pane.handle(.trafficDown)  // c
        for _ in 0..<3 { _ = pane.handle(.trafficMore) }  // a gives (c's next, wrapping)
        #expect(pane.shares == [65, 10, 25])
        #expect(pane.shares.reduce(0, +) == 100)
    }

    @Test("Enter without a change does nothing; with one it asks for the plan; Esc closes")
    func reviewAndCancel() {
        var pane = Self.pane()
        #expect(pane.handle(.trafficReview) == .open)
        _ = pane.handle(.trafficMore)
        #expect(pane.handle(.trafficReview) == .review(pane.requests))
        if case .planning = pane.phase {} else { Issue.record("not planning: \(pane.phase)") }
        // While the plan is on its way the keys wait.
        #expect(pane.handle(.trafficCancel) == .open)
        var fresh = Self.pane()
        #expect(fresh.handle(.trafficCancel) == .closed)
    }

    @Test("an allowed plan asks y/n; y confirms it and the pane runs; n cancels back to the weights")
    func confirmation() {
        var pane = Self.pane()
        pane.show(Self.plan())
        #expect(pane.scope == ConsoleKeys.Scope.confirm)
        #expect(pane.handleConfirmation(.key(.escape)) == .cancelled(Self.plan()))
        #expect(pane.scope == ConsoleKeys.Scope.traffic)
        pane.show(Self.plan())
        #expect(pane.handleConfirmation(.key(.char("y"))) == .confirmed(Self.plan()))
        pane.note("UpdateEndpointWeightsAndCapacities churn-dev")
        if case .running(_, let progress) = pane.phase {
            #expect(progress == ["UpdateEndpointWeightsAndCapacities churn-dev"])
        } else {
            Issue.record("not running: \(pane.phase)")
        }
    }

    @Test("a change whose outcome is unknown ends as 'Outcome unknown' in the warning colour, never 'Failed'")
    func outcomeUnknownIsNotFailed() {
        let app = Fixtures.app()
        for (error, expected) in [
            (
                PodiumError(.outcomeUnknown, "outcome unknown: UpdateEndpointWeightsAndCapacities churn-dev …"),
                "Outcome unknown: "
            ),
            (
                PodiumError(.failed, "SageMaker UpdateEndpointWeightsAndCapacities failed: ValidationException"),
                "Failed: "
            ),
        ] {
            var state = Fixtures.loadedState()
            var pane = Self.pane()
            pane.show(Self.plan())
            _ = pane.handleConfirmation(.key(.char("y")))
            state.overlay = .traffic(pane)
            _ = app.update(&state, .traffic(.finished(.failure(ConsoleError(error)))))
            guard case .traffic(let after) = state.overlay, case .finished(_, let message, let ending) = after.phase
            else {
                Issue.record("not finished: \(String(describing: state.overlay))")
                continue
            }
            #expect(message.hasPrefix(expected), "\(message)")
            #expect(ending == (error.kind == .outcomeUnknown ? .unknown : .failed))
        }
    }

    @Test("confirm: typed wants the endpoint name; a refused plan has no confirmation")
    func typedAndRefused() {
        var pane = Self.pane()
        pane.show(Self.plan(confirm: .typed))
        #expect(pane.scope == ConsoleKeys.Scope.typedConfirm)
        #expect(pane.handleConfirmation(.key(.enter)) == .open)  // nothing typed: not confirmed
        for character in "churn-dev" { _ = pane.handleConfirmation(.key(.char(character))) }
        #expect(pane.handleConfirmation(.key(.enter)) == .confirmed(Self.plan(confirm: .typed)))

        var refused = Self.pane()
        refused.show(Self.plan(blockers: ["dev is read-only"]))
        #expect(refused.scope == ConsoleKeys.Scope.traffic)
        #expect(refused.handle(.trafficReview) == .open)
        #expect(refused.phase.isEditing)
    }

    @Test("the pane: weights now → moved, bars, shadow sampling, keys")
    func snapshot() {
        var state = Fixtures.loadedState(width: 100, height: 24)
        var pane = Self.pane(Self.twoVariants + [Self.variant("shadow", version: 5, weight: 18, role: .shadow)])
        _ = pane.handle(.trafficDown)
        _ = pane.handle(.trafficMore)
        state.overlay = .traffic(pane)
        let frame = Fixtures.render(state)
        assertConsoleSnapshot(frame, named: "traffic-pane")
        let text = frame.textLines().joined(separator: "\n")
        #expect(text.contains("challenger  v4   10% → 15%"))
        #expect(text.contains("shadow, samples 20%"))
        #expect(text.contains("Enter reviews"))
    }
}
