import AWSCore
import Foundation

/// Reads the Model Registry politely: lists are paged summaries, DescribeModelPackage runs only for versions a
/// caller asks details of, once per version and approval status (`DescribeCache`).
///
/// Calls per pass over G groups of V versions (ListModelPackages pages of 100):
/// - `overview`: ⌈G/100⌉ ListModelPackageGroups + G·⌈V/100⌉ ListModelPackages (the paged-list minimum), plus at
///   most `newestDecidedPerGroup` describes per group the first time, and afterwards only for decided versions
///   whose status changed between passes (the describe cache is keyed by ARN and status).
/// - `versions(details: false)`: ⌈V/100⌉ ListModelPackages; with `details`, plus one describe per version not
///   yet cached.
struct RegistryReader: Sendable {
    let client: AWSClient
    let cache: DescribeCache
    let denials: AccessDenials
    /// Describes in flight at most (the client's shared limiter bounds all requests as well).
    let concurrency: Int

    // MARK: - One pass

    /// Every group, its counts, the pending queue and the recent decisions, in one paged pass.
    ///
    /// `progress` is called as each group's versions are listed; a group that cannot be listed is returned with
    /// `problem` set. Describes are bounded to the `newestDecidedPerGroup` newest approved or rejected versions
    /// of each group (by creation time) and served from the cache when their status is unchanged.
    func overview(
        newestDecidedPerGroup: Int, progress: (@Sendable (RegistryProgress) -> Void)? = nil
    ) async throws -> RegistryOverview {
        let groupSummaries = try await listGroups()
        let total = groupSummaries.count
        let done = LockedValue(0)
        progress?(RegistryProgress(groupsDone: 0, groupsTotal: total))
        let perGroup = await concurrentMap(groupSummaries, maxConcurrent: concurrency) {
            summary -> (ModelGroupSummary, [ModelVersion], [ModelVersion]) in
            var result = ModelGroupSummary(
                name: summary.modelPackageGroupName, arn: summary.modelPackageGroupArn,
                description: summary.modelPackageGroupDescription, created: summary.creationTime)
            var pending: [ModelVersion] = []
            var decided: [ModelVersion] = []
            do {
                // Newest first (the list is sorted by creation time, descending).
                let packages = try await self.listPackages(group: summary.modelPackageGroupName, status: nil)
                let changed = await self.cache.noteStatuses(
                    packages.compactMap { p in p.modelApprovalStatus.map { (p.modelPackageArn, $0) } })
                for package in packages {
                    let status = package.modelApprovalStatus.map(ApprovalStatus.init(rawValue:))
                    switch status {
                    case .pending:
                        result.pending += 1
                        pending.append(Self.version(from: package, group: summary.modelPackageGroupName))
                    case .approved, .rejected:
                        if status == .approved {
                            result.approved += 1
                        } else {
                            result.rejected += 1
                        }
                        // The newest few, and any whose status changed since the last pass (approved or
                        // rejected between refreshes, however old).
                        if decided.count < newestDecidedPerGroup || changed.contains(package.modelPackageArn) {
                            decided.append(Self.version(from: package, group: summary.modelPackageGroupName))
                        }
                    default: break
                    }
                }
                let latest = packages.max { ($0.modelPackageVersion ?? 0) < ($1.modelPackageVersion ?? 0) }
                result.latestVersion = latest?.modelPackageVersion
                result.latestStatus = latest?.modelApprovalStatus.map(ApprovalStatus.init(rawValue:))
            } catch {
                await self.denials.record(error)
                result.problem = PodiumError.describe(error)
            }
            let count = done.withLock { value -> Int in
                value += 1
                return value
            }
            progress?(
                RegistryProgress(
                    groupsDone: count, groupsTotal: total, group: result,
                    pending: pending.sorted { $0.created < $1.created }))
            return (result, pending, decided)
        }
        let decided = await withDetails(perGroup.flatMap(\.2))
        // A version registered already decided has no LastModifiedTime (AWS and moto omit it until an update):
        // its decision dates from its creation.
        let changes =
            decided
            .sorted { ($0.lastModified ?? $0.created) > ($1.lastModified ?? $1.created) }
        return RegistryOverview(
            groups: perGroup.map(\.0), pending: perGroup.flatMap(\.1).sorted { $0.created < $1.created },
            recentChanges: changes)
    }

    // MARK: - Versions

    /// The versions of a group, newest first; with `details`, described (from the cache where it can).
    func versions(group: String, status: ApprovalStatus?, details: Bool) async throws -> [ModelVersion] {
        let packages = try await listPackages(group: group, status: status)
        if packages.isEmpty {
            // Tell an unknown group apart from an empty one.
            do {
                _ = try await client.sageMaker.describeModelPackageGroup(
                    DescribeModelPackageGroupInput(modelPackageGroupName: group))
            } catch  where PodiumError.isNotFound(error) {
                throw PodiumError(
                    .notFound, "model package group \"\(group)\" does not exist in the registry",
                    hint: "run `podium groups` to list the groups")
            }
        }
        let sorted =
            packages
            .sorted { ($0.modelPackageVersion ?? 0) > ($1.modelPackageVersion ?? 0) }
            .map { Self.version(from: $0, group: group) }
        return details ? await withDetails(sorted) : sorted
    }

    /// The same versions with the fields only DescribeModelPackage has, describing only those not cached with
    /// their current status. A version that cannot be described is returned as it came (summary fields).
    func withDetails(_ versions: [ModelVersion]) async -> [ModelVersion] {
        var result = versions
        var missing: [Int] = []
        for (index, version) in versions.enumerated() {
            if let cached = await cache.described(version) {
                result[index] = cached
            } else {
                missing.append(index)
            }
        }
        if missing.isEmpty { return result }
        let described = await concurrentMap(missing, maxConcurrent: concurrency) { index -> ModelVersion? in
            let summary = versions[index]
            do {
                let output = try await self.client.sageMaker.describeModelPackage(
                    DescribeModelPackageInput(modelPackageName: summary.arn))
                let version = RegistryService.version(from: output, group: summary.group)
                await self.cache.store(version)
                return version
            } catch {
                await self.denials.record(error)
                return nil
            }
        }
        for (index, version) in zip(missing, described) {
            if let version { result[index] = version }
        }
        return result
    }

    // MARK: - Lists

    func listGroups() async throws -> [ModelPackageGroupSummary] {
        var summaries: [ModelPackageGroupSummary] = []
        var input = ListModelPackageGroupsInput(maxResults: 100, sortBy: "Name", sortOrder: "Ascending")
        repeat {
            let page = try await client.sageMaker.listModelPackageGroups(input)
            summaries += page.modelPackageGroupSummaryList
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        return summaries
    }

    func listPackages(group: String, status: ApprovalStatus?) async throws -> [ModelPackageSummary] {
        var packages: [ModelPackageSummary] = []
        var input = ListModelPackagesInput(
            maxResults: 100, modelApprovalStatus: status?.rawValue, modelPackageGroupName: group,
            sortBy: "CreationTime", sortOrder: "Descending")
        repeat {
            let page = try await client.sageMaker.listModelPackages(input)
            packages += page.modelPackageSummaryList
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        return packages
    }

    static func version(from summary: ModelPackageSummary, group: String) -> ModelVersion {
        ModelVersion(
            group: summary.modelPackageGroupName ?? group, version: summary.modelPackageVersion ?? 0,
            arn: summary.modelPackageArn,
            status: ApprovalStatus(rawValue: summary.modelApprovalStatus ?? "Unknown"),
            created: summary.creationTime, description: summary.modelPackageDescription)
    }
}
