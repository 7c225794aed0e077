import Foundation

/// The end of a successful promotion or rollback.
public struct DeploymentOutcome: Sendable, Equatable, Codable {
    /// The plan that ran.
    public var plan: DeploymentPlan
    /// The final endpoint status (`InService`).
    public var status: EndpointStatus
    /// Seconds it took.
    public var elapsed: Double
    /// The calls actually made (skipped ones are not listed).
    public var calls: [String]

    /// Creates an outcome.
    public init(plan: DeploymentPlan, status: EndpointStatus, elapsed: Double, calls: [String]) {
        self.plan = plan
        self.status = status
        self.elapsed = elapsed
        self.calls = calls
    }
}
