/// The CloudFormation stack that owns an environment's endpoints and the parameter that holds the model package
/// ARN (`stack: { name, parameter }`). `name` may contain `{endpoint}`, `{group}` and `{env}`.
public struct StackTarget: Sendable, Equatable, Codable {
    /// The stack name, or a pattern such as `{endpoint}-stack`.
    public var name: String
    /// The parameter that holds the model package ARN (`ModelPackageArn`).
    public var parameter: String

    /// Creates a stack target.
    public init(name: String, parameter: String) {
        self.name = name
        self.parameter = parameter
    }

    /// The stack name for one endpoint.
    public func stackName(endpoint: String, group: String, environment: String) -> String {
        PromotionPattern.expand(name, endpoint: endpoint, group: group, environment: environment)
    }
}
