import Foundation

/// Where an `AWSClient` sends each service's requests: the one way to set endpoints.
///
/// ```swift
/// AWSClient(region: "us-east-1", credentialProvider: p, endpoints: .url(emulator), readOnly: true)
/// AWSClient(region: "eu-west-1", credentialProvider: p, endpoints: .configured(EndpointResolver(...)), readOnly: true)
/// ```
public enum EndpointSource: Sendable {
    /// The standard AWS host of each service in the region's partition (`https://sagemaker.eu-west-1.amazonaws.com`).
    case standard
    /// One URL for every service (an emulator, a proxy).
    case url(URL)
    /// A function of (service, region); every answer counts as custom (S3 goes path-style).
    case resolver(@Sendable (AWSServiceDescription, String) throws -> URL)
    /// The configuration-aware resolver (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, profile `endpoint_url`,
    /// `[services]`); custom only where configured.
    case configured(EndpointResolver)

    /// The base URL of a service in `region` and whether it is custom (not the standard AWS host).
    public func resolve(_ service: AWSServiceDescription, region: String) throws -> (url: URL, isCustom: Bool) {
        switch self {
        case .url(let url):
            return (url, true)
        case .resolver(let resolve):
            return (try resolve(service, region), true)
        case .configured(let resolver):
            let resolved = try resolver.resolve(service, region: region)
            return (resolved.url, resolved.isCustom)
        case .standard:
            if let global = service.globalEndpoint(forClientRegion: region) { return (global, false) }
            let suffix = AWSPartition.of(region: region).dnsSuffix
            guard let url = URL(string: "https://\(service.endpointPrefix).\(region).\(suffix)") else {
                throw AWSClientError.invalidRequest(
                    service: service.serviceId, operation: "", reason: "no valid endpoint for region \(region)")
            }
            return (url, false)
        }
    }
}
