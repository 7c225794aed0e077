import Foundation

/// One pass over the registry: every group with its counts, the pending queue and the recent approval changes,
/// all from ListModelPackages summaries, plus describes bounded to the newest decided versions (see
/// `RegistryReader.overview`).
public struct RegistryOverview: Sendable, Equatable {
    /// The groups, by name.
    public var groups: [ModelGroupSummary]
    /// Every version waiting for approval, oldest first (summary fields only: no describe).
    public var pending: [ModelVersion]
    /// Approved or rejected versions among the newest of each group, described (cached), newest change first.
    public var recentChanges: [ModelVersion]

    /// Creates an overview.
    public init(groups: [ModelGroupSummary], pending: [ModelVersion], recentChanges: [ModelVersion] = []) {
        self.groups = groups
        self.pending = pending
        self.recentChanges = recentChanges
    }
}
