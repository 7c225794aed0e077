import AWSCore
import Foundation

extension MachineryReader {
    /// The Lambdas of one trigger panel, as read: their panels and the functions whose metrics belong in an
    /// environment's health call (`home` environment → function names).
    struct LambdaReading: Sendable {
        var panels: [LambdaPanel]
        var folded: [(home: String, function: String)]
    }

    /// Fills every trigger panel's Lambdas (metrics and last log lines).
    ///
    /// A Lambda in an environment's own account and region has its Invocations and Errors carried by that
    /// environment's health GetMetricData call (`LambdaMetricsBoard`): the panel reads what the last health refresh
    /// posted. A Lambda elsewhere (another account or region, or the registry's when no environment shares its
    /// account and region), or one no health refresh has carried yet, is fetched here: one call per client for all
    /// of its panel's such Lambdas, never one per Lambda.
    func fillLambdas(registry: inout TriggerPanel, environments: inout [EnvironmentMachinery]) async {
        var owners: [(panel: TriggerPanel, client: AWSClient, environment: String?)] = [
            (registry, session.registryClient, nil)
        ]
        for machinery in environments {
            guard let client = try? session.client(for: machinery.environment) else { continue }
            owners.append((machinery.trigger, client, machinery.environment))
        }
        // Accounts are looked up (at most one cached GetCallerIdentity per environment) only when some rule
        // targets a Lambda in the environment's region.
        let regions = Set(
            owners.flatMap { $0.panel.rules.flatMap(\.targets).compactMap(LambdaTarget.init(arn:)) }.map(\.region))
        let homes = await environmentHomes(regions: regions)
        let readings = await concurrentMap(owners, maxConcurrent: 4) { owner in
            await self.lambdas(of: owner.panel, client: owner.client, environment: owner.environment, homes: homes)
        }
        var subscriptions: [String: [String]] = [:]
        for reading in readings {
            for (home, function) in reading.folded where !(subscriptions[home] ?? []).contains(function) {
                subscriptions[home, default: []].append(function)
            }
        }
        for env in session.config.environments {
            await session.context.lambdaMetrics.subscribe(subscriptions[env.name] ?? [], environment: env.name)
        }
        registry.lambdas = readings[0].panels
        for (offset, reading) in readings.dropFirst().enumerated() {
            guard let index = environments.firstIndex(where: { $0.environment == owners[offset + 1].environment })
            else { continue }
            environments[index].trigger.lambdas = reading.panels
        }
    }

    /// Each environment in one of `regions` by its account and region (`us-east-1/111111111111`); the account comes
    /// from the config's ARNs, else from the session's cached caller identity. An environment whose account is
    /// unknown has none (its Lambdas keep their own call).
    private func environmentHomes(regions: Set<String>) async -> [String: String] {
        var homes: [String: String] = [:]
        for env in session.config.environments where regions.contains(env.region) {
            var account = env.accountHint
            if account == nil { account = try? await session.callerIdentity(environment: env.name).account }
            guard let account else { continue }
            let key = LambdaTarget.home(region: env.region, account: account)
            if homes[key] == nil { homes[key] = env.name }
        }
        return homes
    }

    private func lambdas(of panel: TriggerPanel, client: AWSClient, environment: String?, homes: [String: String])
        async -> LambdaReading
    {
        var targets: [LambdaTarget] = []
        for target in panel.rules.flatMap(\.targets).compactMap(LambdaTarget.init(arn:))
        where !targets.contains(where: { $0.function == target.function }) {
            targets.append(target)
        }
        let now = session.now()
        let notBefore = now.addingTimeInterval(-freshness)
        var reading = LambdaReading(panels: [], folded: [])
        var missing: [(index: Int, home: String?)] = []
        for target in targets {
            var lambda = LambdaPanel(function: target.function)
            let home = homes[target.home]
            if let home {
                reading.folded.append((home, target.function))
                if let series = await session.context.lambdaMetrics.series(
                    target.function, environment: home, notBefore: notBefore)
                {
                    lambda.invocations = series.invocations
                    lambda.errors = series.errors
                } else {
                    missing.append((reading.panels.count, home))
                }
            } else {
                missing.append((reading.panels.count, nil))
            }
            reading.panels.append(lambda)
        }
        await fetchMissing(missing, into: &reading.panels, client: client, now: now)
        for index in reading.panels.indices {
            await tail(&reading.panels[index], account: panel.account, client: client, now: now)
        }
        return reading
    }

    /// How old a health refresh's Lambda metrics may be before the panel fetches its own: two health intervals
    /// (at least a minute), so one late or failed refresh is covered and a stopped one is not trusted.
    private var freshness: TimeInterval {
        max(60, 2 * DurationFormat.seconds(session.config.refresh.health))
    }

    /// One GetMetricData (more only beyond 250 Lambdas) for the panel's Lambdas no health call carried; results
    /// for Lambdas with a home environment are posted to the board as well.
    private func fetchMissing(
        _ missing: [(index: Int, home: String?)], into panels: inout [LambdaPanel], client: AWSClient, now: Date
    ) async {
        guard !missing.isEmpty else { return }
        let functions = missing.map { panels[$0.index].function }
        let (since, end) = LambdaMetricQueries.window(endingAfter: now)
        do {
            let results = try await client.cloudWatch.getMetricDataInBatches(
                queries: LambdaMetricQueries.queries(for: functions), startTime: since, endTime: end)
            let series = LambdaMetricQueries.series(from: results, functions: functions, since: since)
            for (index, _) in missing {
                let value = series[panels[index].function] ?? LambdaSeries()
                panels[index].invocations = value.invocations
                panels[index].errors = value.errors
            }
            var byHome: [String: [String: LambdaSeries]] = [:]
            for (index, home) in missing {
                guard let home else { continue }
                byHome[home, default: [:]][panels[index].function] = series[panels[index].function] ?? LambdaSeries()
            }
            for (home, posted) in byHome {
                await session.context.lambdaMetrics.post(series: posted, environment: home, at: now)
            }
        } catch {
            await session.accessDenials.record(error)
            for (index, _) in missing { panels[index].problems.append("metrics: \(PodiumError.describe(error))") }
        }
    }

    /// The Lambda's new log lines, from its kept cursor.
    private func tail(_ lambda: inout LambdaPanel, account: String, client: AWSClient, now: Date) async {
        let key = "\(account)/\(lambda.function)"
        let tailer = await cache.tailer(key) {
            LogTailer(
                client: client, logGroup: "/aws/lambda/\(lambda.function)", since: now.addingTimeInterval(-3600),
                maxPagesPerPoll: 3)
        }
        do {
            lambda.lastLines = await cache.append(key, try await tailer.poll(), limit: LambdaPanel.maxLines)
        } catch {
            await session.accessDenials.record(error)
            lambda.problems.append("logs: \(PodiumError.describe(error))")
        }
    }
}
