import Foundation

/// How far a registry pass has got, reported as each group's versions are listed (`groups 23/40`).
public struct RegistryProgress: Sendable, Equatable {
    /// Groups whose versions have been listed.
    public var groupsDone: Int
    /// Groups in the registry.
    public var groupsTotal: Int

    /// Creates a progress report.
    public init(groupsDone: Int, groupsTotal: Int) {
        self.groupsDone = groupsDone
        self.groupsTotal = groupsTotal
    }

    /// `groups 23/40`.
    public var text: String { "groups \(groupsDone)/\(groupsTotal)" }
}
