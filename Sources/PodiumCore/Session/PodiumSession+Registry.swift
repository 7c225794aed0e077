import AWSCore
import Foundation

extension PodiumSession {
    // MARK: - Groups

    /// Every model package group with its counts per approval state and latest version. A group whose versions
    /// cannot be listed is still returned, with `problem` set.
    public func groups() async throws -> [ModelGroupSummary] {
        let sageMaker = registryClient.sageMaker
        var summaries: [ModelPackageGroupSummary] = []
        var input = ListModelPackageGroupsInput(maxResults: 100, sortBy: "Name", sortOrder: "Ascending")
        repeat {
            let page = try await sageMaker.listModelPackageGroups(input)
            summaries += page.modelPackageGroupSummaryList
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        // Bounded like the requests themselves: one task per group at most `limit` at a time.
        return await concurrentMap(summaries, maxConcurrent: registryClient.limits.concurrency.limit) { summary in
            var result = ModelGroupSummary(
                name: summary.modelPackageGroupName, arn: summary.modelPackageGroupArn,
                description: summary.modelPackageGroupDescription, created: summary.creationTime)
            do {
                let packages = try await self.listPackages(group: summary.modelPackageGroupName, status: nil)
                for package in packages {
                    switch package.modelApprovalStatus {
                    case ApprovalStatus.pending.rawValue: result.pending += 1
                    case ApprovalStatus.approved.rawValue: result.approved += 1
                    case ApprovalStatus.rejected.rawValue: result.rejected += 1
                    default: break
                    }
                }
                let latest = packages.max { ($0.modelPackageVersion ?? 0) < ($1.modelPackageVersion ?? 0) }
                result.latestVersion = latest?.modelPackageVersion
                result.latestStatus = latest?.modelApprovalStatus
            } catch {
                await self.accessDenials.record(error)
                result.problem = PodiumErrors.describe(error)
            }
            return result
        }
    }

    // MARK: - Versions

    /// The versions of a group, newest first, optionally filtered by approval status. With `details`, each
    /// version is described (created by, approval description), eight at a time.
    public func versions(group: String, status: ApprovalStatus? = nil, details: Bool = true) async throws
        -> [ModelVersion]
    {
        let packages = try await listPackages(group: group, status: status)
        if packages.isEmpty {
            // Tell an unknown group apart from an empty one.
            do {
                _ = try await registryClient.sageMaker.describeModelPackageGroup(
                    DescribeModelPackageGroupInput(modelPackageGroupName: group))
            } catch  where PodiumErrors.isNotFound(error) {
                throw PodiumError(
                    .usage, "model package group \"\(group)\" does not exist in the registry",
                    hint: "run `podium groups` to list the groups")
            }
        }
        let sorted = packages.sorted { ($0.modelPackageVersion ?? 0) > ($1.modelPackageVersion ?? 0) }
        guard details else { return sorted.map { Self.version(from: $0, group: group) } }
        return await concurrentMap(sorted, maxConcurrent: 8) { summary in
            do {
                let described = try await self.registryClient.sageMaker.describeModelPackage(
                    DescribeModelPackageInput(modelPackageName: summary.modelPackageArn))
                return Self.version(from: described, group: group)
            } catch {
                await self.accessDenials.record(error)
                return Self.version(from: summary, group: group)
            }
        }
    }

    /// Every version waiting for approval in every group, oldest first.
    public func pendingVersions() async throws -> [ModelVersion] {
        let groups = try await groups()
        var all: [ModelVersion] = []
        for group in groups where group.pending > 0 {
            all += try await versions(group: group.name, status: .pending)
        }
        return all.sorted { $0.created < $1.created }
    }

    /// One version, described fresh.
    public func version(group: String, version: Int) async throws -> ModelVersion {
        Self.version(from: try await describePackage(group: group, version: version), group: group)
    }

    // MARK: - Detail

    /// A version's inference spec, metadata, evaluation metrics, and the comparison with what each environment
    /// runs. A missing or unreadable report (this one or a deployed one) is reported in the result, never thrown
    /// (an access denial is also recorded in `accessDenials`).
    public func versionDetail(group: String, version number: Int) async throws -> ModelVersionDetail {
        let described = try await describePackage(group: group, version: number)
        let version = Self.version(from: described, group: group)
        let containers = (described.inferenceSpecification?.containers ?? []).map {
            ContainerSummary(image: $0.image, modelDataUrl: $0.modelDataUrl ?? $0.modelDataSource?.s3DataSource?.s3Uri)
        }
        var metadata = described.customerMetadataProperties ?? [:]
        if let m = described.metadataProperties {
            if let v = m.commitId { metadata["CommitId"] = v }
            if let v = m.repository { metadata["Repository"] = v }
            if let v = m.generatedBy { metadata["GeneratedBy"] = v }
            if let v = m.projectId { metadata["ProjectId"] = v }
        }
        async let evaluation = evaluationReport(of: described)
        let comparisons = await compare(group: group, version: number)
        let report = await evaluation
        var results: [EnvironmentComparison] = []
        for var comparison in comparisons {
            if let other = comparison.deployedEvaluation, other.state == .loaded, report.state == .loaded {
                for metric in report.metrics {
                    if let value = other.value(of: metric.name) {
                        comparison.deltas[metric.name] = metric.value - value
                    }
                }
            }
            results.append(comparison)
        }
        return ModelVersionDetail(
            version: version, containers: containers, metadata: metadata, evaluation: report, comparisons: results)
    }

    /// What each configured endpoint of this group runs, with that version's report.
    private func compare(group: String, version: Int) async -> [EnvironmentComparison] {
        let targets = config.endpoints(forGroup: group)
        return await concurrentMap(targets, maxConcurrent: 8) { target in
            var comparison = EnvironmentComparison(
                environment: target.environment.name, endpoint: target.endpoint.name, deployedVersion: nil,
                deployedEvaluation: nil, deltas: [:])
            do {
                let deployment = try await self.deployment(
                    environment: target.environment.name, endpoint: target.endpoint.name)
                guard deployment.group == group, let deployed = deployment.version else {
                    return comparison
                }
                comparison.deployedVersion = deployed
                if deployed == version { return comparison }
                let package = try await self.describePackage(group: group, version: deployed)
                comparison.deployedEvaluation = await self.evaluationReport(of: package)
            } catch {
                await self.accessDenials.record(error)
                comparison.problem = PodiumErrors.describe(error)
            }
            return comparison
        }
    }

    /// Reads and parses a package's model-quality statistics from S3.
    func evaluationReport(of package: DescribeModelPackageOutput) async -> EvaluationReport {
        guard let uri = package.modelMetrics?.modelQuality?.statistics?.s3Uri else {
            return EvaluationReport(state: .missing)
        }
        guard let location = Self.s3Location(uri) else {
            return EvaluationReport(state: .unreadable, s3Uri: uri, problem: "not an s3:// URI")
        }
        do {
            let object = try await registryClient.s3.getObject(
                GetObjectRequest(bucket: location.bucket, key: location.key))
            return EvaluationReport.parse(object.body, s3Uri: uri)
        } catch {
            await accessDenials.record(error)
            return EvaluationReport(state: .unreadable, s3Uri: uri, problem: PodiumErrors.describe(error))
        }
    }

    // MARK: - Helpers

    func listPackages(group: String, status: ApprovalStatus?) async throws -> [ModelPackageSummary] {
        var packages: [ModelPackageSummary] = []
        var input = ListModelPackagesInput(
            maxResults: 100, modelApprovalStatus: status?.rawValue, modelPackageGroupName: group,
            sortBy: "CreationTime", sortOrder: "Descending")
        repeat {
            let page = try await registryClient.sageMaker.listModelPackages(input)
            packages += page.modelPackageSummaryList
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        return packages
    }

    /// DescribeModelPackage by group and version (the ARN is built from the group's ARN).
    func describePackage(group: String, version: Int) async throws -> DescribeModelPackageOutput {
        let arn = try await packageArn(group: group, version: version)
        do {
            return try await registryClient.sageMaker.describeModelPackage(
                DescribeModelPackageInput(modelPackageName: arn))
        } catch  where PodiumErrors.isNotFound(error) {
            throw PodiumError(
                .usage, "version \(version) of \(group) does not exist",
                hint: "run `podium versions \(group)` to list its versions")
        }
    }

    func packageArn(group: String, version: Int) async throws -> String {
        let described: DescribeModelPackageGroupOutput
        do {
            described = try await registryClient.sageMaker.describeModelPackageGroup(
                DescribeModelPackageGroupInput(modelPackageGroupName: group))
        } catch  where PodiumErrors.isNotFound(error) {
            throw PodiumError(
                .usage, "model package group \"\(group)\" does not exist in the registry",
                hint: "run `podium groups` to list the groups")
        }
        // arn:aws:sagemaker:r:a:model-package-group/churn → arn:aws:sagemaker:r:a:model-package/churn/3
        let groupArn = described.modelPackageGroupArn
        guard groupArn.contains(":model-package-group/") else {
            throw AWSClientError.missingValue(
                service: "SageMaker", operation: "DescribeModelPackageGroup", field: "ModelPackageGroupArn")
        }
        return groupArn.replacingOccurrences(of: ":model-package-group/", with: ":model-package/") + "/\(version)"
    }

    static func version(from summary: ModelPackageSummary, group: String) -> ModelVersion {
        ModelVersion(
            group: summary.modelPackageGroupName ?? group, version: summary.modelPackageVersion ?? 0,
            arn: summary.modelPackageArn, status: summary.modelApprovalStatus ?? "Unknown",
            created: summary.creationTime, description: summary.modelPackageDescription)
    }

    static func version(from d: DescribeModelPackageOutput, group: String) -> ModelVersion {
        // Who changed it last: the caller's IAM identity when AWS names one, else podium's own approval record
        // ("… by ARN at TIME"), else a Studio profile. A bare profile is the weakest evidence: stock moto names the
        // same fixed profile for every caller.
        let recorded = d.approvalDescription.flatMap(ApprovalDescription.parse)?.actor
        let modifiedBy = d.lastModifiedBy?.iamIdentity?.arn ?? recorded ?? userName(d.lastModifiedBy)
        return ModelVersion(
            group: d.modelPackageGroupName ?? group, version: d.modelPackageVersion ?? 0, arn: d.modelPackageArn,
            status: d.modelApprovalStatus ?? "Unknown", created: d.creationTime, createdBy: userName(d.createdBy),
            description: d.modelPackageDescription, approvalDescription: d.approvalDescription,
            lastModified: d.lastModifiedTime, lastModifiedBy: modifiedBy)
    }

    static func userName(_ context: UserContext?) -> String? {
        guard let context else { return nil }
        return context.iamIdentity?.arn ?? context.userProfileArn ?? context.userProfileName
    }

    static func s3Location(_ uri: String) -> (bucket: String, key: String)? {
        guard uri.hasPrefix("s3://") else { return nil }
        let rest = uri.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let bucket = String(rest[..<slash])
        let key = String(rest[rest.index(after: slash)...])
        return bucket.isEmpty || key.isEmpty ? nil : (bucket, key)
    }
}
