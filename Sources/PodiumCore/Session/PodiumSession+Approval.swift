import AWSCore
import Foundation

extension PodiumSession {
    /// Approves or rejects a version with `UpdateModelPackage`. The description is the comment plus the caller
    /// ARN and the time (≤ 1024 characters). With `expectedStatus`, a package that changed since the caller saw
    /// it is refused (who changed it, and when). Audit first: the log is checked before anything is read, and a
    /// `started` record precedes `UpdateModelPackage`. The package's lock is held from the re-describe at the
    /// moment of acting to the outcome, so a second podium process sees this decision before making its own.
    public func setApproval(
        group: String, version number: Int, decision: ApprovalStatus, comment: String, expectedStatus: String? = nil
    ) async throws -> ApprovalResult {
        let action: DeploymentAction = decision == .rejected ? .reject : .approve
        let trimmed = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw PodiumError(.usage, "a comment is required", hint: "pass --comment \"why\"")
        }
        let target = "\(group)/\(number)"
        var plan = ["UpdateModelPackage \(target) ModelApprovalStatus=\(decision.rawValue)"]

        let operatorArn = await operatorArn(client: registryClient, key: "registry")
        func audit(_ outcome: AuditRecord.Outcome, _ error: String?, target: String) throws {
            try auditLog.append(
                AuditRecord(
                    time: now(), operatorArn: operatorArn, environment: "registry", action: action, target: target,
                    plan: plan, outcome: outcome, error: error.map(AuditAttempt.storable),
                    attempt: UUID().uuidString.lowercased(), pid: getpid(), host: AuditAttempt.hostName))
        }

        if config.readOnly {
            let error = PodiumError(
                .refused, "the registry is read-only in this session (--read-only)",
                hint: "run without --read-only to \(action.rawValue)")
            try audit(.refused, error.message, target: target)
            throw error
        }
        // Audit first: a log that cannot be written refuses before anything is read or changed.
        _ = try auditLog.open()
        let seen: DescribeModelPackageOutput
        do {
            seen = try await describePackage(group: group, version: number)
        } catch {
            try audit(.failure, Self.auditText(error), target: target)
            throw error
        }
        let arn = seen.modelPackageArn
        plan = ["UpdateModelPackage \(arn) ModelApprovalStatus=\(decision.rawValue)"]
        // The status the operator saw: the one they name, else the one just read.
        let expected = expectedStatus.map(Self.normalizeStatus) ?? Self.version(from: seen, group: group).status

        // Two podium processes deciding on the same version take turns; the second then sees the first's
        // decision below and is refused, naming who decided and when.
        let (attempt, lock) = try await beginAttempt(
            action: action, environment: "registry", target: arn, plan: plan, operatorArn: operatorArn,
            lockKey: "package/\(group)/\(number)", lockWait: .seconds(30))
        defer { withExtendedLifetime(lock) {} }
        let current: ModelVersion
        var warnings: [String] = []
        do {
            // The moment of acting: describe again; the status the operator saw must still hold.
            current = Self.version(from: try await describePackage(group: group, version: number), group: group)
            let changedBy = [
                current.lastModifiedBy.map { "by \($0)" }, current.lastModified.map { "at \(ISO8601.string($0))" },
            ].compactMap { $0 }.joined(separator: " ")
            if expected != current.status {
                throw PodiumError(
                    .refused,
                    "\(group) v\(number) changed since you saw it: it is now \(current.status) (expected \(expected))"
                        + (changedBy.isEmpty ? "" : ", changed \(changedBy)"),
                    hint:
                        "review it again (`podium show \(group) \(number)`) and retry with --expect-status \(current.status)"
                )
            }
            if current.status == decision.rawValue {
                throw PodiumError(
                    .refused,
                    "\(group) v\(number) is already \(current.status)" + (changedBy.isEmpty ? "" : " (\(changedBy))"),
                    hint: "nothing to do")
            }
            if decision == .rejected {
                for target in config.endpoints(forGroup: group) {
                    if let deployment = try? await deployment(
                        environment: target.environment.name, endpoint: target.endpoint.name),
                        deployment.group == group, deployment.version == number
                    {
                        warnings.append(
                            "v\(number) is deployed on \(target.endpoint.name) in \(target.environment.name); rejecting does not undeploy it"
                        )
                    }
                }
            }
        } catch {
            let podiumError =
                (error as? PodiumError)
                ?? PodiumError(PodiumErrors.exitCode(error) == 3 ? .refused : .failed, PodiumErrors.describe(error))
            try? attempt.finish(
                podiumError.kind == .refused ? .refused : .failure, error: Self.auditText(podiumError), at: now())
            throw podiumError
        }

        let description: String
        let caller: CallerIdentity
        do {
            caller = try await registryCallerIdentity()
            description = ApprovalDescription.make(
                comment: trimmed, decision: decision, callerArn: caller.arn, at: now())
            await beforeWrite?(action)
            _ = try await registryClient.sageMaker.updateModelPackage(
                UpdateModelPackageInput(
                    modelPackageArn: arn, modelApprovalStatus: decision.rawValue, approvalDescription: description))
            attempt.noteCall("UpdateModelPackage \(arn)")
            afterCall?("UpdateModelPackage")
        } catch {
            let message = PodiumErrors.describe(error)
            let kind: PodiumError.Kind = PodiumErrors.exitCode(error) == 3 ? .refused : .failed
            if PodiumErrors.isCancellation(error) {
                try? attempt.finish(.interrupted, error: attempt.interruption("interrupted: cancelled"), at: now())
            } else {
                try? attempt.finish(kind == .refused ? .refused : .failure, error: Self.auditText(error), at: now())
            }
            throw (error as? PodiumError) ?? PodiumError(kind, message)
        }
        var updated = current
        updated.status = decision.rawValue
        updated.approvalDescription = description
        updated.lastModifiedBy = caller.arn
        updated.lastModified = now()
        do {
            try attempt.finish(.success, error: nil, at: now())
        } catch {
            throw PodiumError(
                .failed,
                "\(group) v\(number) is now \(decision.rawValue), but the audit log could not record it (\(PodiumErrors.describe(error))); its started record is there",
                hint: "free space or fix the audit log; the change itself is done")
        }
        return ApprovalResult(
            version: updated, previousStatus: current.status, approvalDescription: description, warnings: warnings)
    }

    /// `pending` → `PendingManualApproval`; SageMaker spellings pass through.
    static func normalizeStatus(_ text: String) -> String {
        ApprovalStatus(cliValue: text)?.rawValue ?? text
    }
}
