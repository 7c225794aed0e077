/// A configured CloudFormation stack as DescribeStacks shows it when planning.
public struct StackFacts: Sendable, Equatable {
    /// The stack name (the config's pattern, expanded).
    public var name: String
    /// The parameter that holds the model package ARN.
    public var parameter: String
    /// Whether the stack exists.
    public var exists: Bool
    /// `StackStatus` (`UPDATE_COMPLETE`, `UPDATE_IN_PROGRESS`…), `nil` when it does not exist.
    public var status: String?
    /// The parameter's current value, `nil` when the stack has no such parameter.
    public var parameterValue: String?
    /// Every parameter key of the stack (the others are sent with UsePreviousValue).
    public var parameterKeys: [String]

    /// Creates stack facts.
    public init(
        name: String, parameter: String, exists: Bool, status: String? = nil, parameterValue: String? = nil,
        parameterKeys: [String] = []
    ) {
        self.name = name
        self.parameter = parameter
        self.exists = exists
        self.status = status
        self.parameterValue = parameterValue
        self.parameterKeys = parameterKeys
    }

    /// Whether the stack is settled, so that an update may start (`*_COMPLETE`, not a rollback in progress).
    public var isSettled: Bool {
        guard let status = status.map(CloudFormationStatus.init(rawValue:)) else { return false }
        return status.isComplete && !status.isInProgress && status != .deleteComplete && status != .rollbackComplete
    }

    /// Whether the stack has the package parameter.
    public var hasParameter: Bool { parameterKeys.contains(parameter) }
}
