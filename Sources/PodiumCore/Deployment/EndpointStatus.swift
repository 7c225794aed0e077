/// SageMaker's `EndpointStatus`. A value SageMaker adds later is kept as `.other` (shown and encoded as sent).
public enum EndpointStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stopped serving (a failed update can leave it here).
    case outOfService
    /// Being created.
    case creating
    /// A deployment is in progress.
    case updating
    /// SageMaker is maintaining it.
    case systemUpdating
    /// A deployment is being rolled back.
    case rollingBack
    /// Serving.
    case inService
    /// Being deleted.
    case deleting
    /// Creation or an update failed.
    case failed
    /// A rollback failed.
    case updateRollbackFailed
    /// A status podium does not know.
    case other(String)

    /// The status SageMaker spells `rawValue`.
    public init(rawValue: String) {
        switch rawValue {
        case "OutOfService": self = .outOfService
        case "Creating": self = .creating
        case "Updating": self = .updating
        case "SystemUpdating": self = .systemUpdating
        case "RollingBack": self = .rollingBack
        case "InService": self = .inService
        case "Deleting": self = .deleting
        case "Failed": self = .failed
        case "UpdateRollbackFailed": self = .updateRollbackFailed
        default: self = .other(rawValue)
        }
    }

    /// SageMaker's spelling.
    public var rawValue: String {
        switch self {
        case .outOfService: return "OutOfService"
        case .creating: return "Creating"
        case .updating: return "Updating"
        case .systemUpdating: return "SystemUpdating"
        case .rollingBack: return "RollingBack"
        case .inService: return "InService"
        case .deleting: return "Deleting"
        case .failed: return "Failed"
        case .updateRollbackFailed: return "UpdateRollbackFailed"
        case .other(let value): return value
        }
    }

    /// SageMaker's spelling (what screens, the CLI and the JSON show).
    public var description: String { rawValue }

    /// Whether a change is under way, so another must wait (`Creating`, `Updating`, `SystemUpdating`,
    /// `RollingBack`, and `UpdateRollbackFailed`, which needs a person before anything else runs).
    public var isChanging: Bool {
        switch self {
        case .creating, .updating, .systemUpdating, .rollingBack, .updateRollbackFailed: return true
        case .outOfService, .inService, .deleting, .failed, .other: return false
        }
    }

    /// Whether the last change failed and left the endpoint there (`Failed`, `UpdateRollbackFailed`, `OutOfService`).
    public var isFailed: Bool {
        switch self {
        case .failed, .updateRollbackFailed, .outOfService: return true
        case .creating, .updating, .systemUpdating, .rollingBack, .inService, .deleting, .other: return false
        }
    }

    /// Decodes SageMaker's spelling.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes SageMaker's spelling, as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Two statuses are the same when SageMaker spells them the same.
    public static func == (lhs: EndpointStatus, rhs: EndpointStatus) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes SageMaker's spelling, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
