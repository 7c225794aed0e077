import AWSCore
import Foundation

/// Preflight for a rollback: the same checks as a promotion (image in ECR, model data in S3, KMS key Enabled,
/// execution role trusting SageMaker, SageMaker's placement rules), on what the rollback deploys again. A
/// direct rollback checks its target endpoint config as it exists (its models, key and role); a stack or
/// pipeline rollback checks the previous package as a promotion of it would.
///
/// Rollbacks are the emergency path: a check that fails (the image was deleted, the key disabled, the model is
/// gone) blocks, as for a promotion, but a read that could not be made (AccessDenied, throttled, no answer) is a
/// warning and never blocks. Its reads do not count as access denials of the plan (`AccessDenials`), so a denied
/// preflight read never fails `podium rollback` either.
struct RollbackPreflightReader: Sendable {
    let context: SessionContext

    /// The check's label for what could not be read before the checks themselves.
    static let targetCheck = "rollback target"

    /// Preflight of a direct rollback to the existing endpoint config `config`.
    func preflight(config: String, env: EnvironmentConfig) async throws -> [PreflightSummary] {
        let client = try context.client(for: env.name)
        let described: DescribeEndpointConfigOutput
        do {
            described = try await client.sageMaker.describeEndpointConfig(
                DescribeEndpointConfigInput(endpointConfigName: config))
        } catch {
            return [try Self.unread(error, subject: "endpoint config \(config)", missing: "it no longer exists")]
        }
        var models: [DescribeModelOutput] = []
        var summaries: [PreflightSummary] = []
        let variants = described.productionVariants + (described.shadowProductionVariants ?? [])
        var names: [String] = []
        for name in variants.compactMap(\.modelName) where !name.isEmpty && !names.contains(name) {
            names.append(name)
        }
        for name in names {
            do {
                models.append(try await client.sageMaker.describeModel(DescribeModelInput(modelName: name)))
            } catch {
                summaries.append(
                    try Self.unread(
                        error, subject: "model \(name)",
                        missing: "it no longer exists; SageMaker cannot serve \(config) without it"))
            }
        }
        var packaged: [String: [ModelPackageContainerDefinition]] = [:]
        for model in models {
            for container in [model.primaryContainer].compactMap({ $0 }) + (model.containers ?? [])
            where (container.image ?? "").isEmpty {
                guard let arn = container.modelPackageName, !arn.isEmpty, packaged[arn] == nil else { continue }
                do {
                    packaged[arn] =
                        try await context.registryClient.sageMaker.describeModelPackage(
                            DescribeModelPackageInput(modelPackageName: arn)
                        ).inferenceSpecification?.containers ?? []
                } catch {
                    summaries.append(
                        try Self.unread(error, subject: "model package \(arn)", missing: "it no longer exists"))
                }
            }
        }
        let target = PreflightTarget(
            endpointConfig: described, models: models, packageContainers: packaged, region: env.region,
            account: env.accountHint)
        return summaries + (try await Preflight(client: client).run(target).checks.map(PreflightSummary.init))
    }

    /// Preflight of a stack or pipeline rollback to `packageArn`: the checks a promotion of that package makes.
    func preflight(packageArn: String, env: EnvironmentConfig) async throws -> [PreflightSummary] {
        let package: DescribeModelPackageOutput
        do {
            package = try await context.registryClient.sageMaker.describeModelPackage(
                DescribeModelPackageInput(modelPackageName: packageArn))
        } catch {
            return [try Self.unread(error, subject: "model package \(packageArn)", missing: "it no longer exists")]
        }
        return try await RouteFactsReader(context: context).preflight(package: package, env: env)
    }

    /// What a failed read of the target becomes: a failure when AWS said it does not exist, else a warning (a
    /// refusal names the IAM action). Cancellation is rethrown.
    static func unread(_ error: any Error, subject: String, missing: String) throws -> PreflightSummary {
        if PodiumError.isCancellation(error) { throw error }
        if PodiumError.isNotFound(error) {
            return PreflightSummary(check: targetCheck, subject: subject, outcome: "failed", detail: missing)
        }
        if let service = error as? AWSServiceError, service.isAccessDenied {
            return PreflightSummary(
                check: targetCheck, subject: subject, outcome: "warning",
                detail: "podium may not read it: AWS refused \(service.iamAction)", missingAction: service.iamAction)
        }
        return PreflightSummary(
            check: targetCheck, subject: subject, outcome: "warning",
            detail: "could not read it: \(PodiumError.describe(error))")
    }
}
