import Foundation
import PodiumCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Plan, confirmation, progress and outcome of a traffic plan, shared by `podium traffic` and `podium promote
/// --as-variant/--as-shadow`: the same confirmation rules as promotions (`--yes` for `confirm: yes`, the typed
/// endpoint name for `confirm: typed`), and refusals recorded in the audit log.
struct TrafficPlanRunner {
    /// Print the plan and stop.
    var plan: Bool
    /// Do not ask (confirm: yes).
    var yes: Bool
    /// The typed confirmation.
    var confirm: String?
    /// JSON on stdout.
    var json: Bool

    /// Prints the plan, asks for confirmation, runs it with progress and prints the variants after it.
    func run(_ trafficPlan: TrafficPlan, session: PodiumSession) async throws {
        InterruptTrap.install()
        for line in trafficPlan.lines {
            if json { Output.stderr(line + "\n") } else { Output.line(line) }
        }
        if plan {
            if json { try Output.json(trafficPlan) }
            if !trafficPlan.isAllowed {
                throw CLIExit(.refused, "refused: " + trafficPlan.blockers.joined(separator: "; "))
            }
            return
        }
        if trafficPlan.isAllowed, !trafficPlan.isNoOp, let reason = confirmationRefusal(trafficPlan) {
            try await session.recordTrafficRefusal(trafficPlan, reason: reason)
            throw CLIExit(.refused, reason)
        }
        let json = self.json
        let final = try await session.executeTraffic(trafficPlan) { progress in
            if json { Output.stderr(progress.line + "\n") } else { Output.line(progress.line) }
        }
        if json {
            try Output.json(TrafficJSON(final))
        } else if trafficPlan.isNoOp {
            Output.line(
                "nothing to change: \(trafficPlan.endpoint) in \(trafficPlan.environment) already has these weights")
        } else {
            Output.line("done: \(trafficPlan.endpoint) in \(trafficPlan.environment)")
            TrafficCommand.print(final)
        }
    }

    /// `nil` when confirmed; otherwise why not (exit 3).
    private func confirmationRefusal(_ plan: TrafficPlan) -> String? {
        let what = Self.verb(plan)
        return ConfirmationPrompt.refusal(
            endpoint: plan.endpoint, environment: plan.environment, mode: plan.confirm, yes: yes, confirm: confirm,
            question: "Proceed to \(what) \(plan.endpoint) in \(plan.environment)? [y/N] ",
            typedQuestion: "Type the endpoint name (\(plan.endpoint)) to \(what) it in \(plan.environment): ")
    }

    /// `shift traffic on`, `retire challenger from`, `add challenger to`, `promote the shadow of`.
    static func verb(_ plan: TrafficPlan) -> String {
        switch plan.kind {
        case .shift: "shift traffic on"
        case .retire: "retire \(plan.retiring ?? "") from"
        case .addVariant, .addShadow: "add \(plan.addition?.name ?? "a variant") to"
        case .promoteShadow: "promote the shadow variant of"
        }
    }
}
