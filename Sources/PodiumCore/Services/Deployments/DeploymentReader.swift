import AWSCore
import Foundation

/// What the configured endpoints run: DescribeEndpoint, then the config → model → package chain (cached, since
/// configs and models never change), and the endpoint configs podium created for an endpoint (rollback targets).
struct DeploymentReader: Sendable {
    let context: SessionContext

    private var cache: SessionCache { context.cache }

    // MARK: - Discovery

    /// What every configured endpoint of an environment runs. One ListEndpoints pass; DescribeEndpoint (and the
    /// config → model chain) only for endpoints that changed since the last call of this session.
    func deployments(environment name: String) async throws -> [EndpointDeployment] {
        let env = try context.environment(name)
        let client = try context.client(for: name)
        var summaries: [String: EndpointSummary] = [:]
        var input = ListEndpointsInput(maxResults: 100)
        repeat {
            let page = try await client.sageMaker.listEndpoints(input)
            for summary in page.endpoints { summaries[summary.endpointName] = summary }
            input.nextToken = page.nextToken
        } while input.nextToken != nil
        let known = summaries
        return try await concurrentMap(env.endpoints, maxConcurrent: 8) { spec in
            let summary = known[spec.name]
            guard let summary else {
                await self.cache.setEndpoint("\(name)/\(spec.name)", nil)
                return EndpointDeployment(environment: name, spec: spec, exists: false)
            }
            let key = "\(name)/\(spec.name)"
            if let snapshot = await self.cache.endpoint(key), snapshot.lastModified == summary.lastModifiedTime,
                snapshot.status == EndpointStatus(rawValue: summary.endpointStatus)
            {
                return snapshot.deployment
            }
            return try await self.describeDeployment(environment: name, spec: spec, client: client)
        }
    }

    /// The deployment of one endpoint, read fresh (DescribeEndpoint, then the cached config → model chain).
    func deployment(environment name: String, endpoint: String) async throws -> EndpointDeployment {
        let env = try context.environment(name)
        let spec = try context.endpoint(named: endpoint, in: env)
        return try await describeDeployment(environment: name, spec: spec, client: context.client(for: name))
    }

    func describeDeployment(environment: String, spec: EndpointSpec, client: AWSClient) async throws
        -> EndpointDeployment
    {
        let key = "\(environment)/\(spec.name)"
        let described: DescribeEndpointOutput
        do {
            described = try await client.sageMaker.describeEndpoint(DescribeEndpointInput(endpointName: spec.name))
        } catch  where PodiumError.isNotFound(error) {
            await cache.setEndpoint(key, nil)
            return EndpointDeployment(environment: environment, spec: spec, exists: false)
        }
        var deployment = EndpointDeployment(environment: environment, spec: spec, exists: true)
        deployment.status = EndpointStatus(rawValue: described.endpointStatus)
        deployment.failureReason = described.failureReason
        deployment.endpointConfigName = described.endpointConfigName
        deployment.created = described.creationTime
        deployment.lastModified = described.lastModifiedTime
        deployment.lastDeploymentStrategy = described.lastDeploymentConfig.map(DeploymentConfigBuilder.summary(of:))
        deployment.pendingEndpointConfig = described.pendingDeploymentSummary?.endpointConfigName
        let variant =
            described.productionVariants?.first { $0.variantName == spec.variant }
            ?? described.productionVariants?.first
        deployment.instanceCount = variant?.currentInstanceCount
        deployment.productionVariantName = variant?.variantName
        let configName = described.endpointConfigName ?? ""
        if configName.isEmpty {
            // Nothing to follow to a model: say which answer lacked it rather than show an unknown version.
            deployment.problem = PodiumError.describe(
                AWSClientError.missingValue(
                    service: "SageMaker", operation: "DescribeEndpoint", field: "EndpointConfigName"))
        } else {
            let resolution = await resolve(
                configName: configName, environment: environment, variant: spec.variant, client: client)
            deployment.modelName = resolution.modelName
            deployment.modelPackageArn = resolution.packageArn
            deployment.instanceType = resolution.instanceType
            deployment.instanceCount = deployment.instanceCount ?? resolution.instanceCount
            deployment.endpointConfigCreated = resolution.created
            deployment.problem = resolution.problem
            if let arn = resolution.packageArn, let parsed = ARNShape.modelPackage(arn) {
                deployment.group = parsed.group
                deployment.version = parsed.version
            }
            if Self.hasVariants(described) {
                await followVariants(&deployment, described: described, client: client)
            }
        }
        await cache.setEndpoint(
            key,
            SessionCache.EndpointSnapshot(
                lastModified: described.lastModifiedTime, status: EndpointStatus(rawValue: described.endpointStatus),
                deployment: deployment))
        return deployment
    }

    /// Follows EndpointConfig → Model → container `ModelPackageName`; cached (configs and models are immutable).
    /// A failure is kept as the resolution's `problem` (and an access denial in `accessDenials`).
    func resolve(configName: String, environment: String, variant: String, client: AWSClient) async
        -> SessionCache.ConfigResolution
    {
        let key = "\(environment)/\(configName)/\(variant)"
        if let cached = await cache.resolution(key) { return cached }
        var resolution = SessionCache.ConfigResolution()
        do {
            let config = try await client.sageMaker.describeEndpointConfig(
                DescribeEndpointConfigInput(endpointConfigName: configName))
            resolution.created = config.creationTime
            let variantSpec =
                config.productionVariants.first { $0.variantName == variant } ?? config.productionVariants.first
            resolution.instanceType = variantSpec?.instanceType
            resolution.instanceCount = variantSpec?.initialInstanceCount
            resolution.modelName = variantSpec?.modelName
            guard let modelName = variantSpec?.modelName, !modelName.isEmpty else {
                // Tolerant decoding zero-fills what the answer lacked; this chain cannot go on without it.
                let field = variantSpec == nil ? "ProductionVariants" : "ProductionVariants[].ModelName"
                throw AWSClientError.missingValue(
                    service: "SageMaker", operation: "DescribeEndpointConfig", field: field)
            }
            let model = try await client.sageMaker.describeModel(DescribeModelInput(modelName: modelName))
            let containers = [model.primaryContainer].compactMap { $0 } + (model.containers ?? [])
            resolution.packageArn = ModelPackageOrigin.packageArn(in: containers)
            if resolution.packageArn == nil {
                resolution.problem = "model \(modelName) was not created from a model package"
            }
        } catch {
            await context.accessDenials.record(error)
            resolution.problem = "cannot follow endpoint config \(configName): \(PodiumError.describe(error))"
            return resolution  // not cached: it may be transient
        }
        await cache.setResolution(key, resolution)
        return resolution
    }

    // MARK: - History

    /// The endpoint configs podium created for an endpoint (found by its tags), newest first. Rollback targets.
    func history(environment name: String, endpoint: String) async throws -> [DeploymentHistoryEntry] {
        let current = try await deployment(environment: name, endpoint: endpoint)
        return try await history(of: current)
    }

    func history(of current: EndpointDeployment) async throws -> [DeploymentHistoryEntry] {
        let client = try context.client(for: current.environment)
        let prefix = SageMakerNames.resourcePrefix(endpoint: current.endpointName)
        var configs: [EndpointConfigSummary] = []
        var input = ListEndpointConfigsInput(
            sortBy: "CreationTime", sortOrder: "Descending", maxResults: 100, nameContains: prefix)
        repeat {
            let page = try await client.sageMaker.listEndpointConfigs(input)
            configs += page.endpointConfigs
            input.nextToken = configs.count >= 200 ? nil : page.nextToken
        } while input.nextToken != nil
        configs.sort { $0.creationTime > $1.creationTime }
        var entries: [DeploymentHistoryEntry] = []
        for summary in configs.prefix(50) {
            let tags =
                try await client.sageMaker.listTags(ListTagsInput(resourceArn: summary.endpointConfigArn)).tags ?? []
            var byKey: [String: String] = [:]
            for tag in tags { byKey[tag.key] = tag.value }
            guard byKey[PodiumTags.endpoint] == current.endpointName else { continue }
            entries.append(
                DeploymentHistoryEntry(
                    endpointConfigName: summary.endpointConfigName, created: summary.creationTime,
                    modelPackageArn: byKey[PodiumTags.packageArn],
                    version: byKey[PodiumTags.version].flatMap { Int($0) },
                    promoter: byKey[PodiumTags.promoter],
                    previousEndpointConfig: byKey[PodiumTags.previousEndpointConfig],
                    isCurrent: summary.endpointConfigName == current.endpointConfigName))
        }
        return entries
    }
}
