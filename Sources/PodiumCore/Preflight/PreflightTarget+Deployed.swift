import AWSCore
import Foundation

extension PreflightTarget {
    /// The target of a rollback to an endpoint config that still exists: what SageMaker will use again when the
    /// endpoint is pointed back at it. Images and model data come from its models' containers as created (a
    /// container made from a model package, with no image of its own, contributes that package's containers from
    /// `packageContainers`, by ARN); the KMS key is the config's and the execution role the first model's, not
    /// today's environment config (the config and the model are immutable, so they keep what they were made with).
    public init(
        endpointConfig: DescribeEndpointConfigOutput, models: [DescribeModelOutput],
        packageContainers: [String: [ModelPackageContainerDefinition]], region: String, account: String?
    ) {
        var images: [String] = []
        var data: [String] = []
        func add(image: String?, data url: String?) {
            if let image, !image.isEmpty, !images.contains(image) { images.append(image) }
            if let url, !url.isEmpty, !data.contains(url) { data.append(url) }
        }
        for model in models {
            for container in [model.primaryContainer].compactMap({ $0 }) + (model.containers ?? []) {
                if (container.image ?? "").isEmpty, let arn = container.modelPackageName, !arn.isEmpty {
                    for packaged in packageContainers[arn] ?? [] {
                        add(
                            image: packaged.image,
                            data: packaged.modelDataUrl ?? packaged.modelDataSource?.s3DataSource?.s3Uri)
                    }
                } else {
                    add(
                        image: container.image,
                        data: container.modelDataUrl ?? container.modelDataSource?.s3DataSource?.s3Uri)
                }
            }
        }
        let variants = endpointConfig.productionVariants + (endpointConfig.shadowProductionVariants ?? [])
        self.init(
            account: account, region: region, images: images, modelDataURLs: data,
            kmsKeyId: endpointConfig.kmsKeyId.flatMap { $0.isEmpty ? nil : $0 },
            executionRoleArn: models.lazy.compactMap(\.executionRoleArn).first { !$0.isEmpty },
            serverless: variants.contains { $0.serverlessConfig != nil })
    }
}
