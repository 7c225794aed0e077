import AWSCore
import Foundation

/// Endpoint health from CloudWatch (metrics and alarms) over what `DeploymentReader` finds, and the evidence a
/// promotion gate is judged on.
struct HealthService: Sendable {
    let context: SessionContext
    let deployments: DeploymentReader

    /// One health refresh of an environment: one ListEndpoints pass (DescribeEndpoint only for endpoints that
    /// changed), ONE GetMetricData call with every query of every endpoint and of the trigger Lambdas the pipeline
    /// screen found in this account and region (more only beyond 500 queries): 8 per plain endpoint, under the
    /// variant name the endpoint really has, and 8 per variant of a multi-variant endpoint, whose endpoint-level
    /// series are its production variants' aggregate,
    /// and one DescribeAlarms call for the configured alarms. Metric or alarm failures are reported in
    /// `errors` and leave the verdict `unknown` rather than failing the refresh (access denials are also recorded
    /// in `accessDenials`).
    func health(environment name: String, window: Duration? = nil) async throws -> EnvironmentHealth {
        let env = try context.environment(name)
        let client = try context.client(for: name)
        let deployments = try await deployments.deployments(environment: name)
        let end = context.now()
        let (startTime, endTime) = MetricQueryPlan.window(
            endingAt: end, span: DurationFormat.seconds(window ?? context.config.metricsWindow))

        let alarmNames = Self.alarmNames(for: env)
        // The pipeline screen's trigger Lambdas in this account and region ride in the same call.
        let lambdas = await context.lambdaMetrics.subscribed(environment: name)
        async let metricResults = fetchMetrics(
            client: client, deployments: deployments, start: startTime, end: endTime,
            extra: MetricQueryPlan.variantQueries(for: deployments) + LambdaMetricQueries.queries(for: lambdas))
        async let alarmResults = fetchAlarms(client: client, names: alarmNames)
        var errors: [String] = []
        let (results, metricError) = await metricResults
        let (alarms, alarmError) = await alarmResults
        if let metricError {
            errors.append("metrics unavailable: \(metricError)")
        } else {
            await context.lambdaMetrics.post(results, functions: lambdas, environment: name, at: end)
        }
        if let alarmError { errors.append("alarms unavailable: \(alarmError)") }

        // An endpoint with production variants is measured as their aggregate (it has no endpoint-level queries).
        let metrics = MetricQueryPlan.metrics(
            from: results + MetricQueryPlan.aggregatedResults(from: results, deployments: deployments),
            endpointCount: deployments.count, now: end,
            evaluationPeriod: HealthEvaluator.evaluationPeriod)
        let variantMetrics = MetricQueryPlan.variantMetrics(
            from: results, deployments: deployments, now: end, evaluationPeriod: HealthEvaluator.evaluationPeriod)
        var records: [EndpointHealth] = []
        for (index, deployment) in deployments.enumerated() {
            let spec = deployment.spec
            let names =
                env.deployment.autoRollbackAlarms
                + spec.alarms.filter { !env.deployment.autoRollbackAlarms.contains($0) }
            let states: [AlarmState] = names.map { alarmName in
                if alarmError != nil { return AlarmState(name: alarmName, state: "UNKNOWN") }
                return alarms[alarmName] ?? AlarmState(name: alarmName, state: "MISSING")
            }
            var verdict = HealthEvaluator.evaluate(
                deployment: deployment, metrics: metrics[index], alarms: states, thresholds: env.thresholds,
                variantMetrics: variantMetrics[index])
            if metricError != nil, verdict.level == .unknown { verdict.reasons.append("metrics unavailable") }
            var record = EndpointHealth(
                environment: name, deployment: deployment, level: verdict.level, reasons: verdict.reasons,
                isDeploying: verdict.isDeploying, metrics: metrics[index], alarms: states)
            record.variantMetrics = variantMetrics[index]
            records.append(record)
        }
        return EnvironmentHealth(environment: name, fetchedAt: end, endpoints: records, errors: errors)
    }

    /// The health of every environment, refreshed concurrently; a failing environment yields an error entry.
    func healthOfAll() async -> [(environment: String, result: Result<EnvironmentHealth, PodiumError>)] {
        await concurrentMap(context.config.environments, maxConcurrent: 8) { env in
            do {
                return (env.name, .success(try await self.health(environment: env.name)))
            } catch {
                let signIn = PodiumError.signInRequired(in: error)
                return (env.name, .failure(PodiumError(.failed, PodiumError.describe(error), signInRequired: signIn)))
            }
        }
    }

    static func alarmNames(for env: EnvironmentConfig) -> [String] {
        var seen = Set<String>()
        return (env.deployment.autoRollbackAlarms + env.endpoints.flatMap(\.alarms)).filter { seen.insert($0).inserted }
    }

    private func fetchMetrics(
        client: AWSClient, deployments: [EndpointDeployment], start: Date, end: Date, extra: [MetricDataQuery] = []
    ) async -> ([MetricDataResult], String?) {
        let queries = MetricQueryPlan.queries(for: deployments) + extra
        guard !queries.isEmpty else { return ([], nil) }
        do {
            let results = try await client.cloudWatch.getMetricDataInBatches(
                queries: queries, startTime: start, endTime: end,
                scanBy: "TimestampAscending")
            return (results, nil)
        } catch {
            await context.accessDenials.record(error)
            return ([], PodiumError.describe(error))
        }
    }

    private func fetchAlarms(client: AWSClient, names: [String]) async -> ([String: AlarmState], String?) {
        guard !names.isEmpty else { return ([:], nil) }
        do {
            var states: [String: AlarmState] = [:]
            for chunk in stride(from: 0, to: names.count, by: 100).map({ Array(names[$0..<min($0 + 100, names.count)]) }
            ) {
                let output = try await client.cloudWatch.describeAlarms(
                    DescribeAlarmsInput(alarmNames: chunk, maxRecords: 100))
                for alarm in output.metricAlarms ?? [] {
                    guard let alarmName = alarm.alarmName else { continue }
                    states[alarmName] = AlarmState(
                        name: alarmName, state: alarm.stateValue ?? "UNKNOWN", reason: alarm.stateReason,
                        updated: alarm.stateUpdatedTimestamp)
                }
                for alarm in output.compositeAlarms ?? [] {
                    guard let alarmName = alarm.alarmName else { continue }
                    states[alarmName] = AlarmState(
                        name: alarmName, state: alarm.stateValue ?? "UNKNOWN", reason: alarm.stateReason,
                        updated: alarm.stateUpdatedTimestamp)
                }
            }
            return (states, nil)
        } catch {
            await context.accessDenials.record(error)
            return ([:], PodiumError.describe(error))
        }
    }

    // MARK: - Gate

    /// Checks the target environment's gate for a version: the required environment's health over the gate's
    /// window (the evidence), judged by `GateEvaluator`.
    func gateStatus(group: String, version: Int, environment name: String) async throws -> GateStatus {
        let env = try context.environment(name)
        guard let gate = env.gate else { return GateStatus(isMet: true, reasons: ["no gate"]) }
        let required = try context.environment(gate.requires)
        let window = max(context.config.metricsWindow, gate.healthyFor)
        let evidence = try await health(environment: required.name, window: window)
        return GateEvaluator.evaluate(
            gate: gate, required: required, group: group, version: version, evidence: evidence, now: context.now())
    }
}
