import Foundation

/// A CloudFormation stack or resource status (`UPDATE_IN_PROGRESS`, `UPDATE_ROLLBACK_COMPLETE`, ...). CloudFormation's
/// set is open (statuses are added over the years), so the raw value is kept and podium asks it typed questions
/// instead of matching prefixes and suffixes where it uses one.
public struct CloudFormationStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The status as CloudFormation names it.
    public let rawValue: String

    /// A status as CloudFormation names it.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A status as CloudFormation names it.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// An update runs (the only status CancelUpdateStack accepts).
    public static let updateInProgress = CloudFormationStatus("UPDATE_IN_PROGRESS")
    /// The update completed.
    public static let updateComplete = CloudFormationStatus("UPDATE_COMPLETE")
    /// The stack was deleted.
    public static let deleteComplete = CloudFormationStatus("DELETE_COMPLETE")
    /// The stack's creation failed and was rolled back: it can only be deleted.
    public static let rollbackComplete = CloudFormationStatus("ROLLBACK_COMPLETE")
    /// The update failed and CloudFormation rolled the stack back.
    public static let updateRollbackComplete = CloudFormationStatus("UPDATE_ROLLBACK_COMPLETE")
    /// The update failed and so did its rollback.
    public static let updateRollbackFailed = CloudFormationStatus("UPDATE_ROLLBACK_FAILED")
    /// The update failed.
    public static let updateFailed = CloudFormationStatus("UPDATE_FAILED")

    /// Still moving (`…_IN_PROGRESS`).
    public var isInProgress: Bool { rawValue.hasSuffix("_IN_PROGRESS") }
    /// Part of a rollback (`UPDATE_ROLLBACK_IN_PROGRESS`, `ROLLBACK_COMPLETE`, ...).
    public var isRollback: Bool { rawValue.contains("ROLLBACK") }
    /// The cleanup after an update or rollback (`UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`).
    public var isCleanup: Bool { rawValue.contains("CLEANUP") }
    /// Settled (`…_COMPLETE`).
    public var isComplete: Bool { rawValue.hasSuffix("_COMPLETE") }
    /// A failure (`…_FAILED`).
    public var isFailed: Bool { rawValue.hasSuffix("_FAILED") }
    /// An update still running that CancelUpdateStack can stop: not its rollback, not the cleanup after it.
    public var isCancellableUpdate: Bool { rawValue.hasPrefix("UPDATE_") && isInProgress && !isRollback && !isCleanup }

    /// The raw status.
    public var description: String { rawValue }
}
