import Foundation

/// Mutable caches shared by concurrent calls of a session: caller identities and the immutable parts of
/// deployments (an endpoint config's model and package never change), so steady-state health refreshes
/// need only ListEndpoints, GetMetricData and DescribeAlarms.
actor SessionCache {
    struct ConfigResolution: Sendable {
        var created: Date?
        var modelName: String?
        var packageArn: String?
        var instanceType: String?
        var instanceCount: Int?
        var problem: String?
    }

    struct EndpointSnapshot: Sendable {
        var lastModified: Date
        var status: EndpointStatus
        var deployment: EndpointDeployment
    }

    private var identities: [String: CallerIdentity] = [:]
    private var resolutions: [String: ConfigResolution] = [:]
    private var endpoints: [String: EndpointSnapshot] = [:]

    func identity(_ key: String) -> CallerIdentity? { identities[key] }
    func setIdentity(_ key: String, _ value: CallerIdentity) { identities[key] = value }

    func resolution(_ key: String) -> ConfigResolution? { resolutions[key] }
    func setResolution(_ key: String, _ value: ConfigResolution) { resolutions[key] = value }

    func endpoint(_ key: String) -> EndpointSnapshot? { endpoints[key] }

    /// Drops what was read in one environment (its keys start with `<environment>/`), so the next refresh reads it
    /// again with the environment's new credentials (`:profile`).
    func forget(environment: String) {
        let prefix = environment + "/"
        let variantPrefix = "variant-model/" + prefix
        resolutions = resolutions.filter { !$0.key.hasPrefix(prefix) && !$0.key.hasPrefix(variantPrefix) }
        endpoints = endpoints.filter { !$0.key.hasPrefix(prefix) }
    }

    /// Keeps what a DescribeEndpoint found, unless keeping it could show a false state later.
    ///
    /// Two races used to leave a wrong deployment on screen until the endpoint next changed: a snapshot
    /// whose config → model chain could not be followed (a config read before AWS shows it, a throttled
    /// call, a refresh cancelled by a newer one) was cached with its problem, and every later refresh reused
    /// it because ListEndpoints still showed the same LastModifiedTime; and a describe that started earlier
    /// but finished later replaced a newer snapshot. Now only a fully followed chain is kept (the chain is
    /// followed again next time otherwise), and a snapshot older than the one kept is dropped.
    func setEndpoint(_ key: String, _ value: EndpointSnapshot?) {
        guard let value else {
            endpoints[key] = nil
            return
        }
        if let kept = endpoints[key], kept.lastModified > value.lastModified { return }
        guard isFollowed(value.deployment) else {
            endpoints[key] = nil
            return
        }
        endpoints[key] = value
    }

    /// Whether a deployment's config → model chain was followed and cached (the resolution key is the one
    /// `DeploymentReader.resolve` uses: `<environment>/<config>/<variant>`).
    private func isFollowed(_ deployment: EndpointDeployment) -> Bool {
        guard let config = deployment.endpointConfigName else { return true }
        return resolutions["\(deployment.environment)/\(config)/\(deployment.spec.variant)"] != nil
    }
}
