/// The mutations podium performs, as named in plans and the audit log.
public enum DeploymentAction: String, Sendable, Equatable, Codable {
    /// Approve a model package.
    case approve
    /// Reject a model package.
    case reject
    /// Promote a version to an environment's endpoint.
    case promote
    /// Roll an endpoint back to its previous endpoint config.
    case rollback
    /// Shift traffic between an endpoint's variants, or retire one (`podium traffic`).
    case traffic
    /// Cancel a running CloudFormation stack update (stack and pipeline routes).
    case cancel
}
