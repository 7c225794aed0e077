/// SageMaker's `ModelApprovalStatus`, with the CLI's short names. A value SageMaker adds later is kept as
/// `.other` (and shown and encoded as sent), never dropped or mistaken for a known one.
public enum ApprovalStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Waiting for a person.
    case pending
    /// Approved for deployment.
    case approved
    /// Rejected.
    case rejected
    /// A status podium does not know (or `Unknown` when the registry did not say).
    case other(String)

    /// The status SageMaker spells `rawValue`.
    public init(rawValue: String) {
        switch rawValue {
        case "PendingManualApproval": self = .pending
        case "Approved": self = .approved
        case "Rejected": self = .rejected
        default: self = .other(rawValue)
        }
    }

    /// Parses `pending`, `approved`, `rejected` or SageMaker's own spelling, case-insensitively.
    public init?(cliValue: String) {
        switch cliValue.lowercased() {
        case "pending", "pendingmanualapproval": self = .pending
        case "approved": self = .approved
        case "rejected": self = .rejected
        default: return nil
        }
    }

    /// SageMaker's spelling.
    public var rawValue: String {
        switch self {
        case .pending: return "PendingManualApproval"
        case .approved: return "Approved"
        case .rejected: return "Rejected"
        case .other(let value): return value
        }
    }

    /// SageMaker's spelling (what the CLI prints and the JSON carries).
    public var description: String { rawValue }

    /// Decodes SageMaker's spelling.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes SageMaker's spelling, as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Two statuses are the same when SageMaker spells them the same (`.other("Approved")` is `.approved`).
    public static func == (lhs: ApprovalStatus, rhs: ApprovalStatus) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes SageMaker's spelling, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
