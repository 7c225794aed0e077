import AWSCore
import Foundation

extension PodiumSession {
    /// Where a change starts: the audit log is opened and checked (a refusal, exit 3, if it cannot be written),
    /// earlier attempts that never finished are marked `abandoned` and reported, the target's lock is taken
    /// (another podium process changing it: a refusal naming it, recorded), and the `started` record with the
    /// plan is written. Only then may the caller re-check and make its first AWS write.
    func beginAttempt(
        action: DeploymentAction, environment: String, target: String, plan: [String], operatorArn: String,
        lockKey: String, lockWait: Duration?, endpointConfig: String? = nil
    ) async throws -> (attempt: AuditAttempt, lock: ActionLock) {
        let file = try auditLog.open()
        let marked = try auditLog.markAbandoned(operatorArn: operatorArn, now: now(), file: file)
        for record in marked {
            notice(
                "an earlier attempt never finished: \(record.action.rawValue) of \(record.target) in \(record.environment), started at \(ISO8601.string(record.time)) by pid \(record.pid.map(String.init) ?? "?") (attempt \(record.attempt ?? "?")); it is now marked abandoned in the audit log. Check its target; re-running the same command converges"
            )
        }
        let attempt = AuditAttempt(
            log: auditLog, file: file, operatorArn: operatorArn, environment: environment, action: action,
            target: target, plan: plan, time: now(), endpointConfig: endpointConfig)
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

    /// The promotion's preconditions again, at the moment of acting: the package must still be the one planned
    /// and Approved, and the gate must still be met. Throws a refusal naming what changed since the plan.
    func recheckPromotion(_ plan: DeploymentPlan) async throws {
        guard plan.action == .promote, let version = plan.newVersion else { return }
        let package = try await describePackage(group: plan.group, version: version)
        var changes: [String] = []
        if let planned = plan.newPackageArn, package.modelPackageArn != planned {
            changes.append("the package is now \(package.modelPackageArn), not \(planned)")
        }
        let status = package.modelApprovalStatus ?? "Unknown"
        if status != ApprovalStatus.approved.rawValue {
            let current = Self.version(from: package, group: plan.group)
            let by = [
                current.lastModifiedBy.map { "by \($0)" }, current.lastModified.map { "at \(ISO8601.string($0))" },
            ].compactMap { $0 }.joined(separator: " ")
            changes.append("\(plan.group) v\(version) is now \(status)" + (by.isEmpty ? "" : " (changed \(by))"))
        }
        if changes.isEmpty, try environment(plan.environment).gate != nil {
            let gate = try await gateStatus(group: plan.group, version: version, environment: plan.environment)
            if !gate.isMet { changes += gate.reasons.map { "gate: \($0)" } }
        }
        guard changes.isEmpty else {
            throw PodiumError(
                .refused, "changed since the plan: " + changes.joined(separator: "; ") + "; nothing was changed",
                hint: "review the version again and retry")
        }
    }

    /// The last promote or rollback of an endpoint in the audit log, when it did not end in an outcome that
    /// settles it (no outcome yet, abandoned or interrupted): a re-run uses it to finish instead of starting over.
    func interruptedChange(environment: String, endpoint: String) -> AuditRecord? {
        guard let records = try? auditLog.read().records else { return nil }
        guard
            let last = records.last(where: {
                $0.environment == environment && $0.target == endpoint
                    && ($0.action == .promote || $0.action == .rollback)
            })
        else { return nil }
        switch last.outcome {
        case .started, .abandoned, .interrupted:
            // The started record carries the target config; abandoned/interrupted ones copy it.
            return last
        case .success, .failure, .refused:
            return nil
        }
    }

    /// What an error becomes in the audit log: its kind and a short message, never a credential helper's output.
    static func auditText(_ error: any Error) -> String {
        AuditAttempt.storable(PodiumErrors.describe(error))
    }
}
