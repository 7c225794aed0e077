import AWSCore
import Foundation

/// Which model package a SageMaker Model was created from: its container's `ModelPackageName`, or, for a model
/// podium created from replicated artefacts (`ReplicaRewriter`), the package ARN podium put in the first
/// container's `Environment`.
///
/// Why the container environment and not (only) a tag: DescribeModel, which every reader already makes, returns
/// it, so resolving costs no extra call (a tag needs ListTags per model); and it is immutable with the model,
/// where a tag can be edited or removed after the fact. The model is tagged `podium:model-package-arn` as well,
/// for people searching by tag.
public enum ModelPackageOrigin {
    /// The container environment variable holding the package ARN.
    public static let environmentKey = "PODIUM_MODEL_PACKAGE_ARN"

    /// The package ARN of a model with these containers (primary first), or `nil` when it names none.
    public static func packageArn(in containers: [ContainerDefinition]) -> String? {
        if let name = containers.compactMap(\.modelPackageName).first(where: { !$0.isEmpty }) { return name }
        return containers.compactMap { $0.environment?[environmentKey] }.first { !$0.isEmpty }
    }
}
