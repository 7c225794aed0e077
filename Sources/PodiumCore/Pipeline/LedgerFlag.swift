/// A problem the ledger raises on one group × environment row, with the reason in words.
public struct LedgerFlag: Sendable, Equatable, Codable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// The latest Approved version does not run here.
        case approvedNotDeployed = "approved_not_deployed"
        /// The version that runs here was rejected after it was deployed.
        case deployedButRejected = "deployed_rejected"
        /// The package that runs here no longer exists in the registry.
        case packageDeleted = "package_deleted"
        /// The pipeline's pin (SSM parameter) names another package than the one that runs.
        case pinMismatch = "pin_mismatch"
        /// The endpoint does not run what the last promotion set (SageMaker or CloudFormation rolled back).
        case silentRollback = "silent_rollback"
        /// The last DetectStackDrift found the stack drifted.
        case stackDrift = "stack_drift"

        /// A short label for tables and the console.
        public var label: String {
            switch self {
            case .approvedNotDeployed: return "approved, not deployed"
            case .deployedButRejected: return "deployed, but rejected"
            case .packageDeleted: return "package deleted"
            case .pinMismatch: return "pin ≠ running"
            case .silentRollback: return "silent rollback"
            case .stackDrift: return "stack drift"
            }
        }
    }

    /// What kind of problem.
    public var kind: Kind
    /// Why, with the values compared.
    public var reason: String

    /// Creates a flag.
    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }
}
