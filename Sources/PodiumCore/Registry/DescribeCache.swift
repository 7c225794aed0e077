import Foundation

/// DescribeModelPackage results kept by package ARN, so a version is described once, not on every refresh.
///
/// An entry stays valid while the package's approval status (as a ListModelPackages summary reports it) is the
/// one it was described with: approving or rejecting changes the fields only a describe has (approval
/// description, last modified, who modified it), and the status is the one change a summary shows. A package's
/// other describe-only fields (creator, containers) never change after registration.
///
/// Bounded: past `capacity` entries the least recently stored half is dropped (a registry larger than that costs
/// describes again, never unbounded memory).
public actor DescribeCache {
    private struct Entry {
        var version: ModelVersion
        var stamp: UInt64
    }

    private var entries: [String: Entry] = [:]
    /// The approval status each package had in the last pass that listed it (for changes between refreshes).
    private var seen: [String: String] = [:]
    private var clock: UInt64 = 0
    /// The most entries kept.
    public let capacity: Int

    /// Creates an empty cache holding at most `capacity` versions.
    public init(capacity: Int = 50_000) {
        self.capacity = max(1, capacity)
    }

    /// The described version for this summary, if it was described while it had the summary's status.
    public func described(_ summary: ModelVersion) -> ModelVersion? {
        guard let entry = entries[summary.arn], entry.version.status == summary.status else { return nil }
        return entry.version
    }

    /// The status a package had when it was last described (whatever it is now), for change detection.
    public func describedStatus(arn: String) -> ApprovalStatus? {
        entries[arn]?.version.status
    }

    /// Stores a described version under its ARN.
    public func store(_ version: ModelVersion) {
        clock += 1
        entries[version.arn] = Entry(version: version, stamp: clock)
        if entries.count > capacity { evictOldest() }
    }

    /// Records the statuses a pass listed; returns the ARNs whose status differs from the previous pass (a
    /// package seen for the first time is not a change).
    public func noteStatuses(_ statuses: [(arn: String, status: String)]) -> Set<String> {
        var changed: Set<String> = []
        for (arn, status) in statuses {
            if let before = seen.updateValue(status, forKey: arn), before != status { changed.insert(arn) }
        }
        if seen.count > capacity { seen = [:] }
        return changed
    }

    /// Drops an entry (after podium itself changed the package, for example).
    public func invalidate(arn: String) {
        entries[arn] = nil
    }

    /// How many versions are cached.
    public var count: Int { entries.count }

    private func evictOldest() {
        let keep = capacity / 2
        let sorted = entries.sorted { $0.value.stamp > $1.value.stamp }
        entries = Dictionary(uniqueKeysWithValues: sorted.prefix(keep).map { ($0.key, $0.value) })
    }
}
