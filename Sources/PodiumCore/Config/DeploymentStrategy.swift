/// How a new endpoint config reaches an existing endpoint (SageMaker deployment guardrails).
public struct DeploymentStrategy: Sendable, Equatable, Codable {
    /// The kinds of strategy.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// Blue/green, all traffic shifted at once.
        case allAtOnce = "all_at_once"
        /// Blue/green, a canary slice first, then the rest after `wait`.
        case canary
        /// Blue/green, traffic shifted in equal steps every `wait`.
        case linear
        /// Rolling: instances replaced in batches.
        case rolling
    }

    /// The strategy.
    public var kind: Kind
    /// Canary size in percent of capacity (canary).
    public var canaryPercent: Int?
    /// Step size in percent of capacity (linear).
    public var linearPercent: Int?
    /// Batch size in percent of capacity (rolling).
    public var batchPercent: Int?
    /// Rollback batch size in percent of capacity (rolling, optional).
    public var rollbackBatchPercent: Int?
    /// Wait between steps: canary bake time, linear step interval, rolling batch interval, or the all-at-once bake.
    public var wait: Duration?
    /// How long the whole rolling deployment may take (rolling, optional; SageMaker: 10m to 8h).
    public var maxExecutionTimeout: Duration?
    /// After the shift, how long the old fleet is kept before termination (optional).
    public var terminationWait: Duration?
    /// CloudWatch alarms that roll the deployment back automatically.
    public var autoRollbackAlarms: [String]

    /// Creates a strategy.
    public init(
        kind: Kind = .allAtOnce, canaryPercent: Int? = nil, linearPercent: Int? = nil, batchPercent: Int? = nil,
        rollbackBatchPercent: Int? = nil, wait: Duration? = nil, maxExecutionTimeout: Duration? = nil,
        terminationWait: Duration? = nil, autoRollbackAlarms: [String] = []
    ) {
        self.kind = kind
        self.canaryPercent = canaryPercent
        self.linearPercent = linearPercent
        self.batchPercent = batchPercent
        self.rollbackBatchPercent = rollbackBatchPercent
        self.wait = wait
        self.maxExecutionTimeout = maxExecutionTimeout
        self.terminationWait = terminationWait
        self.autoRollbackAlarms = autoRollbackAlarms
    }

    /// One line for plans and `config check`: `canary 10%, wait 10m, auto-rollback on churn-prod-5xx`.
    public var summary: String {
        var parts: [String] = []
        switch kind {
        case .allAtOnce: parts.append("all_at_once (blue/green)")
        case .canary: parts.append("canary \(canaryPercent ?? 0)%")
        case .linear: parts.append("linear \(linearPercent ?? 0)% steps")
        case .rolling: parts.append("rolling \(batchPercent ?? 0)% batches")
        }
        if let wait { parts.append("wait \(DurationFormat.format(wait))") }
        if let terminationWait { parts.append("termination wait \(DurationFormat.format(terminationWait))") }
        if !autoRollbackAlarms.isEmpty {
            parts.append("auto-rollback on \(autoRollbackAlarms.joined(separator: ", "))")
        }
        return parts.joined(separator: ", ")
    }
}
