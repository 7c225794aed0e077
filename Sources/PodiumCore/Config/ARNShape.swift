import Foundation

/// Shape checks and parsing for the ARNs and ids the config and SageMaker use.
public enum ARNShape {
    /// `arn:aws:iam::123456789012:role/name` (any partition, optional path).
    public static func isIAMRole(_ text: String) -> Bool {
        text.range(of: #"^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$"#, options: .regularExpression) != nil
    }

    /// A KMS key id (UUID or `mrk-…`), `alias/name`, or a key or alias ARN.
    public static func isKMSKey(_ text: String) -> Bool {
        let patterns = [
            #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#,
            #"^mrk-[0-9a-fA-F]{32}$"#,
            #"^alias/[\w/+=,.@-]{1,250}$"#,
            #"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key/[\w-]+|alias/[\w/+=,.@-]+)$"#,
        ]
        return patterns.contains { text.range(of: $0, options: .regularExpression) != nil }
    }

    /// The parts of an ARN: partition, service, region, account, resource; `nil` when it is not an ARN.
    public static func parse(_ arn: String) -> (
        partition: String, service: String, region: String, account: String, resource: String
    )? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        return (parts[1], parts[2], parts[3], parts[4], parts[5])
    }

    /// The group name and version of a model package ARN `…:model-package/<group>/<version>`.
    public static func modelPackage(_ arn: String) -> (group: String, version: Int)? {
        guard let parsed = parse(arn), parsed.service == "sagemaker" else { return nil }
        let resource = parsed.resource.split(separator: "/").map(String.init)
        guard resource.count == 3, resource[0] == "model-package", let version = Int(resource[2]) else { return nil }
        return (resource[1], version)
    }
}
