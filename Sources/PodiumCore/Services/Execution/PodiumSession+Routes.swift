import AWSCore
import Foundation

extension PodiumSession {
    /// Cancels the CloudFormation update of an endpoint's stack (environments with the stack or pipeline route):
    /// CancelUpdateStack while the stack is `UPDATE_IN_PROGRESS`, after which CloudFormation rolls it back.
    /// Audited like every change (a `cancel` attempt on the endpoint); refused (nothing changed) when the
    /// environment has no stack, is read-only, or the stack is not updating. Returns the stack's name.
    @discardableResult
    public func cancelStackUpdate(environment name: String, endpoint: String) async throws -> String {
        let env = try context.environment(name)
        let spec = try context.endpoint(named: endpoint, in: env)
        guard let target = env.promotion?.stack, env.route != .direct else {
            throw PodiumError(
                .refused,
                "\(endpoint) in \(name) is promoted directly (no promotion.stack in the config); there is no stack update to cancel"
            )
        }
        let stackName = target.stackName(endpoint: spec.name, group: spec.modelPackageGroup, environment: name)
        let client = try context.client(for: name)
        let operatorArn = await context.operatorArn(client: client, key: "env:\(name)")
        let stack = try await StackRoute.describe(stackName, client: client)
        let plan = ["CancelUpdateStack \(stackName) (\(stack.stackStatus))"]
        guard CloudFormationStatus(stack.stackStatus) == .updateInProgress else {
            let reason =
                "stack \(stackName) is \(stack.stackStatus), not UPDATE_IN_PROGRESS; there is nothing to cancel"
            try context.auditLog.append(
                AuditRecord(
                    time: context.now(), operatorArn: operatorArn, environment: name, action: .cancel,
                    target: spec.name, plan: plan, outcome: .refused, error: reason,
                    attempt: UUID().uuidString.lowercased(), pid: getpid(), host: AuditAttempt.hostName))
            throw PodiumError(.refused, reason)
        }
        if context.isReadOnly(name) {
            throw PodiumError(.refused, "environment \(name) is read-only")
        }
        // Not the endpoint's lock: the promotion that started the update holds it while it follows the stack.
        let attempt = AuditAttempt(
            log: context.auditLog, file: try context.auditLog.open(), operatorArn: operatorArn, environment: name,
            action: .cancel, target: spec.name, plan: plan, time: context.now())
        try attempt.start(at: context.now())
        do {
            try await client.cloudFormation.cancelUpdateStack(CancelUpdateStackInput(stackName: stackName))
            attempt.noteCall("CancelUpdateStack \(stackName)")
            try attempt.finish(.success, error: nil, at: context.now())
        } catch {
            changeAudit.finish(attempt, after: error, interruption: "interrupted: the cancel was cancelled")
            throw PodiumError(error)
        }
        return stackName
    }
}
