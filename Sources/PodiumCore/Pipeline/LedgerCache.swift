import Foundation

/// What the ledger keeps between refreshes: endpoint ARNs (they never change) and the endpoint's podium tags,
/// valid while the endpoint's `LastModifiedTime` and config are unchanged (podium tags an endpoint when it
/// updates it, which changes both).
actor LedgerCache {
    struct Tags {
        var lastModified: Date?
        var endpointConfig: String?
        var tags: [String: String]
    }

    private var arns: [String: String] = [:]
    private var tags: [String: Tags] = [:]

    func arn(_ key: String) -> String? { arns[key] }
    func setArn(_ key: String, _ arn: String) { arns[key] = arn }

    func tags(_ key: String, lastModified: Date?, endpointConfig: String?) -> [String: String]? {
        guard let entry = tags[key], entry.lastModified == lastModified, entry.endpointConfig == endpointConfig
        else { return nil }
        return entry.tags
    }

    func setTags(_ key: String, _ entry: Tags) { tags[key] = entry }
}
