extension AuditAttempt {
    /// The environment the attempt changes.
    public var environment: String { template.environment }

    /// The attempt's target (an endpoint, or a model package for approvals).
    public var target: String { template.target }

    /// What the command line prints when a signal ends podium during this attempt (see `InterruptTrap`).
    public func interruptionNotice(signalName: String) -> String {
        Self.interruptionNotice(
            signalName: signalName, summary: summary, id: id, calls: calls, environment: environment, target: target)
    }

    /// The notice for an interrupted attempt: what was recorded, which AWS writes were made, and, when a
    /// CloudFormation update was started (stack route; pipeline route once its pin or dispatch is written), that
    /// the update carries on without podium and the command that cancels it. podium does not cancel by itself:
    /// a signal means "stop podium", and a cancel is a change of its own that rolls the stack back.
    static func interruptionNotice(
        signalName: String, summary: String, id: String, calls: [String], environment: String, target: String
    ) -> String {
        var notice =
            "interrupted by \(signalName) during \(summary); recorded as interrupted in the audit log (attempt \(id)). "
        if calls.isEmpty {
            notice += "No AWS write had completed."
        } else {
            notice += "AWS writes made: \(calls.joined(separator: ", ")); any deployment already started continues"
            let startsStack = calls.contains { call in
                ["UpdateStack ", "PutParameter ", "CreateWorkflowDispatch "].contains { call.hasPrefix($0) }
            }
            notice +=
                startsStack
                ? " (a CloudFormation update carries on by itself; to stop and roll it back while it is in progress: "
                    + "podium cancel --env \(ShellQuoting.quote(environment)) \(ShellQuoting.quote(target)))."
                : " in SageMaker."
        }
        return notice + " Re-run the same command to finish: it reuses what exists"
    }
}
