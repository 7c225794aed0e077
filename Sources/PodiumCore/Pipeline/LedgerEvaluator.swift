import Foundation

/// Decides a ledger row's flags from its facts, without I/O, so that every flag is testable without AWS.
///
/// Flags that compare a target with what runs (pin, silent rollback, stack parameter) wait while the endpoint or
/// its stack is changing: mid-deployment the target is ahead of the endpoint by design, and a cron job alerting
/// on `podium drift` must not fire on every release.
public enum LedgerEvaluator {
    /// The flags of one row, in a stable order (that of `LedgerFlag.Kind.allCases`).
    public static func flags(_ facts: LedgerFacts, now: Date) -> [LedgerFlag] {
        var flags: [LedgerFlag] = []
        guard let running = facts.running else {
            // Nothing is known about the endpoint: only the stack's own drift can be judged.
            if let drift = stackDrift(facts, now: now) { flags.append(drift) }
            return flags
        }
        let settled = !running.changing && !(facts.stack.map(stackIsChanging) ?? false)
        if let latest = facts.latestApproved, let flag = approvedNotDeployed(latest, running) { flags.append(flag) }
        if running.exists, running.packageArn != nil {
            if running.packageListed == false {
                flags.append(
                    LedgerFlag(
                        .packageDeleted,
                        "\(label(running.packageArn)) runs here but is no longer in the registry"))
            } else if running.packageStatus == .rejected {
                flags.append(
                    LedgerFlag(.deployedButRejected, "\(label(running.packageArn)) runs here but is Rejected"))
            }
        }
        if settled, let pin = facts.pin, let value = pin.value, value != running.packageArn {
            flags.append(
                LedgerFlag(
                    .pinMismatch,
                    "pin \(pin.name) = \(label(value)), the endpoint runs \(runningLabel(running))"))
        }
        if settled, let flag = silentRollback(facts, running) { flags.append(flag) }
        if let drift = stackDrift(facts, now: now) { flags.append(drift) }
        return flags
    }

    // MARK: - Flags

    private static func approvedNotDeployed(_ latest: LedgerFacts.Version, _ running: LedgerFacts.Running)
        -> LedgerFlag?
    {
        guard running.exists else {
            return LedgerFlag(.approvedNotDeployed, "v\(latest.version) is Approved; the endpoint does not exist")
        }
        if running.packageArn == latest.arn { return nil }
        // A newer version than the latest Approved one (a pending version in dev) is not "behind".
        if let version = running.version, version >= latest.version { return nil }
        return LedgerFlag(
            .approvedNotDeployed,
            "v\(latest.version) is the latest Approved version; the endpoint runs \(runningLabel(running))")
    }

    /// The endpoint does not run what the last promotion set: per source that knows (audit log, endpoint tags),
    /// then the stack (its last update rolled back, or its parameter names another package than the one that runs).
    private static func silentRollback(_ facts: LedgerFacts, _ running: LedgerFacts.Running) -> LedgerFlag? {
        guard running.exists else { return nil }
        var reasons: [String] = []
        // A promotion's source says what it moved the endpoint from and to; a rollback is the endpoint being back
        // on the "from" (a later change by another tool, to something else, is not one).
        for promotion in facts.lastPromotions {
            let source = promotion.source == .auditLog ? "podium's audit log" : "the endpoint's podium tags"
            let when = promotion.time.map { " at \(ISO8601.string($0))" } ?? ""
            let current = running.endpointConfig
            if let previous = promotion.previousEndpointConfig, previous == current,
                promotion.endpointConfig.map({ $0 != previous }) ?? (promotion.packageArn != running.packageArn)
            {
                let target = promotion.endpointConfig ?? label(promotion.packageArn)
                reasons.append(
                    "the last promotion\(when) (\(source)) moved the endpoint from \(previous) to \(target); it is back on \(previous) (\(runningLabel(running)))"
                )
            } else if promotion.previousEndpointConfig == nil, let previous = promotion.previousPackageArn,
                let arn = promotion.packageArn, arn != previous, running.packageArn == previous
            {
                reasons.append(
                    "the last promotion\(when) (\(source)) moved the endpoint from \(label(previous)) to \(label(arn)); it runs \(label(previous)) again"
                )
            }
        }
        if let stack = facts.stack, stack.exists {
            if let status = stack.status, status.contains("ROLLBACK_COMPLETE") {
                reasons.append("stack \(stack.name) rolled back its last change (\(status))")
            }
            if let value = stack.parameterValue, let current = running.packageArn, value != current {
                reasons.append(
                    "stack \(stack.name) parameter \(stack.parameter) = \(label(value)), the endpoint runs \(runningLabel(running))"
                )
            }
        }
        return reasons.isEmpty ? nil : LedgerFlag(.silentRollback, reasons.joined(separator: "; "))
    }

    private static func stackDrift(_ facts: LedgerFacts, now: Date) -> LedgerFlag? {
        guard let stack = facts.stack, stack.driftStatus == "DRIFTED" else { return nil }
        let age = stack.driftChecked.map { " \(ageText(now.timeIntervalSince($0))) ago" } ?? ""
        return LedgerFlag(.stackDrift, "stack \(stack.name) DRIFTED at the last drift detection\(age)")
    }

    // MARK: - Text

    /// `v3` for a package ARN of the registry, else the text itself.
    public static func label(_ arn: String?) -> String {
        guard let arn else { return "no package" }
        return ARNShape.modelPackage(arn).map { "\($0.group) v\($0.version)" } ?? arn
    }

    static func runningLabel(_ running: LedgerFacts.Running) -> String {
        guard running.exists else { return "nothing (not deployed)" }
        return running.packageArn.map(label) ?? "a model not from the registry"
    }

    static func stackIsChanging(_ stack: LedgerFacts.Stack) -> Bool {
        stack.status.map { CloudFormationStatus($0).isInProgress } ?? false
    }

    /// `45s`, `12m`, `3h`, `2d`.
    public static func ageText(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86400 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }
}
