import BoundedYAML
import Foundation
import Yams

extension ConfigParser {
    static let artifactKeys = ["ecr_registry", "model_data_bucket"]

    /// `artifacts: { ecr_registry, model_data_bucket }`: patterns with `{account}` and `{region}`, checked against
    /// the environment `env` decoded so far (its region, and its account from `credentials.role_arn` or
    /// `execution_role_arn` when a pattern names `{account}`). The registry must be in the environment's region:
    /// SageMaker refuses cross-region ECR pulls, so any other region could never work.
    static func decodeArtifacts(_ node: Node, context env: EnvironmentConfig, name: String, reader: ConfigNodeReader)
        -> ArtifactReplicas?
    {
        let context = "\(name): artifacts"
        guard let fields = reader.mapping(node, context: context, allowed: artifactKeys) else { return nil }
        guard fields["ecr_registry"] != nil || fields["model_data_bucket"] != nil else {
            reader.report(
                node, "\(context) must name ecr_registry, model_data_bucket or both",
                hint: "e.g. artifacts: { ecr_registry: \"{account}.dkr.ecr.{region}.amazonaws.com\" }")
            return nil
        }
        var replicas = ArtifactReplicas()
        var valid = true
        if let n = fields["ecr_registry"], let pattern = reader.string(n, "\(context).ecr_registry") {
            if let host = expandArtifact(pattern, node: n, key: "\(context).ecr_registry", env: env, reader: reader) {
                if !ArtifactReplicas.isRegistryHost(host) {
                    reader.report(
                        n,
                        "\(context).ecr_registry must be an ECR registry host like 111111111111.dkr.ecr.eu-west-1.amazonaws.com, found \"\(host)\"",
                        hint: "e.g. \"{account}.dkr.ecr.{region}.amazonaws.com\"")
                    valid = false
                } else if let region = ECRImageReference("\(host)/r")?.region, region != env.region {
                    reader.report(
                        n,
                        "\(context).ecr_registry is in \(region), but the environment is in \(env.region); SageMaker refuses cross-region image pulls",
                        hint: "use {region}")
                    valid = false
                }
            } else {
                valid = false
            }
            replicas.ecrRegistry = pattern
        }
        if let n = fields["model_data_bucket"], let pattern = reader.string(n, "\(context).model_data_bucket") {
            if let bucket = expandArtifact(
                pattern, node: n, key: "\(context).model_data_bucket", env: env, reader: reader)
            {
                if !ArtifactReplicas.isBucketName(bucket) {
                    reader.report(
                        n,
                        "\(context).model_data_bucket must be an S3 bucket name (3-63 lowercase letters, digits, . and -), found \"\(bucket)\"",
                        hint: "a bucket name only, no s3:// and no key: e.g. \"podium-models-{account}-{region}\"")
                    valid = false
                }
            } else {
                valid = false
            }
            replicas.modelDataBucket = pattern
        }
        return valid ? replicas : nil
    }

    /// The pattern filled in, or `nil` after reporting an unknown placeholder or an account podium cannot know.
    private static func expandArtifact(
        _ pattern: String, node: Node, key: String, env: EnvironmentConfig, reader: ConfigNodeReader
    ) -> String? {
        let unknown = ArtifactReplicas.unknownPlaceholders(in: pattern)
        if let first = unknown.first {
            reader.report(
                node,
                "\(key) uses \(first); the placeholders are \(ArtifactReplicas.placeholders.joined(separator: ", "))"
            )
            return nil
        }
        guard let expanded = ArtifactReplicas.expand(pattern, account: env.accountHint, region: env.region) else {
            reader.report(
                node,
                "\(key) uses {account}, but the environment's account is not known from its config",
                hint: "set credentials.role_arn or execution_role_arn, or write the account id")
            return nil
        }
        return expanded
    }
}
