import AWSCore
import Foundation

/// Rewrites a model package's containers to an environment's replicas (`artifacts:`): an ECR image to the same
/// repository and tag or digest on the replica registry, a model data URL to the same key in the replica bucket.
/// A model package is regional and its image and data live where the registry is, so a Model in another region
/// (or a serverless one in another account) must be created from these rewritten containers, not from
/// `ModelPackageName`.
///
/// ```swift
/// if let rewriter = ReplicaRewriter(environment: env) {
///     let containers = rewriter.modelContainers(package.inferenceSpecification?.containers ?? [], packageArn: arn)
/// }
/// ```
public struct ReplicaRewriter: Sendable, Equatable {
    /// The replica registry host (`111111111111.dkr.ecr.eu-west-1.amazonaws.com`), when images are replicated.
    public var registry: String?
    /// The replica bucket, when model data is replicated.
    public var bucket: String?

    /// Creates a rewriter for explicit replica locations.
    public init(registry: String?, bucket: String?) {
        self.registry = registry
        self.bucket = bucket
    }

    /// The environment's rewriter; `nil` without `artifacts:` (or when its account cannot be known, which the
    /// config parser already refused).
    public init?(environment env: EnvironmentConfig) {
        guard let artifacts = env.artifacts else { return nil }
        let account = env.accountHint
        let registry = artifacts.ecrRegistry.flatMap {
            ArtifactReplicas.expand($0, account: account, region: env.region)
        }
        let bucket = artifacts.modelDataBucket.flatMap {
            ArtifactReplicas.expand($0, account: account, region: env.region)
        }
        guard registry != nil || bucket != nil else { return nil }
        self.init(registry: registry, bucket: bucket)
    }

    /// `uri` on the replica registry, same repository and tag and/or digest; unchanged when images are not
    /// replicated or `uri` is not an ECR image (another registry is not podium's to redirect).
    public func image(_ uri: String) -> String {
        guard let registry, let reference = ECRImageReference(uri) else { return uri }
        return "\(registry)/\(reference.repository)" + (reference.tag.map { ":\($0)" } ?? "")
            + (reference.digest.map { "@\($0)" } ?? "")
    }

    /// `url` (`s3://bucket/key`) with the same key in the replica bucket; unchanged when data is not replicated or
    /// `url` is not an S3 URL.
    public func modelData(_ url: String) -> String {
        guard let bucket, let location = S3ObjectLocation(url) else { return url }
        return "s3://\(bucket)/\(location.key)"
    }

    /// The package's containers with images and model data on the replicas (what preflight checks: where the
    /// endpoint will pull from).
    public func packageContainers(_ containers: [ModelPackageContainerDefinition]) -> [ModelPackageContainerDefinition]
    {
        containers.map { container in
            var out = container
            out.image = container.image.map(image)
            out.modelDataUrl = container.modelDataUrl.map(modelData)
            out.modelDataSource = rewritten(container.modelDataSource)
            return out
        }
    }

    /// The Model's containers for `packageArn`: the package's containers on the replicas, with their environment,
    /// hostname and additional data sources, and the package ARN under `ModelPackageOrigin.environmentKey` in the
    /// first one's environment (so podium can still tell which version runs).
    public func modelContainers(_ containers: [ModelPackageContainerDefinition], packageArn: String)
        -> [ContainerDefinition]
    {
        packageContainers(containers).enumerated().map { index, container in
            var environment = container.environment
            if index == 0 {
                environment = (environment ?? [:]).merging([ModelPackageOrigin.environmentKey: packageArn]) { $1 }
            }
            return ContainerDefinition(
                containerHostname: container.containerHostname, image: container.image,
                modelDataUrl: container.modelDataUrl, modelDataSource: container.modelDataSource,
                additionalModelDataSources: container.additionalModelDataSources, environment: environment)
        }
    }

    /// One line for a plan: where the image and model data come from.
    public var summary: String {
        var parts: [String] = []
        if let registry { parts.append("image from \(registry)") }
        if let bucket { parts.append("model data from s3://\(bucket)") }
        return parts.joined(separator: ", ")
    }

    private func rewritten(_ source: ModelDataSource?) -> ModelDataSource? {
        guard var source, var s3 = source.s3DataSource else { return source }
        s3.s3Uri = modelData(s3.s3Uri)
        source.s3DataSource = s3
        return source
    }
}

extension ReplicaRewriter {
    /// Sets `input`'s containers to the package's on the replicas in place of `ModelPackageName` (one container
    /// is the primary container, several an inference pipeline, as the package lists them).
    /// - Throws: `PodiumError(.failed)` when the package lists no container (nothing to rewrite).
    public func use(
        _ containers: [ModelPackageContainerDefinition], packageArn: String, in input: inout CreateModelInput
    ) throws {
        let rewritten = modelContainers(containers, packageArn: packageArn)
        guard let first = rewritten.first else {
            throw PodiumError(
                .failed,
                "\(packageArn) lists no inference container, so podium cannot create the model from the environment's replicas; nothing was created",
                hint: "check the package's InferenceSpecification, or remove artifacts: from the environment")
        }
        if rewritten.count == 1 {
            input.primaryContainer = first
            input.containers = nil
        } else {
            input.primaryContainer = nil
            input.containers = rewritten
        }
    }
}
