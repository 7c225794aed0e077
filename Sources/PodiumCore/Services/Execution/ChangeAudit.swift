import AWSCore
import Foundation

/// Audit first, for every change: the log is opened and checked, abandoned attempts are marked, the target's lock
/// is taken and the `started` record is written before any AWS write; refusals are recorded too.
struct ChangeAudit: Sendable {
    let context: SessionContext

    private var auditLog: AuditLog { context.auditLog }

    /// Where a change starts: the audit log is opened and checked (a refusal if it cannot be written), earlier
    /// attempts that never finished are marked `abandoned` and reported, the target's lock is taken (another
    /// podium process changing it: a refusal naming it, recorded), and the `started` record with the plan is
    /// written. Only then may the caller re-check and make its first AWS write.
    func beginAttempt(
        action: DeploymentAction, environment: String, target: String, plan: [String], operatorArn: String,
        lockKey: String, lockWait: Duration?, endpointConfig: String? = nil, command: String? = nil
    ) async throws -> (attempt: AuditAttempt, lock: ActionLock) {
        let now = context.now
        let file = try auditLog.open()
        let marked = try auditLog.markAbandoned(operatorArn: operatorArn, now: now(), file: file)
        for record in marked {
            context.notice(
                "an earlier attempt never finished: \(record.action.rawValue) of \(record.target) in \(record.environment), started at \(ISO8601.string(record.time)) by pid \(record.pid.map(String.init) ?? "?") (attempt \(record.attempt ?? "?")); it is now marked abandoned in the audit log. Check its target; re-running the same command converges"
            )
        }
        let attempt = AuditAttempt(
            log: auditLog, file: file, operatorArn: operatorArn, environment: environment, action: action,
            target: target, plan: plan, time: now(), endpointConfig: endpointConfig, command: command)
        let holder = ActionLock.Holder(
            operatorArn: operatorArn, pid: getpid(), action: "\(action.rawValue) of \(target)", since: now())
        let lock: ActionLock
        switch try await ActionLock.acquire(
            directory: auditLog.lockDirectory, key: lockKey, holder: holder, wait: lockWait)
        {
        case .success(let taken):
            lock = taken
        case .failure(let busy):
            let who = busy.holder?.summary ?? "another podium process holds its lock"
            let error = PodiumError(
                .refused, "\(target) is being changed by another podium process: \(who); nothing was changed",
                hint: "wait for it to finish, then check the state and retry")
            try attempt.finish(.refused, error: error.message, at: now())
            throw error
        }
        try attempt.start(at: now())
        return (attempt, lock)
    }

    /// Records an attempted deployment that was refused before anything changed (blocked, not confirmed).
    func recordRefusal(plan: DeploymentPlan, reason: String, operatorArn arn: String) throws {
        try auditLog.append(
            AuditRecord(
                time: context.now(), operatorArn: arn, environment: plan.environment, action: plan.action,
                target: plan.endpoint, plan: plan.lines, outcome: .refused, error: AuditAttempt.storable(reason),
                attempt: UUID().uuidString.lowercased(), pid: getpid(), host: AuditAttempt.hostName,
                command: AuditCommandLine.deployment(plan)))
    }

    /// Ends an attempt that threw: `interrupted` when it was cancelled, `unknown` when a write got no answer and
    /// the state did not show it, else `refused` or `failure` by the error's kind. Best effort: the error itself is what the caller reports.
    func finish(_ attempt: AuditAttempt, after error: any Error, interruption: String) {
        let now = context.now()
        if PodiumError.isCancellation(error) {
            try? attempt.finish(.interrupted, error: attempt.interruption(interruption), at: now)
        } else if error is WriteOutcomeUnknown || error is UncertainWrite {
            try? attempt.finish(.unknown, error: Self.auditText(error), at: now)
        } else {
            let outcome: AuditRecord.Outcome = PodiumError.kind(of: error) == .refused ? .refused : .failure
            try? attempt.finish(outcome, error: Self.auditText(error), at: now)
        }
    }

    /// The last promote or rollback of an endpoint in the audit log, when it did not end in an outcome that
    /// settles it (no outcome yet, abandoned, interrupted, or unknown): a re-run uses it to finish instead of starting over.
    func interruptedChange(environment: String, endpoint: String) -> AuditRecord? {
        guard let records = try? auditLog.read().records else { return nil }
        guard
            let last = records.last(where: {
                $0.environment == environment && $0.target == endpoint
                    && ($0.action == .promote || $0.action == .rollback)
            })
        else { return nil }
        switch last.outcome {
        case .started, .abandoned, .interrupted, .unknown:
            // The started record carries the target config; abandoned/interrupted ones copy it.
            return last
        case .success, .failure, .refused:
            return nil
        }
    }

    /// What an error becomes in the audit log: its kind and a short message, never a credential helper's output.
    static func auditText(_ error: any Error) -> String {
        AuditAttempt.storable(PodiumError.describe(error))
    }
}
