import AWSCore
import Foundation

extension PodiumSession {
    // MARK: - Gate

    /// Checks the target environment's gate for a version. "Healthy for D in R" means: the version runs on an
    /// endpoint of the group in R that is `InService`; it has run there since at least D ago (the later of the
    /// endpoint's LastModifiedTime and its config's creation time); its current verdict is `ok` (traffic, no
    /// threshold crossed, no alarm); and no per-minute 5xx rate since the deployment reached the warn threshold.
    public func gateStatus(group: String, version: Int, environment name: String) async throws -> GateStatus {
        let env = try environment(name)
        guard let gate = env.gate else { return GateStatus(isMet: true, reasons: ["no gate"]) }
        let required = try environment(gate.requires)
        let window = max(config.metricsWindow, gate.healthyFor)
        let health = try await health(environment: required.name, window: window)
        let candidates = health.endpoints.filter { $0.deployment.spec.modelPackageGroup == group }
        guard !candidates.isEmpty else {
            return GateStatus(isMet: false, reasons: ["\(required.name) has no endpoint for \(group) in the config"])
        }
        let needed = DurationFormat.format(gate.healthyFor)
        guard
            let running = candidates.first(where: { $0.deployment.group == group && $0.deployment.version == version })
        else {
            let there = candidates.map { "\($0.endpointName) runs \($0.deployment.versionLabel)" }.joined(
                separator: ", ")
            return GateStatus(
                isMet: false,
                reasons: [
                    "\(group) v\(version) is not deployed in \(required.name) (\(there)); it must run healthy there for \(needed) first"
                ])
        }
        var reasons: [String] = []
        let deployment = running.deployment
        if deployment.status != "InService" {
            reasons.append(
                "\(running.endpointName) in \(required.name) is \(deployment.status ?? "unknown"), not InService")
        }
        let since = deployment.deployedSince
        if let since {
            let ran = now().timeIntervalSince(since)
            if ran < DurationFormat.seconds(gate.healthyFor) {
                reasons.append(
                    "v\(version) has run in \(required.name) for \(DurationFormat.human(seconds: ran)); the gate needs \(needed)"
                )
            }
        } else {
            reasons.append("cannot tell since when v\(version) runs in \(required.name)")
        }
        if running.level != .ok {
            let why = running.reasons.isEmpty ? "" : ": " + running.reasons.joined(separator: "; ")
            reasons.append("\(running.endpointName) in \(required.name) is \(running.level.rawValue)\(why)")
        }
        if let since, let warn = required.thresholds.error5xxPercent?.warn,
            let worst = running.metrics.error5xxPercent.filter({ $0.time >= since.addingTimeInterval(-60) })
                .max(by: { $0.value < $1.value }), worst.value >= warn
        {
            reasons.append(
                "5xx reached \(HealthEvaluator.number(worst.value, decimals: 1))% at \(ISO8601.string(worst.time)) in \(required.name) since the deployment (warn \(HealthEvaluator.number(warn, decimals: 1))%)"
            )
        }
        if reasons.isEmpty {
            return GateStatus(
                isMet: true, reasons: ["v\(version) has run healthy in \(required.name) for at least \(needed)"],
                deployedSince: since)
        }
        return GateStatus(isMet: false, reasons: reasons, deployedSince: since)
    }

    // MARK: - Plan

    /// Plans a promotion of `group` `version` to an environment's endpoint for that group (or `endpoint`). Every
    /// precondition that fails is listed in `blockers`; nothing is changed.
    public func planPromotion(group: String, version: Int, to name: String, endpoint: String? = nil) async throws
        -> DeploymentPlan
    {
        let env = try environment(name)
        let spec = try endpointSpec(env: env, group: group, endpoint: endpoint)
        let client = try client(for: name)
        let package = try await describePackage(group: group, version: version)
        let packageArn = package.modelPackageArn
        let current = try await deployment(environment: name, endpoint: spec.name)
        let resourceName = SageMakerNames.resourceName(endpoint: spec.name, version: version, packageArn: packageArn)

        var blockers: [String] = []
        var warnings: [String] = []
        if isReadOnly(name) {
            blockers.append(
                config.readOnly
                    ? "this session is read-only (--read-only)" : "environment \(name) is read-only (read_only: true)")
        }
        let status = package.modelApprovalStatus ?? "Unknown"
        if status != ApprovalStatus.approved.rawValue {
            blockers.append("\(group) v\(version) is \(status), not Approved")
        }
        if env.executionRoleArn == nil {
            blockers.append("environment \(name) has no execution_role_arn in the config")
        }
        if current.isChanging {
            blockers.append("\(spec.name) is \(current.status ?? "changing"); wait until it is InService")
        }
        if env.gate != nil {
            let gate = try await gateStatus(group: group, version: version, environment: name)
            if !gate.isMet { blockers += gate.reasons.map { "gate: \($0)" } }
        }
        if current.endpointConfigName == resourceName, current.status == "InService" {
            warnings.append("\(spec.name) already runs \(group) v\(version) (\(resourceName)); nothing will change")
        } else if current.group == group, current.version == version {
            warnings.append("\(spec.name) already runs \(group) v\(version) from another endpoint config")
        }
        if current.exists, current.group != nil, current.group != group {
            warnings.append("\(spec.name) currently runs group \(current.group!), not \(group)")
        }

        let modelExists = await exists {
            _ = try await client.sageMaker.describeModel(DescribeModelInput(modelName: resourceName))
        }
        let configExists = await exists {
            _ = try await client.sageMaker.describeEndpointConfig(
                DescribeEndpointConfigInput(endpointConfigName: resourceName))
        }
        let variant = "\(spec.variant) \(spec.instanceType) × \(spec.instanceCount)"
        var steps: [PlannedCall] = [
            PlannedCall(
                operation: "CreateModel", resource: resourceName,
                detail: "from \(packageArn), role \(env.executionRoleArn ?? "?")" + (env.vpc != nil ? ", VPC" : ""),
                alreadyDone: modelExists),
            PlannedCall(
                operation: "CreateEndpointConfig", resource: resourceName,
                detail: variant + (env.kmsKeyId.map { ", KMS \($0)" } ?? ""), alreadyDone: configExists),
        ]
        let alreadyLive = current.endpointConfigName == resourceName && current.status == "InService"
        if current.exists {
            steps.append(
                PlannedCall(
                    operation: "UpdateEndpoint", resource: spec.name,
                    detail: "\(current.endpointConfigName ?? "?") → \(resourceName); \(env.deployment.summary)",
                    alreadyDone: alreadyLive))
            steps.append(
                PlannedCall(
                    operation: "AddTags", resource: spec.name, detail: "version \(version), promoter",
                    alreadyDone: alreadyLive))
        } else {
            steps.append(
                PlannedCall(operation: "CreateEndpoint", resource: spec.name, detail: "config \(resourceName)"))
        }
        steps.append(PlannedCall(operation: "DescribeEndpoint", resource: spec.name, detail: "poll until InService"))
        return DeploymentPlan(
            action: .promote, environment: name, region: env.region, endpoint: spec.name, group: group,
            currentVersion: current.group == group ? current.version : nil,
            currentEndpointConfig: current.endpointConfigName,
            newVersion: version, newPackageArn: packageArn, newEndpointConfig: resourceName, modelName: resourceName,
            createsEndpoint: !current.exists, variantSummary: variant, strategy: env.deployment.summary,
            alarms: env.deployment.autoRollbackAlarms, steps: steps, blockers: blockers, warnings: warnings,
            confirm: env.confirm)
    }

    func endpointSpec(env: EnvironmentConfig, group: String, endpoint: String?) throws -> EndpointSpec {
        if let endpoint {
            guard let spec = env.endpoint(named: endpoint) else {
                throw PodiumError(
                    .usage, "environment \(env.name) has no endpoint \"\(endpoint)\" in the config",
                    hint: "configured endpoints: \(env.endpoints.map(\.name).joined(separator: ", "))")
            }
            return spec
        }
        let matching = env.endpoints.filter { $0.modelPackageGroup == group }
        if matching.count == 1 { return matching[0] }
        if matching.isEmpty {
            throw PodiumError(
                .usage, "environment \(env.name) has no endpoint for model package group \(group)",
                hint: "add one under environments → \(env.name) → endpoints in the config")
        }
        throw PodiumError(
            .usage, "several endpoints in \(env.name) serve \(group): \(matching.map(\.name).joined(separator: ", "))",
            hint: "name the endpoint")
    }

    func exists(_ probe: () async throws -> Void) async -> Bool {
        do {
            try await probe()
            return true
        } catch {
            return false
        }
    }
}
