import AWSCore
import Foundation

extension PodiumSession {
    /// Approves or rejects a version with `UpdateModelPackage`. The description is the comment plus the caller
    /// ARN and the time (≤ 1024 characters). With `expectedStatus`, a package that changed since the caller saw
    /// it is refused (who changed it, and when). Every attempt is written to the audit log.
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

        func audit(_ outcome: AuditRecord.Outcome, _ error: String?, target: String) async throws {
            let arn = await operatorArn(client: registryClient, key: "registry")
            try auditLog.append(
                AuditRecord(
                    time: now(), operatorArn: arn, environment: "registry", action: action, target: target, plan: plan,
                    outcome: outcome, error: error))
        }

        if config.readOnly {
            let error = PodiumError(
                .refused, "the registry is read-only in this session (--read-only)",
                hint: "run without --read-only to \(action.rawValue)")
            try await audit(.refused, error.message, target: target)
            throw error
        }
        let described: DescribeModelPackageOutput
        do {
            described = try await describePackage(group: group, version: number)
        } catch {
            try await audit(.failure, PodiumErrors.describe(error), target: target)
            throw error
        }
        let arn = described.modelPackageArn
        plan = ["UpdateModelPackage \(arn) ModelApprovalStatus=\(decision.rawValue)"]
        let current = Self.version(from: described, group: group)
        let changedBy = [
            current.lastModifiedBy.map { "by \($0)" }, current.lastModified.map { "at \(ISO8601.string($0))" },
        ].compactMap { $0 }.joined(separator: " ")
        if let expected = expectedStatus.map(Self.normalizeStatus), expected != current.status {
            let error = PodiumError(
                .refused,
                "\(group) v\(number) changed since you saw it: it is now \(current.status) (expected \(expected))"
                    + (changedBy.isEmpty ? "" : ", changed \(changedBy)"),
                hint:
                    "review it again (`podium show \(group) \(number)`) and retry with --expect-status \(current.status)"
            )
            try await audit(.refused, error.message, target: arn)
            throw error
        }
        if current.status == decision.rawValue {
            let error = PodiumError(
                .refused,
                "\(group) v\(number) is already \(current.status)" + (changedBy.isEmpty ? "" : " (\(changedBy))"),
                hint: "nothing to do")
            try await audit(.refused, error.message, target: arn)
            throw error
        }

        var warnings: [String] = []
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

        do {
            let caller = try await registryCallerIdentity()
            let description = ApprovalDescription.make(
                comment: trimmed, decision: decision, callerArn: caller.arn, at: now())
            _ = try await registryClient.sageMaker.updateModelPackage(
                UpdateModelPackageInput(
                    modelPackageArn: arn, modelApprovalStatus: decision.rawValue, approvalDescription: description))
            afterCall?("UpdateModelPackage")
            var updated = current
            updated.status = decision.rawValue
            updated.approvalDescription = description
            updated.lastModifiedBy = caller.arn
            updated.lastModified = now()
            try await audit(.success, nil, target: arn)
            return ApprovalResult(
                version: updated, previousStatus: current.status, approvalDescription: description, warnings: warnings)
        } catch let error as PodiumError {
            throw error
        } catch {
            let message = PodiumErrors.describe(error)
            try await audit(.failure, message, target: arn)
            throw PodiumError(PodiumErrors.exitCode(error) == 3 ? .refused : .failed, message)
        }
    }

    /// `pending` → `PendingManualApproval`; SageMaker spellings pass through.
    static func normalizeStatus(_ text: String) -> String {
        ApprovalStatus(cliValue: text)?.rawValue ?? text
    }
}
