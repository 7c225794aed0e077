import Foundation

/// `artifacts:` of an environment: where its account and region hold replicas of the registry's images and model
/// data. SageMaker refuses cross-region ECR pulls and needs model data in the endpoint's region, so an environment
/// in another region (or, for serverless, another account) than the registry deploys from replicas: the same
/// repository and tag or digest on `ecrRegistry`, the same key in `modelDataBucket`. Either may be left out (that
/// part is then used from where the package names it). `{account}` and `{region}` are the environment's.
///
/// ```yaml
/// artifacts: { ecr_registry: "{account}.dkr.ecr.{region}.amazonaws.com", model_data_bucket: "podium-models-{account}-{region}" }
/// ```
public struct ArtifactReplicas: Sendable, Equatable, Codable {
    /// The placeholders a pattern may use.
    public static let placeholders = ["{account}", "{region}"]

    /// The replica ECR registry host pattern, e.g. `{account}.dkr.ecr.{region}.amazonaws.com`.
    public var ecrRegistry: String?
    /// The replica model data bucket pattern, e.g. `podium-models-{account}-{region}`.
    public var modelDataBucket: String?

    /// Creates replica settings from patterns.
    public init(ecrRegistry: String? = nil, modelDataBucket: String? = nil) {
        self.ecrRegistry = ecrRegistry
        self.modelDataBucket = modelDataBucket
    }

    /// `pattern` with `{account}` and `{region}` filled in; `nil` when it needs the account and none is known.
    public static func expand(_ pattern: String, account: String?, region: String) -> String? {
        if pattern.contains("{account}"), account == nil { return nil }
        return
            pattern
            .replacingOccurrences(of: "{account}", with: account ?? "")
            .replacingOccurrences(of: "{region}", with: region)
    }

    /// The placeholders (`{…}`) in `pattern` that are not `{account}` or `{region}`.
    public static func unknownPlaceholders(in pattern: String) -> [String] {
        var unknown: [String] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                unknown.append(String(rest[open...]))
                break
            }
            let name = String(rest[open...close])
            if !placeholders.contains(name) { unknown.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return unknown
    }

    /// Whether `host` is an ECR registry host (`<12-digit account>.dkr.ecr.<region>.amazonaws.com[.cn]`).
    public static func isRegistryHost(_ host: String) -> Bool {
        !host.contains("/") && ECRImageReference("\(host)/repository") != nil
    }

    /// Whether `name` is a valid S3 bucket name: 3-63 lowercase letters, digits, `.` and `-`, starting and ending
    /// with a letter or digit.
    public static func isBucketName(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard (3...63).contains(name.count), name.allSatisfy(allowed.contains),
            let first = name.first, let last = name.last, first != "." && first != "-", last != "." && last != "-"
        else { return false }
        return true
    }
}
