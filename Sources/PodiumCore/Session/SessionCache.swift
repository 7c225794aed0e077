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
        var status: String
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
    func setEndpoint(_ key: String, _ value: EndpointSnapshot?) { endpoints[key] = value }
}
