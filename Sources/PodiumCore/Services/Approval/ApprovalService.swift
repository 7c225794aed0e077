import AWSCore
import Foundation

/// Approve and reject: facts (the version described at the moment of acting), the decision (`ApprovalDecision`,
/// pure), the effect (`UpdateModelPackage`) and the audit around it (audit first, one outcome per attempt).
struct ApprovalService: Sendable {
    let context: SessionContext
    let registry: RegistryService
    let deployments: DeploymentReader
    let audit: ChangeAudit

    /// Approves or rejects a version with `UpdateModelPackage`. The description is the comment plus the caller
    /// ARN and the time (≤ 1024 characters). With `expectedStatus`, a package that changed since the caller saw
    /// it is refused (who changed it, and when). Audit first: the log is checked before anything is read, and a
    /// `started` record precedes `UpdateModelPackage`. The package's lock is held from the re-describe at the
    /// moment of acting to the outcome, so a second podium process sees this decision before making its own.
    func setApproval(
        group: String, version number: Int, decision: ApprovalStatus, comment: String,
        expectedStatus: ApprovalStatus?
    ) async throws -> ApprovalResult {
        let action = ApprovalDecision.action(for: decision)
        let comment = try ApprovalDecision.comment(comment)
        let operatorArn = await context.operatorArn(client: context.registryClient, key: "registry")
        var target = "\(group)/\(number)"
        var plan = [ApprovalDecision.planLine(target: target, decision: decision)]
        func record(_ outcome: AuditRecord.Outcome, _ error: String) throws {
            try context.auditLog.append(
                AuditRecord(
                    time: context.now(), operatorArn: operatorArn, environment: "registry", action: action,
                    target: target, plan: plan, outcome: outcome, error: AuditAttempt.storable(error),
                    attempt: UUID().uuidString.lowercased(), pid: getpid(), host: AuditAttempt.hostName,
                    command: AuditCommandLine.approval(
                        group: group, version: number, decision: decision, comment: comment,
                        expectedStatus: expectedStatus)))
        }

        if context.config.readOnly {
            let error = ApprovalDecision.readOnlyRefusal(decision)
            try record(.refused, error.message)
            throw error
        }
        // Audit first: a log that cannot be written refuses before anything is read or changed.
        _ = try context.auditLog.open()
        let seen: DescribeModelPackageOutput
        do {
            seen = try await registry.describePackage(group: group, version: number)
        } catch {
            try record(.failure, ChangeAudit.auditText(error))
            throw error
        }
        let arn = seen.modelPackageArn
        target = arn
        plan = [ApprovalDecision.planLine(target: arn, decision: decision)]
        // The status the operator saw: the one they name, else the one just read.
        let expected = expectedStatus ?? RegistryService.version(from: seen, group: group).status

        // Two podium processes deciding on the same version take turns; the second then sees the first's
        // decision below and is refused, naming who decided and when.
        let (attempt, lock) = try await audit.beginAttempt(
            action: action, environment: "registry", target: arn, plan: plan, operatorArn: operatorArn,
            lockKey: "package/\(group)/\(number)", lockWait: .seconds(30),
            command: AuditCommandLine.approval(
                group: group, version: number, decision: decision, comment: comment, expectedStatus: expected))
        defer { withExtendedLifetime(lock) {} }
        let current: ModelVersion
        let warnings: [String]
        do {
            // The moment of acting: describe again; the status the operator saw must still hold.
            current = RegistryService.version(
                from: try await registry.describePackage(group: group, version: number), group: group)
            let facts = ApprovalFacts(
                group: group, version: number, decision: decision, expectedStatus: expected, current: current)
            if let refusal = ApprovalDecision.refusal(facts) { throw refusal }
            warnings = ApprovalDecision.warnings(
                decision: decision, group: group, version: number,
                deployments: decision == .rejected ? await deployed(group: group) : [])
        } catch {
            let failure = PodiumError(error)
            audit.finish(attempt, after: failure, interruption: "interrupted: cancelled")
            throw failure
        }

        let (description, caller, confirmation) = try await update(
            arn: arn, decision: decision, comment: comment, attempt: attempt, action: action)
        let updated = ApprovalDecision.updated(
            current, decision: decision, description: description, by: caller.arn, at: context.now())
        let notes = confirmation.map { [$0] } ?? []
        do {
            try attempt.finish(.success, error: confirmation.map(AuditAttempt.storable), at: context.now())
        } catch {
            throw PodiumError(
                .failed,
                "\(group) v\(number) is now \(decision.rawValue), but the audit log could not record it (\(PodiumError.describe(error))); its started record is there",
                hint: "free space or fix the audit log; the change itself is done")
        }
        return ApprovalResult(
            version: updated, previousStatus: current.status, approvalDescription: description,
            warnings: notes + warnings)
    }

    // MARK: - Steps

    /// Re-reads a package whose `UpdateModelPackage` got no answer: it landed when the package holds the decision
    /// with this attempt's own description (it names the caller and the time, so another operator's identical
    /// decision does not count). A second look after one poll interval before "not seen": an unanswered request
    /// may still be being carried out.
    private func confirmLanded(arn: String, decision: ApprovalStatus, description: String) async
        -> UncertainWriteCheck.Seen
    {
        // The wait between the looks never throws (a cancelled one still takes the second look).
        let sleep = context.sleep
        let seen = try? await UncertainWriteCheck.twice(
            sleep: { try? await sleep($0) }, pollInterval: context.pollInterval
        ) {
            do {
                let package = try await context.registryClient.sageMaker.describeModelPackage(
                    DescribeModelPackageInput(modelPackageName: arn))
                let status = package.modelApprovalStatus ?? "no status"
                let text = "DescribeModelPackage shows \(status)"
                if status == decision.rawValue, package.approvalDescription == description {
                    return .landed(text + " with this approval's description")
                }
                if status == decision.rawValue {
                    return .notSeen(text + " with another description (someone else's decision?)")
                }
                return .notSeen(text)
            } catch {
                return .notSeen("DescribeModelPackage failed: \(PodiumError.describe(error))")
            }
        }
        return seen ?? .notSeen("DescribeModelPackage was not read")
    }

    /// What each configured endpoint of the group runs (an endpoint that cannot be read is left out: the
    /// warnings it feeds are advice, not a check).
    private func deployed(group: String) async -> [EndpointDeployment] {
        var found: [EndpointDeployment] = []
        for target in context.config.endpoints(forGroup: group) {
            if let deployment = try? await deployments.deployment(
                environment: target.environment.name, endpoint: target.endpoint.name)
            {
                found.append(deployment)
            }
        }
        return found
    }

    /// The effect: `UpdateModelPackage` with the description, noted in the attempt; a failure ends the attempt
    /// (interrupted, refused or failed by its kind). A write that got no answer (`UncertainWrite.mayHaveLanded`)
    /// is re-read (`confirmLanded`): seen, it is a success with a note saying how it was confirmed; not seen, the
    /// outcome is unknown (audited `unknown`), never "failed", since SageMaker may still carry it out.
    private func update(
        arn: String, decision: ApprovalStatus, comment: String, attempt: AuditAttempt, action: DeploymentAction
    ) async throws -> (description: String, caller: CallerIdentity, confirmation: String?) {
        do {
            let caller = try await context.identity(client: context.registryClient, key: "registry")
            let description = ApprovalDescription.make(
                comment: comment, decision: decision, callerArn: caller.arn, at: context.now())
            await context.beforeWrite?(action)
            let call = "UpdateModelPackage \(arn)"
            var confirmation: String?
            do {
                _ = try await UncertainWrite.attempt(call, operation: .updateModelPackage) {
                    try await context.registryClient.sageMaker.updateModelPackage(
                        UpdateModelPackageInput(
                            modelPackageArn: arn, modelApprovalStatus: decision.rawValue,
                            approvalDescription: description))
                }
            } catch let write as UncertainWrite {
                switch await confirmLanded(arn: arn, decision: decision, description: description) {
                case .landed(let text): confirmation = write.confirmation(text)
                case .landedNotFollowed(let text), .notSeen(let text):
                    throw WriteOutcomeUnknown(write: write, seen: text)
                }
            }
            attempt.noteCall(call)
            context.afterCall?("UpdateModelPackage")
            return (description, caller, confirmation)
        } catch {
            audit.finish(attempt, after: error, interruption: "interrupted: cancelled")
            throw PodiumError(error)
        }
    }
}
