import Foundation

/// Whether an environment's promotion gate is met for a version.
public struct GateStatus: Sendable, Equatable, Codable {
    /// `true` when there is no gate or it is met.
    public var isMet: Bool
    /// Why it is not met (or what was checked, when met).
    public var reasons: [String]
    /// Since when the version has run in the required environment, if it does.
    public var deployedSince: Date?

    /// Creates a gate status.
    public init(isMet: Bool, reasons: [String], deployedSince: Date? = nil) {
        self.isMet = isMet
        self.reasons = reasons
        self.deployedSince = deployedSince
    }
}
