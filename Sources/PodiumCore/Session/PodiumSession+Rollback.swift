import AWSCore
import Foundation

extension PodiumSession {
    /// Plans a rollback of an endpoint to its previous endpoint config: the current config's
    /// `podium:previous-endpoint-config` tag when that config still exists, else the newest older config
    /// podium created for the endpoint.
    public func planRollback(environment name: String, endpoint: String) async throws -> DeploymentPlan {
        let env = try environment(name)
        guard let spec = env.endpoint(named: endpoint) else {
            throw PodiumError(
                .usage, "environment \(name) has no endpoint \"\(endpoint)\" in the config",
                hint: "configured endpoints: \(env.endpoints.map(\.name).joined(separator: ", "))")
        }
        let client = try client(for: name)
        let current = try await deployment(environment: name, endpoint: spec.name)
        guard current.exists, let currentConfig = current.endpointConfigName else {
            throw PodiumError(.refused, "\(spec.name) is not deployed in \(name); there is nothing to roll back")
        }
        let history = try await history(of: current)
        var target: (config: String, version: Int?, packageArn: String?)?
        var warnings: [String] = []
        // A rollback that was killed or interrupted after its UpdateEndpoint already moved the endpoint: running
        // it again finishes that rollback (nothing more to change) instead of rolling back one step further.
        if let unfinished = interruptedChange(environment: name, endpoint: spec.name), unfinished.action == .rollback,
            unfinished.endpointConfig == currentConfig
        {
            let known = history.first { $0.endpointConfigName == currentConfig }
            target = (currentConfig, known?.version ?? current.version, known?.modelPackageArn)
            warnings.append(
                "the rollback of \(ISO8601.string(unfinished.time)) (attempt \(unfinished.attempt ?? "?")) did not finish, but \(spec.name) already runs its target \(currentConfig); this run only confirms it"
            )
        }
        if target == nil, let entry = history.first(where: { $0.endpointConfigName == currentConfig }),
            let previous = entry.previousEndpointConfig, previous != "none", previous != currentConfig
        {
            if await exists({
                _ = try await client.sageMaker.describeEndpointConfig(
                    DescribeEndpointConfigInput(endpointConfigName: previous))
            }) {
                let known = history.first { $0.endpointConfigName == previous }
                var version = known?.version
                var arn = known?.modelPackageArn
                if known == nil {
                    let resolution = await resolve(
                        configName: previous, environment: name, variant: spec.variant, client: client)
                    arn = resolution.packageArn
                    version = arn.flatMap(ARNShape.modelPackage)?.version
                }
                target = (previous, version, arn)
            }
        }
        if target == nil {
            let currentCreated = history.first { $0.endpointConfigName == currentConfig }?.created
            if let older = history.first(where: {
                $0.endpointConfigName != currentConfig
                    && (currentCreated == nil || ($0.created ?? .distantPast) < currentCreated!)
            }) {
                target = (older.endpointConfigName, older.version, older.modelPackageArn)
            }
        }
        guard let target else {
            throw PodiumError(
                .refused, "\(spec.name) in \(name) has no previous endpoint config to roll back to",
                hint:
                    "rollback targets are the endpoint configs podium created for this endpoint; promote a version instead"
            )
        }
        var blockers: [String] = []
        if isReadOnly(name) {
            blockers.append(
                config.readOnly
                    ? "this session is read-only (--read-only)" : "environment \(name) is read-only (read_only: true)")
        }
        if current.isChanging {
            blockers.append("\(spec.name) is \(current.status ?? "changing"); wait until it is InService")
        }
        let variant = "\(spec.variant) \(spec.instanceType) × \(spec.instanceCount)"
        let steps = [
            PlannedCall(
                operation: "UpdateEndpoint", resource: spec.name,
                detail: "\(currentConfig) → \(target.config); \(env.deployment.summary)",
                alreadyDone: target.config == currentConfig),
            PlannedCall(
                operation: "AddTags", resource: spec.name, detail: "version, promoter",
                alreadyDone: target.config == currentConfig),
            PlannedCall(operation: "DescribeEndpoint", resource: spec.name, detail: "poll until InService"),
        ]
        return DeploymentPlan(
            action: .rollback, environment: name, region: env.region, endpoint: spec.name,
            group: spec.modelPackageGroup,
            currentVersion: current.version, currentEndpointConfig: currentConfig, newVersion: target.version,
            newPackageArn: target.packageArn, newEndpointConfig: target.config, modelName: nil, createsEndpoint: false,
            variantSummary: variant, strategy: env.deployment.summary, alarms: env.deployment.autoRollbackAlarms,
            steps: steps, blockers: blockers, warnings: warnings, confirm: env.confirm)
    }
}
