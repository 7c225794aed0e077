import AWSCore
import Foundation

/// The Model Registry: groups, versions, the pending queue, a version's detail (with its evaluation report and what
/// each environment runs), and DescribeModelPackage by group and version for the other services.
struct RegistryService: Sendable {
    let context: SessionContext
    let deployments: DeploymentReader

    private var registryClient: AWSClient { context.registryClient }

    // MARK: - Registry

    /// The registry reader over this session's client and describe cache.
    var registry: RegistryReader {
        RegistryReader(
            client: registryClient, cache: context.describeCache, denials: context.accessDenials,
            concurrency: registryClient.limits.concurrency.limit)
    }

    /// Every model package group with its counts per approval state and latest version. A group whose versions
    /// cannot be listed is still returned, with `problem` set. Summaries only: no describe.
    func groups() async throws -> [ModelGroupSummary] {
        try await registry.overview(newestDecidedPerGroup: 0).groups
    }

    /// Groups, the pending queue and recent approval changes in one paged pass (see `RegistryReader` for the
    /// calls it costs). Describes at most `newestDecidedPerGroup` decided versions per group, and the oldest
    /// `describedPending` pending versions (their authors), each once per approval status (cached).
    func registryOverview(
        newestDecidedPerGroup: Int, describedPending: Int, progress: (@Sendable (RegistryProgress) -> Void)?
    ) async throws -> RegistryOverview {
        var overview = try await registry.overview(newestDecidedPerGroup: newestDecidedPerGroup, progress: progress)
        if describedPending > 0 {
            let pending = overview.pending
            overview.pending =
                await withDetails(Array(pending.prefix(describedPending))) + pending.dropFirst(describedPending)
        }
        return overview
    }

    // MARK: - Versions

    /// The versions of a group, newest first, optionally filtered by approval status. With `details`, the
    /// fields only DescribeModelPackage has (created by, approval description, last modified) are filled in,
    /// each version described once per approval status (cached by ARN).
    func versions(group: String, status: ApprovalStatus? = nil, details: Bool = true) async throws
        -> [ModelVersion]
    {
        try await registry.versions(group: group, status: status, details: details)
    }

    /// The versions of a group, newest first: summaries, with the newest `count` described (each once per
    /// approval status): the rows a screen can show; rows further down keep their summary fields.
    func versions(group: String, describingNewest count: Int) async throws -> [ModelVersion] {
        let summaries = try await versions(group: group, details: false)
        return await withDetails(Array(summaries.prefix(count))) + summaries.dropFirst(count)
    }

    /// The same versions with their describe-only fields, describing only those not already cached with their
    /// current status (for the rows a screen shows).
    func withDetails(_ versions: [ModelVersion]) async -> [ModelVersion] {
        await registry.withDetails(versions)
    }

    /// Every version waiting for approval in every group, oldest first (summary fields only).
    func pendingVersions() async throws -> [ModelVersion] {
        try await registry.overview(newestDecidedPerGroup: 0).pending
    }

    /// One version, described fresh.
    func version(group: String, version: Int) async throws -> ModelVersion {
        Self.version(from: try await describePackage(group: group, version: version), group: group)
    }

    // MARK: - Detail

    /// A version's inference spec, metadata, evaluation metrics, and the comparison with what each environment
    /// runs. A missing or unreadable report (this one or a deployed one) is reported in the result, never thrown
    /// (an access denial is also recorded in `accessDenials`).
    func versionDetail(group: String, version number: Int) async throws -> ModelVersionDetail {
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
        let targets = context.config.endpoints(forGroup: group)
        return await concurrentMap(targets, maxConcurrent: 8) { target in
            var comparison = EnvironmentComparison(
                environment: target.environment.name, endpoint: target.endpoint.name, deployedVersion: nil,
                deployedEvaluation: nil, deltas: [:])
            do {
                let deployment = try await self.deployments.deployment(
                    environment: target.environment.name, endpoint: target.endpoint.name)
                guard deployment.group == group, let deployed = deployment.version else {
                    return comparison
                }
                comparison.deployedVersion = deployed
                if deployed == version { return comparison }
                let package = try await self.describePackage(group: group, version: deployed)
                comparison.deployedEvaluation = await self.evaluationReport(of: package)
            } catch {
                await self.context.accessDenials.record(error)
                comparison.problem = PodiumError.describe(error)
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
            await context.accessDenials.record(error)
            return EvaluationReport(state: .unreadable, s3Uri: uri, problem: PodiumError.describe(error))
        }
    }

    // MARK: - Helpers

    /// DescribeModelPackage by group and version (the ARN is built from the group's ARN).
    func describePackage(group: String, version: Int) async throws -> DescribeModelPackageOutput {
        let arn = try await packageArn(group: group, version: version)
        do {
            return try await registryClient.sageMaker.describeModelPackage(
                DescribeModelPackageInput(modelPackageName: arn))
        } catch  where PodiumError.isNotFound(error) {
            throw PodiumError(
                .notFound, "version \(version) of \(group) does not exist",
                hint: "run `podium versions \(group)` to list its versions")
        }
    }

    func packageArn(group: String, version: Int) async throws -> String {
        let described: DescribeModelPackageGroupOutput
        do {
            described = try await registryClient.sageMaker.describeModelPackageGroup(
                DescribeModelPackageGroupInput(modelPackageGroupName: group))
        } catch  where PodiumError.isNotFound(error) {
            throw PodiumError(
                .notFound, "model package group \"\(group)\" does not exist in the registry",
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

    static func version(from d: DescribeModelPackageOutput, group: String) -> ModelVersion {
        // Who changed it last: the caller's IAM identity when AWS names one, else podium's own approval record
        // ("… by ARN at TIME"), else a Studio profile. A bare profile is the weakest evidence: stock moto names the
        // same fixed profile for every caller.
        let recorded = d.approvalDescription.flatMap(ApprovalDescription.parse)?.actor
        let modifiedBy = d.lastModifiedBy?.iamIdentity?.arn ?? recorded ?? userName(d.lastModifiedBy)
        return ModelVersion(
            group: d.modelPackageGroupName ?? group, version: d.modelPackageVersion ?? 0, arn: d.modelPackageArn,
            status: ApprovalStatus(rawValue: d.modelApprovalStatus ?? "Unknown"), created: d.creationTime,
            createdBy: userName(d.createdBy),
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
