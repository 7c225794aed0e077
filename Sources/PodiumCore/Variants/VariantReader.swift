import AWSCore
import Foundation

/// Reads an endpoint's variants: DescribeEndpoint (weights, counts, serverless, shadow variants), then its config
/// (one DescribeEndpointConfig: models and instance types) and one DescribeModel per distinct model (package and
/// version). Configs and models never change, so the config → model chain is cached for the session.
struct VariantReader: Sendable {
    let context: SessionContext

    /// The variants of `endpoint` in `environment`, read fresh.
    func variants(environment: String, endpoint: String) async throws -> EndpointVariants {
        let client = try context.client(for: environment)
        let described = try await client.sageMaker.describeEndpoint(DescribeEndpointInput(endpointName: endpoint))
        return try await variants(environment: environment, described: described, client: client)
    }

    /// The variants of an endpoint already described.
    func variants(environment: String, described: DescribeEndpointOutput, client: AWSClient) async throws
        -> EndpointVariants
    {
        var result = EndpointVariants(
            environment: environment, endpoint: described.endpointName,
            status: EndpointStatus(rawValue: described.endpointStatus),
            endpointConfigName: described.endpointConfigName)
        let configured = try await configVariants(
            described.endpointConfigName, environment: environment, client: client)
        let summaries =
            (described.productionVariants ?? []).map { ($0, EndpointVariant.Role.production) }
            + (described.shadowProductionVariants ?? []).map { ($0, EndpointVariant.Role.shadow) }
        for (summary, role) in summaries {
            var variant = EndpointVariant(name: summary.variantName, role: role)
            variant.currentWeight = summary.currentWeight
            variant.desiredWeight = summary.desiredWeight ?? summary.currentWeight
            variant.currentInstanceCount = summary.currentInstanceCount
            variant.desiredInstanceCount = summary.desiredInstanceCount
            let serverless = summary.currentServerlessConfig ?? summary.desiredServerlessConfig
            if let serverless {
                variant.serverless = ServerlessSettings(
                    memoryMB: serverless.memorySizeInMB, maxConcurrency: serverless.maxConcurrency)
            }
            if let config = configured[summary.variantName] {
                variant.modelName = config.modelName
                variant.instanceType = config.instanceType
                variant.desiredInstanceCount = variant.desiredInstanceCount ?? config.initialInstanceCount
                // DescribeEndpoint may omit the weight (stock moto does when the config set none): the config's
                // initial weight is what SageMaker applied.
                if variant.currentWeight == nil {
                    variant.currentWeight = config.initialVariantWeight
                    variant.desiredWeight = variant.desiredWeight ?? config.initialVariantWeight
                }
                if variant.serverless == nil, let serverless = config.serverlessConfig {
                    variant.serverless = ServerlessSettings(
                        memoryMB: serverless.memorySizeInMB, maxConcurrency: serverless.maxConcurrency)
                }
                if let model = config.modelName, !model.isEmpty,
                    let arn = try await packageArn(model: model, environment: environment, client: client)
                {
                    variant.modelPackageArn = arn
                    if let parsed = ARNShape.modelPackage(arn) {
                        variant.group = parsed.group
                        variant.version = parsed.version
                    }
                }
            }
            result.variants.append(variant)
        }
        return result
    }

    /// The config's production and shadow variants by name.
    private func configVariants(_ name: String?, environment: String, client: AWSClient) async throws
        -> [String: ProductionVariant]
    {
        guard let name, !name.isEmpty else { return [:] }
        let config = try await client.sageMaker.describeEndpointConfig(
            DescribeEndpointConfigInput(endpointConfigName: name))
        var byName: [String: ProductionVariant] = [:]
        for variant in config.productionVariants + (config.shadowProductionVariants ?? []) {
            byName[variant.variantName] = variant
        }
        return byName
    }

    /// The model package a model was created from (cached: models are immutable).
    private func packageArn(model: String, environment: String, client: AWSClient) async throws -> String? {
        let key = "variant-model/\(environment)/\(model)"
        if let cached = await context.cache.resolution(key) { return cached.packageArn }
        let described = try await client.sageMaker.describeModel(DescribeModelInput(modelName: model))
        let containers = [described.primaryContainer].compactMap { $0 } + (described.containers ?? [])
        var resolution = SessionCache.ConfigResolution()
        resolution.modelName = model
        resolution.packageArn = ModelPackageOrigin.packageArn(in: containers)
        await context.cache.setResolution(key, resolution)
        return resolution.packageArn
    }
}
