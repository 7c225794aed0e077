import AWSCore

/// Builds SageMaker's `DeploymentConfig` from an environment's strategy. Pure.
public enum DeploymentConfigBuilder {
    /// Blue/green (all at once, canary, linear) or rolling, with the auto-rollback alarms.
    public static func deploymentConfig(for strategy: DeploymentStrategy) -> DeploymentConfig {
        let alarms =
            strategy.autoRollbackAlarms.isEmpty
            ? nil : AutoRollbackConfig(alarms: strategy.autoRollbackAlarms.map { Alarm(alarmName: $0) })
        let wait = strategy.wait.map { Int(DurationFormat.seconds($0)) } ?? 0
        switch strategy.kind {
        case .rolling:
            let policy = RollingUpdatePolicy(
                maximumBatchSize: CapacitySize(type: "CAPACITY_PERCENT", value: strategy.batchPercent ?? 100),
                waitIntervalInSeconds: wait,
                maximumExecutionTimeoutInSeconds: strategy.maxExecutionTimeout.map { Int(DurationFormat.seconds($0)) },
                rollbackMaximumBatchSize: strategy.rollbackBatchPercent.map {
                    CapacitySize(type: "CAPACITY_PERCENT", value: $0)
                })
            return DeploymentConfig(rollingUpdatePolicy: policy, autoRollbackConfiguration: alarms)
        case .allAtOnce, .canary, .linear:
            var routing = TrafficRoutingConfig(type: "ALL_AT_ONCE", waitIntervalInSeconds: wait)
            if strategy.kind == .canary {
                routing.type = "CANARY"
                routing.canarySize = CapacitySize(type: "CAPACITY_PERCENT", value: strategy.canaryPercent ?? 10)
            } else if strategy.kind == .linear {
                routing.type = "LINEAR"
                routing.linearStepSize = CapacitySize(type: "CAPACITY_PERCENT", value: strategy.linearPercent ?? 10)
            }
            let policy = BlueGreenUpdatePolicy(
                trafficRoutingConfiguration: routing,
                terminationWaitInSeconds: strategy.terminationWait.map { Int(DurationFormat.seconds($0)) })
            return DeploymentConfig(blueGreenUpdatePolicy: policy, autoRollbackConfiguration: alarms)
        }
    }

    /// A one-line description of a `DeploymentConfig` as SageMaker reports it (`LastDeploymentConfig`).
    public static func summary(of config: DeploymentConfig) -> String {
        var parts: [String] = []
        if let routing = config.blueGreenUpdatePolicy?.trafficRoutingConfiguration {
            var text = "blue/green \(routing.type)"
            if let size = routing.canarySize ?? routing.linearStepSize { text += " \(size.value)\(unit(size.type))" }
            text += ", wait \(routing.waitIntervalInSeconds)s"
            parts.append(text)
        }
        if let rolling = config.rollingUpdatePolicy {
            parts.append(
                "rolling \(rolling.maximumBatchSize.value)\(unit(rolling.maximumBatchSize.type)), wait \(rolling.waitIntervalInSeconds)s"
            )
        }
        let alarms = config.autoRollbackConfiguration?.alarms?.compactMap(\.alarmName) ?? []
        if !alarms.isEmpty { parts.append("auto-rollback on \(alarms.joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }

    private static func unit(_ type: String) -> String { type == "CAPACITY_PERCENT" ? "%" : " instances" }
}
