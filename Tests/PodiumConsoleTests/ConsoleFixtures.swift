import Foundation
import PodiumCore
import TerminalUI

@testable import PodiumConsole

#if canImport(Glibc)
    import Glibc
#endif

/// Shared test data: the demo-like config, health records and registry contents, at a fixed time.
enum Fixtures {
    /// Fixed "now" of every test (2027-01-15 08:00:00 UTC).
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Snapshots show clock times: make them UTC whatever the machine's zone.
    static let utc: Void = {
        setenv("TZ", "UTC", 1)
        tzset()
    }()

    static func endpoint(
        _ name: String, group: String, type: String = "ml.m5.large", count: Int = 1, alarms: [String] = []
    )
        -> EndpointSpec
    {
        EndpointSpec(name: name, modelPackageGroup: group, instanceType: type, instanceCount: count, alarms: alarms)
    }

    static func config(readOnly: Bool = false, prodReadOnly: Bool = false, keys: [String: [String]] = [:])
        -> PodiumConfig
    {
        var config = PodiumConfig(
            sourcePath: "test.yaml", refresh: RefreshIntervals(registry: .seconds(30), health: .seconds(15)),
            registry: RegistryConfig(region: "us-east-1", credentials: .defaultChain),
            environments: [
                EnvironmentConfig(
                    name: "dev", region: "us-east-1",
                    credentials: CredentialsConfig(roleArn: "arn:aws:iam::111111111111:role/podium-promoter"),
                    accent: "green",
                    endpoints: [endpoint("churn-dev", group: "churn"), endpoint("fraud-dev", group: "fraud")]),
                EnvironmentConfig(
                    name: "prod", region: "eu-west-1",
                    credentials: CredentialsConfig(roleArn: "arn:aws:iam::333333333333:role/podium-promoter"),
                    readOnly: prodReadOnly, gate: GateConfig(requires: "dev", healthyFor: .seconds(1800)),
                    confirm: .typed, accent: "red",
                    endpoints: [
                        endpoint(
                            "churn-prod", group: "churn", type: "ml.m5.xlarge", count: 2, alarms: ["churn-prod-5xx"]),
                        endpoint("fraud-prod", group: "fraud", type: "ml.m5.xlarge", count: 2),
                    ]),
            ], keys: keys)
        if readOnly { config = config.forcingReadOnly() }
        return config
    }

    static func state(
        config: PodiumConfig = config(), mode: ConsoleOptions.Mode = .console, width: Int = 120, height: Int = 40,
        glyphs: GlyphSet = .unicode, options: ConsoleOptions? = nil
    ) -> ConsoleState {
        _ = utc
        let options = options ?? ConsoleOptions(mode: mode)
        let keyMap = try! ConsoleLauncher.keyMap(config: config, mode: options.mode)
        return ConsoleState(
            config: config, options: options, theme: Theme.fallback(colorDepth: .c256, glyphs: glyphs), keyMap: keyMap,
            now: now, size: TerminalSize(width: width, height: height))
    }

    static func series(_ values: [Double], endingAt end: Date = now) -> [MetricPoint] {
        values.enumerated().map { index, value in
            MetricPoint(time: end.addingTimeInterval(Double(index - values.count) * 60 - 60), value: value)
        }
    }

    static func endpointHealth(
        env: String, spec: EndpointSpec, version: Int?, status: String = "InService", level: HealthLevel = .ok,
        reasons: [String] = [], error5xx: Double = 0.1, alarms: [AlarmState] = []
    ) -> EndpointHealth {
        var deployment = EndpointDeployment(environment: env, spec: spec, exists: version != nil)
        deployment.status = version == nil ? nil : EndpointStatus(rawValue: status)
        deployment.group = version == nil ? nil : spec.modelPackageGroup
        deployment.version = version
        deployment.instanceType = spec.instanceType
        deployment.instanceCount = spec.instanceCount
        deployment.endpointConfigName = version.map { "\(spec.name)-v\($0)" }
        deployment.lastModified = now.addingTimeInterval(-42)
        if status == "Updating" { deployment.pendingEndpointConfig = "\(spec.name)-v9-abc" }
        var metrics = EndpointMetrics()
        if version != nil {
            metrics.invocations = series([10, 20, 40, 80, 60, 30, 50, 70, 90, 100])
            metrics.recent.invocationsPerMinute = 95
            metrics.recent.error4xxPercent = 0.8
            metrics.recent.error5xxPercent = error5xx
            metrics.recent.latencyAvgMs = 41
            metrics.recent.latencyP99Ms = 93
            metrics.recent.cpuPercent = 35
            metrics.recent.memoryPercent = 52
        }
        return EndpointHealth(
            environment: env, deployment: deployment, level: version == nil ? .unknown : level, reasons: reasons,
            isDeploying: status == "Updating", metrics: metrics, alarms: alarms)
    }

    static func health(_ config: PodiumConfig, env name: String, updating: Bool = false) -> EnvironmentHealth {
        let env = config.environment(named: name)!
        let records = env.endpoints.enumerated().map { index, spec -> EndpointHealth in
            if name == "prod" && spec.modelPackageGroup == "fraud" {
                return endpointHealth(env: name, spec: spec, version: nil)
            }
            if name == "prod" {
                return endpointHealth(
                    env: name, spec: spec, version: 3, status: updating ? "Updating" : "InService", level: .critical,
                    reasons: ["5xx 7.2% >= 5%"], error5xx: 7.2,
                    alarms: [AlarmState(name: "churn-prod-5xx", state: "ALARM")])
            }
            return endpointHealth(env: name, spec: spec, version: 4 - index)
        }
        return EnvironmentHealth(environment: name, fetchedAt: now, endpoints: records, errors: [])
    }

    static func version(
        _ group: String, _ number: Int, status: String = "PendingManualApproval", description: String? = nil
    )
        -> ModelVersion
    {
        ModelVersion(
            group: group, version: number,
            arn: "arn:aws:sagemaker:us-east-1:123456789012:model-package/\(group)/\(number)",
            status: ApprovalStatus(rawValue: status), created: now.addingTimeInterval(Double(-3600 * (10 - number))),
            createdBy: "arn:aws:sts::123456789012:assumed-role/ml-pipeline/trainer",
            description: description ?? "\(group) retrained (v\(number))")
    }

    static let pending = [version("churn", 5), version("fraud", 3), version("fraud", 4)]

    static let groups = [
        ModelGroupSummary(
            name: "churn", arn: "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn",
            description: "Customer churn", created: now, pending: 1, approved: 3, rejected: 1, latestVersion: 5,
            latestStatus: .pending),
        ModelGroupSummary(
            name: "fraud", arn: "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/fraud",
            description: "Fraud detector", created: now, pending: 2, approved: 2, latestVersion: 4,
            latestStatus: .pending),
    ]

    /// A state with everything loaded at `now`.
    static func loadedState(
        config: PodiumConfig = config(), mode: ConsoleOptions.Mode = .console, width: Int = 120, height: Int = 40,
        updating: Bool = false
    ) -> ConsoleState {
        var state = state(config: config, mode: mode, width: width, height: height)
        state.identity.succeed(
            CallerIdentity(
                arn: "arn:aws:sts::111111111111:assumed-role/podium-promoter/alice", account: "111111111111",
                userId: nil),
            at: now)
        for env in config.environments {
            state.health[env.name]?.succeed(health(config, env: env.name, updating: updating), at: now)
        }
        state.groups.succeed(groups, at: now)
        state.pending.succeed(pending, at: now)
        state.audit.succeed(
            [
                AuditRecord(
                    time: now.addingTimeInterval(-300),
                    operatorArn: "arn:aws:sts::111111111111:assumed-role/podium-promoter/alice",
                    environment: "dev", action: .promote, target: "churn-dev", plan: [], outcome: .success),
                AuditRecord(
                    time: now.addingTimeInterval(-200),
                    operatorArn: "arn:aws:sts::111111111111:assumed-role/podium-promoter/bob",
                    environment: "prod", action: .promote, target: "churn-prod", plan: [], outcome: .refused,
                    error: "gate: churn v4 has run healthy in dev for 3m, needs 30m"),
            ], at: now)
        state.identity.lastAttempt = now
        for env in config.environments { state.health[env.name]?.lastAttempt = now }
        state.groups.lastAttempt = now
        state.pending.lastAttempt = now
        state.audit.lastAttempt = now
        return state
    }

    static func render(_ state: ConsoleState) -> FrameBuffer {
        var frame = FrameBuffer(width: state.size.width, height: state.size.height)
        var cursor: CursorPosition?
        ConsoleView(state: state).render(into: &frame, cursor: &cursor)
        return frame
    }

    static func app(_ service: RecordingService = RecordingService()) -> ConsoleApp {
        ConsoleApp(
            service: service, clock: ManualRuntimeClock(start: now), themeLoader: ThemeLoader(directories: []),
            themeNames: BuiltinThemes.names)
    }
}
