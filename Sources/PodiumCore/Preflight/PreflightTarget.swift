import AWSCore
import Foundation

/// What a promotion will deploy, as preflight checks it: gathered from the model package's containers and the
/// target environment's config.
public struct PreflightTarget: Sendable, Equatable {
    /// The endpoint's account, when known (from the caller identity or the config's account hint).
    public var account: String?
    /// The endpoint's region.
    public var region: String
    /// The container image URIs, in container order, each once.
    public var images: [String]
    /// The model data URLs (`s3://bucket/key`), in container order, each once.
    public var modelDataURLs: [String]
    /// The KMS key the endpoint config will use, if any.
    public var kmsKeyId: String?
    /// The execution role the model will use, if any.
    public var executionRoleArn: String?
    /// Whether the endpoint is serverless (its image must then be in its own account).
    public var serverless: Bool

    /// Creates a target.
    public init(
        account: String?, region: String, images: [String], modelDataURLs: [String], kmsKeyId: String? = nil,
        executionRoleArn: String? = nil, serverless: Bool = false
    ) {
        self.account = account
        self.region = region
        self.images = images
        self.modelDataURLs = modelDataURLs
        self.kmsKeyId = kmsKeyId
        self.executionRoleArn = executionRoleArn
        self.serverless = serverless
    }

    /// The target of promoting a model package's containers into an environment: images and model data from the
    /// containers (`ModelDataUrl`, or `ModelDataSource.S3DataSource.S3Uri`), key and role from the config.
    public init(
        containers: [ModelPackageContainerDefinition], environment: EnvironmentConfig, account: String?,
        serverless: Bool = false
    ) {
        var images: [String] = []
        var data: [String] = []
        for container in containers {
            if let image = container.image, !image.isEmpty, !images.contains(image) { images.append(image) }
            let url = container.modelDataUrl ?? container.modelDataSource?.s3DataSource?.s3Uri
            if let url, !url.isEmpty, !data.contains(url) { data.append(url) }
        }
        self.init(
            account: account ?? environment.accountHint, region: environment.region, images: images,
            modelDataURLs: data, kmsKeyId: environment.kmsKeyId, executionRoleArn: environment.executionRoleArn,
            serverless: serverless)
    }
}
