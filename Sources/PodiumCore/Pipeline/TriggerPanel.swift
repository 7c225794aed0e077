/// The trigger of one account: the EventBridge rules that match model package state changes, and their Lambdas.
public struct TriggerPanel: Sendable, Equatable, Codable {
    /// `registry` or the environment's name.
    public var account: String
    /// The matching rules.
    public var rules: [TriggerRule]
    /// The Lambda functions they target.
    public var lambdas: [LambdaPanel]
    /// Why the rules could not be read (`events:ListRules` refused…), `nil` when they were.
    public var problem: String?

    /// Creates a panel.
    public init(account: String, rules: [TriggerRule] = [], lambdas: [LambdaPanel] = [], problem: String? = nil) {
        self.account = account
        self.rules = rules
        self.lambdas = lambdas
        self.problem = problem
    }
}
