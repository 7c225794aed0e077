import Foundation

/// How far a registry pass has got, reported as each group's versions are listed (`groups 23/40`).
public struct RegistryProgress: Sendable, Equatable {
    /// Groups whose versions have been listed.
    public var groupsDone: Int
    /// Groups in the registry.
    public var groupsTotal: Int
    /// The group just listed, with its counts: a partial result a screen can show before the pass ends.
    public var group: ModelGroupSummary?
    /// That group's pending versions (summaries), oldest first.
    public var pending: [ModelVersion]

    /// Creates a progress report.
    public init(
        groupsDone: Int, groupsTotal: Int, group: ModelGroupSummary? = nil, pending: [ModelVersion] = []
    ) {
        self.groupsDone = groupsDone
        self.groupsTotal = groupsTotal
        self.group = group
        self.pending = pending
    }

    /// `groups 23/40`.
    public var text: String { "groups \(groupsDone)/\(groupsTotal)" }
}
