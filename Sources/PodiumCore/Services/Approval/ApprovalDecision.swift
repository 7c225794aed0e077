import Foundation

/// The rules of approve and reject. Pure: every answer comes from the values passed in (`ApprovalDecisionTests`).
public enum ApprovalDecision {
    /// The audit action of a decision.
    public static func action(for decision: ApprovalStatus) -> DeploymentAction {
        decision == .rejected ? .reject : .approve
    }

    /// The comment, trimmed; an empty one is a usage error (the description must say why).
    public static func comment(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw PodiumError(.usage, "a comment is required", hint: "pass --comment \"why\"")
        }
        return trimmed
    }

    /// The refusal of a read-only session, before anything is read.
    public static func readOnlyRefusal(_ decision: ApprovalStatus) -> PodiumError {
        PodiumError(
            .refused, "the registry is read-only in this session (--read-only)",
            hint: "run without --read-only to \(action(for: decision).rawValue)")
    }

    /// The plan line written to the audit log.
    public static func planLine(target: String, decision: ApprovalStatus) -> String {
        "UpdateModelPackage \(target) ModelApprovalStatus=\(decision.rawValue)"
    }

    /// Why the change must not happen, or `nil` when it may: the version changed since the operator saw it (who
    /// changed it, and when), or it already has the status asked for.
    public static func refusal(_ facts: ApprovalFacts) -> PodiumError? {
        let current = facts.current
        let name = "\(facts.group) v\(facts.version)"
        let changedBy = current.lastChange
        if facts.expectedStatus != current.status {
            return PodiumError(
                .refused,
                "\(name) changed since you saw it: it is now \(current.status) (expected \(facts.expectedStatus))"
                    + (changedBy.isEmpty ? "" : ", changed \(changedBy)"),
                hint:
                    "review it again (`podium show \(facts.group) \(facts.version)`) and retry with --expect-status \(current.status)"
            )
        }
        if current.status == facts.decision {
            return PodiumError(
                .refused, "\(name) is already \(current.status)" + (changedBy.isEmpty ? "" : " (\(changedBy))"),
                hint: "nothing to do")
        }
        return nil
    }

    /// What a reject should tell the operator: every configured endpoint that runs the version keeps running it.
    public static func warnings(
        decision: ApprovalStatus, group: String, version: Int, deployments: [EndpointDeployment]
    ) -> [String] {
        guard decision == .rejected else { return [] }
        return deployments.filter { $0.group == group && $0.version == version }.map {
            "v\(version) is deployed on \($0.endpointName) in \($0.environment); rejecting does not undeploy it"
        }
    }

    /// The version after the change, as the result reports it (without another describe).
    public static func updated(
        _ current: ModelVersion, decision: ApprovalStatus, description: String, by caller: String, at time: Date
    ) -> ModelVersion {
        var updated = current
        updated.status = decision
        updated.approvalDescription = description
        updated.lastModifiedBy = caller
        updated.lastModified = time
        return updated
    }
}
