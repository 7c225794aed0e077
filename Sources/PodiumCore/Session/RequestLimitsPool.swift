import AWSCore
import Foundation

/// One `RequestLimits` per (credentials identity, region), so that every client of one account and region - the
/// registry's and each environment's, all front ends' refreshes - shares one in-flight bound and one adaptive
/// rate limiter. A class: copies of a factory share the pool.
public final class RequestLimitsPool: @unchecked Sendable {
    /// Who signs and where: the same profile and role in the same region is the same account's quota.
    struct Key: Hashable {
        let region: String
        let profile: String?
        let roleArn: String?
        let externalId: String?
    }

    /// The settings every new `RequestLimits` gets.
    public let settings: AWSRequestSettings
    // Guards `limits`; held only for a dictionary lookup, never across a suspension.
    private let lock = NSLock()
    private var limits: [Key: RequestLimits] = [:]

    /// Creates an empty pool.
    public init(settings: AWSRequestSettings = AWSRequestSettings()) {
        self.settings = settings
    }

    /// The shared limits for this region and credentials setting, created on first use.
    public func limits(region: String, credentials: CredentialsConfig) -> RequestLimits {
        let key = Key(
            region: region, profile: credentials.profile, roleArn: credentials.roleArn,
            externalId: credentials.externalId)
        lock.lock()
        defer { lock.unlock() }
        if let existing = limits[key] { return existing }
        let created = RequestLimits(
            maxConcurrentRequests: settings.maxConcurrentRequests, adaptive: settings.adaptiveRetry)
        limits[key] = created
        return created
    }
}
