import BoundedYAML
import Foundation
import Yams

/// Decodes and validates YAML text into a `PodiumConfig`, reporting every problem with file, line and column.
public enum ConfigParser {
    static let topKeys = [
        "refresh", "metrics_window", "registry", "environments", "keys", "theme", "aws", "audit", "mouse",
    ]
    static let awsKeys = ["max_concurrent_requests", "adaptive_retry"]
    static let refreshKeys = ["registry", "health"]
    static let registryKeys = ["region", "credentials"]
    static let credentialKeys = ["profile", "role_arn", "external_id", "session_name"]
    static let environmentKeys = [
        "name", "region", "credentials", "execution_role_arn", "kms_key_id", "vpc", "read_only", "gate", "confirm",
        "accent", "theme", "deployment", "thresholds", "endpoints", "promotion", "artifacts",
    ]
    static let vpcKeys = ["subnets", "security_group_ids"]
    static let gateKeys = ["requires", "healthy_for"]
    static let deploymentKeys = [
        "strategy", "canary_percent", "linear_percent", "batch_percent", "rollback_batch_percent", "wait",
        "max_execution_timeout", "termination_wait", "auto_rollback_alarms",
    ]
    static let thresholdKeys = ["error_5xx_percent", "error_4xx_percent", "latency_p99_ms"]
    static let pairKeys = ["warn", "critical"]
    static let endpointKeys = [
        "name", "model_package_group", "variant", "instance_type", "instance_count", "alarms", "variants",
    ]

    /// Parses YAML text; `file` names the source in error messages.
    public static func parse(yaml: String, file: String) throws -> PodiumConfig {
        let root: Node?
        do {
            // Bounded: anchors and aliases are refused before composing (they multiply work without limit).
            root = try BoundedYAML.compose(yaml: yaml)
        } catch let error as BoundedYAMLError {
            throw ConfigError(file: file, line: error.line, column: error.column, message: error.message)
        } catch let error as YamlError {
            throw ConfigError(issues: [issue(from: error, file: file, yaml: yaml)])
        }
        guard let root else {
            throw ConfigError(
                file: file, message: "the file is empty; expected a mapping with at least \"environments:\"")
        }
        let reader = ConfigNodeReader(file: file)
        let config = decodeRoot(root, reader: reader, file: file)
        if !reader.issues.isEmpty || config == nil {
            let sorted = reader.issues.enumerated().sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }.map(\.element)
            throw ConfigError(
                issues: sorted.isEmpty ? [ConfigIssue(file: file, line: 0, column: 0, message: "invalid")] : sorted)
        }
        return config!
    }

    // MARK: - Decoding

    private static func decodeRoot(_ root: Node, reader: ConfigNodeReader, file: String) -> PodiumConfig? {
        guard let fields = reader.mapping(root, context: "the top level", allowed: topKeys) else { return nil }
        var refresh = RefreshIntervals()
        if let node = fields["refresh"],
            let sub = reader.mapping(node, context: "refresh", allowed: refreshKeys)
        {
            if let n = sub["registry"], let d = reader.duration(n, "refresh.registry", minimum: .seconds(1)) {
                refresh.registry = d
            }
            if let n = sub["health"], let d = reader.duration(n, "refresh.health", minimum: .seconds(1)) {
                refresh.health = d
            }
        }
        var metricsWindow = Duration.seconds(3600)
        if let node = fields["metrics_window"],
            let d = reader.duration(node, "metrics_window", minimum: .seconds(300), maximum: .seconds(86_400))
        {
            metricsWindow = d
        }
        var keys: [String: [String]] = [:]
        if let node = fields["keys"] {
            if case .mapping(let mapping) = node {
                for (keyNode, valueNode) in mapping {
                    guard let action = reader.string(keyNode, "a key-map action name") else { continue }
                    if case .scalar = valueNode, !reader.isNull(valueNode) {
                        if let key = reader.string(valueNode, "keys.\(action)") { keys[action] = [key] }
                    } else if let list = reader.stringList(valueNode, "keys.\(action)") {
                        keys[action] = list
                    }
                }
            } else if !reader.isNull(node) {
                reader.report(node, "keys must be a mapping of action: [key, ...], found \(reader.describe(node))")
            }
        }
        var theme: String?
        if let node = fields["theme"] { theme = reader.string(node, "theme") }

        var environments: [EnvironmentConfig] = []
        if let node = fields["environments"] {
            if let items = reader.sequence(node, "environments") {
                if items.isEmpty { reader.report(node, "environments must list at least one environment") }
                var earlier: [String] = []
                for (index, item) in items.enumerated() {
                    if let env = decodeEnvironment(item, index: index, earlier: earlier, reader: reader) {
                        environments.append(env)
                    }
                    // Later gates may name this environment even if it had other errors.
                    if case .mapping(let m) = item, let nameNode = m["name"], case .scalar(let s) = nameNode {
                        earlier.append(s.string)
                    }
                }
            }
        } else {
            reader.report(root, "missing required key \"environments\" (the ordered promotion path)")
        }

        var registry: RegistryConfig?
        if let node = fields["registry"],
            let sub = reader.mapping(node, context: "registry", allowed: registryKeys)
        {
            let region = sub["region"].flatMap { reader.string($0, "registry.region") }
            if let regionNode = sub["region"], let region { checkRegion(region, node: regionNode, reader: reader) }
            let credentials = sub["credentials"].map {
                decodeCredentials($0, context: "registry.credentials", reader: reader)
            }
            registry = RegistryConfig(
                region: region ?? environments.first?.region ?? "us-east-1",
                credentials: (credentials ?? nil) ?? .defaultChain)
        } else if let first = environments.first {
            registry = RegistryConfig(region: first.region, credentials: first.credentials)
        }
        guard let registry else { return nil }
        var config = PodiumConfig(
            sourcePath: file, refresh: refresh, metricsWindow: metricsWindow, registry: registry,
            environments: environments, keys: keys, theme: theme)
        if let node = fields["aws"] { config.aws = decodeAWS(node, reader: reader) }
        if let node = fields["mouse"], let mouse = reader.bool(node, "mouse") { config.mouse = mouse }
        if let node = fields["audit"] { config.audit = decodeAudit(node, registry: registry, reader: reader) }
        return config
    }

    private static func decodeAWS(_ node: Node, reader: ConfigNodeReader) -> AWSRequestSettings {
        var settings = AWSRequestSettings()
        guard let sub = reader.mapping(node, context: "aws", allowed: awsKeys) else { return settings }
        if let n = sub["max_concurrent_requests"],
            let value = reader.int(n, "aws.max_concurrent_requests", range: AWSRequestSettings.concurrencyRange)
        {
            settings.maxConcurrentRequests = value
        }
        if let n = sub["adaptive_retry"], let value = reader.bool(n, "aws.adaptive_retry") {
            settings.adaptiveRetry = value
        }
        return settings
    }

    private static func decodeEnvironment(
        _ node: Node, index: Int, earlier: [String], reader: ConfigNodeReader
    ) -> EnvironmentConfig? {
        var context = "environments[\(index)]"
        if case .mapping(let m) = node, let nameNode = m["name"], case .scalar(let s) = nameNode {
            context = "environment \"\(s.string)\""
        }
        guard let fields = reader.mapping(node, context: context, allowed: environmentKeys) else { return nil }
        let name = required(fields, "name", reader: reader) { reader.string($0, "\(context): name") }
        if let name, let nameNode = fields["name"] {
            checkName(name, node: nameNode, what: "environment name", reader: reader)
            if earlier.contains(name) {
                reader.report(nameNode, "environment name \"\(name)\" is used twice; names must be unique")
            }
        }
        let region = required(fields, "region", reader: reader) { reader.string($0, "\(context): region") }
        if let region, let regionNode = fields["region"] { checkRegion(region, node: regionNode, reader: reader) }
        var env = EnvironmentConfig(name: name ?? "", region: region ?? "")
        if let n = fields["credentials"],
            let creds = decodeCredentials(n, context: "\(context): credentials", reader: reader)
        {
            env.credentials = creds
        }
        if let n = fields["execution_role_arn"], let arn = reader.string(n, "\(context): execution_role_arn") {
            if ARNShape.isIAMRole(arn) {
                env.executionRoleArn = arn
            } else {
                reader.report(
                    n,
                    "\(context): execution_role_arn must be an IAM role ARN like arn:aws:iam::111111111111:role/sagemaker-exec, found \"\(arn)\""
                )
            }
        }
        if let n = fields["kms_key_id"], let key = reader.string(n, "\(context): kms_key_id") {
            if ARNShape.isKMSKey(key) {
                env.kmsKeyId = key
            } else {
                reader.report(
                    n,
                    "\(context): kms_key_id must be a key id, alias/NAME, or a KMS key or alias ARN, found \"\(key)\"")
            }
        }
        if let n = fields["vpc"], let sub = reader.mapping(n, context: "\(context): vpc", allowed: vpcKeys) {
            let subnets = required(sub, "subnets", reader: reader) { reader.stringList($0, "vpc.subnets") } ?? []
            let groups =
                required(sub, "security_group_ids", reader: reader) { reader.stringList($0, "vpc.security_group_ids") }
                ?? []
            if let sn = sub["subnets"], subnets.isEmpty {
                reader.report(sn, "vpc.subnets must list at least one subnet id")
            }
            if let gn = sub["security_group_ids"], groups.isEmpty {
                reader.report(gn, "vpc.security_group_ids must list at least one security group id")
            }
            env.vpc = VPCSettings(subnets: subnets, securityGroupIds: groups)
        }
        if let n = fields["read_only"], let value = reader.bool(n, "\(context): read_only") { env.readOnly = value }
        if let n = fields["gate"], let sub = reader.mapping(n, context: "\(context): gate", allowed: gateKeys) {
            let requires = required(sub, "requires", reader: reader) { reader.string($0, "gate.requires") }
            let healthyFor = required(sub, "healthy_for", reader: reader) { reader.duration($0, "gate.healthy_for") }
            if let requires, let requiresNode = sub["requires"], !earlier.contains(requires) {
                let hint = EditDistance.suggestion(for: requires, among: earlier).map { "did you mean \"\($0)\"?" }
                let known =
                    earlier.isEmpty ? "there is none before this one" : "earlier: " + earlier.joined(separator: ", ")
                reader.report(
                    requiresNode,
                    "\(context): gate.requires must name an earlier environment on the promotion path (\(known)), found \"\(requires)\"",
                    hint: hint)
            }
            if let requires, let healthyFor { env.gate = GateConfig(requires: requires, healthyFor: healthyFor) }
        }
        if let n = fields["confirm"], let value = reader.choice(n, "\(context): confirm", among: ["yes", "typed"]) {
            env.confirm = ConfirmMode(rawValue: value) ?? .yes
        }
        if let n = fields["accent"] { env.accent = reader.string(n, "\(context): accent") }
        if let n = fields["theme"] { env.theme = reader.string(n, "\(context): theme") }
        if let n = fields["deployment"], let strategy = decodeDeployment(n, context: context, reader: reader) {
            env.deployment = strategy
        }
        if let n = fields["thresholds"] {
            env.thresholds = decodeThresholds(n, context: context, reader: reader)
        }
        if let n = fields["promotion"] { env.promotion = decodePromotion(n, context: context, reader: reader) }
        if let n = fields["artifacts"] {
            env.artifacts = decodeArtifacts(n, context: env, name: context, reader: reader)
        }
        if let n = fields["endpoints"] {
            if let items = reader.sequence(n, "\(context): endpoints") {
                if items.isEmpty { reader.report(n, "\(context): endpoints must list at least one endpoint") }
                for (i, item) in items.enumerated() {
                    if let endpoint = decodeEndpoint(
                        item, context: "\(context): endpoints[\(i)]", strategy: env.deployment, reader: reader)
                    {
                        if env.endpoint(named: endpoint.name) != nil {
                            let nameNode: Node? = item.mapping?["name"]
                            reader.report(nameNode, "\(context): endpoint \"\(endpoint.name)\" is listed twice")
                            continue
                        }
                        env.endpoints.append(endpoint)
                    }
                }
            }
        } else {
            reader.report(node, "\(context): missing required key \"endpoints\"")
        }
        return name == nil || region == nil ? nil : env
    }

    static func decodeCredentials(_ node: Node, context: String, reader: ConfigNodeReader) -> CredentialsConfig? {
        if reader.isNull(node) { return .defaultChain }
        guard let sub = reader.mapping(node, context: context, allowed: credentialKeys) else { return nil }
        var creds = CredentialsConfig()
        if let n = sub["profile"] { creds.profile = reader.string(n, "\(context).profile") }
        if let n = sub["role_arn"], let arn = reader.string(n, "\(context).role_arn") {
            if ARNShape.isIAMRole(arn) {
                creds.roleArn = arn
            } else {
                reader.report(
                    n,
                    "\(context).role_arn must be an IAM role ARN like arn:aws:iam::333333333333:role/podium-promoter, found \"\(arn)\""
                )
            }
        }
        if let n = sub["external_id"] {
            creds.externalId = reader.string(n, "\(context).external_id")
            if sub["role_arn"] == nil { reader.report(n, "\(context).external_id needs role_arn") }
        }
        if let n = sub["session_name"] {
            creds.sessionName = reader.string(n, "\(context).session_name")
            if sub["role_arn"] == nil { reader.report(n, "\(context).session_name needs role_arn") }
        }
        return creds
    }

    private static func decodeDeployment(_ node: Node, context: String, reader: ConfigNodeReader) -> DeploymentStrategy?
    {
        let ctx = "\(context): deployment"
        guard let sub = reader.mapping(node, context: ctx, allowed: deploymentKeys) else { return nil }
        let kinds = DeploymentStrategy.Kind.allCases.map(\.rawValue)
        var strategy = DeploymentStrategy()
        if let n = sub["strategy"] {
            guard let raw = reader.choice(n, "\(ctx).strategy", among: kinds) else { return nil }
            strategy.kind = DeploymentStrategy.Kind(rawValue: raw) ?? .allAtOnce
        }
        let percent = 1...100
        if let n = sub["canary_percent"] {
            strategy.canaryPercent = reader.int(n, "\(ctx).canary_percent", range: percent)
        }
        if let n = sub["linear_percent"] {
            strategy.linearPercent = reader.int(n, "\(ctx).linear_percent", range: percent)
        }
        if let n = sub["batch_percent"] {
            strategy.batchPercent = reader.int(n, "\(ctx).batch_percent", range: percent)
        }
        if let n = sub["rollback_batch_percent"] {
            strategy.rollbackBatchPercent = reader.int(n, "\(ctx).rollback_batch_percent", range: percent)
        }
        if let n = sub["wait"] { strategy.wait = reader.duration(n, "\(ctx).wait", maximum: .seconds(3600)) }
        if let n = sub["max_execution_timeout"] {
            strategy.maxExecutionTimeout = reader.duration(
                n, "\(ctx).max_execution_timeout", minimum: .seconds(600), maximum: .seconds(28_800))
        }
        if let n = sub["termination_wait"] {
            strategy.terminationWait = reader.duration(n, "\(ctx).termination_wait", maximum: .seconds(3600))
        }
        if let n = sub["auto_rollback_alarms"], let alarms = reader.stringList(n, "\(ctx).auto_rollback_alarms") {
            strategy.autoRollbackAlarms = alarms
            if alarms.count > 10 {
                reader.report(n, "\(ctx).auto_rollback_alarms allows at most 10 alarms (SageMaker's limit)")
            }
        }
        // Keys each strategy needs, and keys that make no sense for it.
        let needs: [DeploymentStrategy.Kind: [String]] = [
            .allAtOnce: [], .canary: ["canary_percent", "wait"], .linear: ["linear_percent", "wait"],
            .rolling: ["batch_percent", "wait"],
        ]
        let only: [String: DeploymentStrategy.Kind] = [
            "canary_percent": .canary, "linear_percent": .linear, "batch_percent": .rolling,
            "rollback_batch_percent": .rolling, "max_execution_timeout": .rolling,
        ]
        for key in needs[strategy.kind] ?? [] where sub[key] == nil {
            reader.report(node, "\(ctx): strategy \(strategy.kind.rawValue) needs \"\(key)\"")
        }
        for (key, kind) in only.sorted(by: { $0.key < $1.key }) where sub[key] != nil && kind != strategy.kind {
            reader.report(
                sub.keyNode(key),
                "\(ctx): \"\(key)\" only applies to strategy \(kind.rawValue), not \(strategy.kind.rawValue)")
        }
        if strategy.kind == .rolling, sub["termination_wait"] != nil {
            reader.report(
                sub.keyNode("termination_wait"), "\(ctx): \"termination_wait\" does not apply to strategy rolling")
        }
        return strategy
    }

    private static func decodeThresholds(_ node: Node, context: String, reader: ConfigNodeReader) -> HealthThresholds {
        let ctx = "\(context): thresholds"
        var result = HealthThresholds(error5xxPercent: nil, error4xxPercent: nil, latencyP99Ms: nil)
        guard let sub = reader.mapping(node, context: ctx, allowed: thresholdKeys) else { return .defaults }
        func pair(_ key: String) -> ThresholdPair? {
            guard let n = sub[key], let p = reader.mapping(n, context: "\(ctx).\(key)", allowed: pairKeys) else {
                return nil
            }
            let warn = required(p, "warn", reader: reader) { reader.double($0, "\(ctx).\(key).warn") }
            let critical = required(p, "critical", reader: reader) { reader.double($0, "\(ctx).\(key).critical") }
            guard let warn, let critical else { return nil }
            if warn >= critical {
                reader.report(
                    p["warn"], "\(ctx).\(key): warn (\(format(warn))) must be lower than critical (\(format(critical)))"
                )
            }
            return ThresholdPair(warn: warn, critical: critical)
        }
        result.error5xxPercent = pair("error_5xx_percent")
        result.error4xxPercent = pair("error_4xx_percent")
        result.latencyP99Ms = pair("latency_p99_ms")
        return result
    }

    private static func decodeEndpoint(
        _ node: Node, context: String, strategy: DeploymentStrategy = DeploymentStrategy(), reader: ConfigNodeReader
    ) -> EndpointSpec? {
        var ctx = context
        if case .mapping(let m) = node, let nameNode = m["name"], case .scalar(let s) = nameNode {
            ctx = "endpoint \"\(s.string)\""
        }
        guard let fields = reader.mapping(node, context: ctx, allowed: endpointKeys) else { return nil }
        let name = required(fields, "name", reader: reader) { reader.string($0, "\(ctx): name") }
        if let name, let n = fields["name"], !SageMakerNames.isValid(name) {
            reader.report(
                n, "\(ctx): name must be a SageMaker endpoint name (letters, digits and hyphens, at most 63 characters)"
            )
        }
        let group = required(fields, "model_package_group", reader: reader) {
            reader.string($0, "\(ctx): model_package_group")
        }
        if let variantsNode = fields["variants"] {
            return decodeVariantEndpoint(
                fields, variantsNode, name: name, group: group, context: ctx, strategy: strategy, reader: reader)
        }
        let instanceType = required(fields, "instance_type", reader: reader) {
            reader.string($0, "\(ctx): instance_type")
        }
        if let instanceType, let n = fields["instance_type"], !instanceType.hasPrefix("ml.") {
            reader.report(n, "\(ctx): instance_type must be a SageMaker instance type such as ml.m5.large")
        }
        var spec = EndpointSpec(name: name ?? "", modelPackageGroup: group ?? "", instanceType: instanceType ?? "")
        if let n = fields["variant"], let v = reader.string(n, "\(ctx): variant") { spec.variant = v }
        if let n = fields["instance_count"], let c = reader.int(n, "\(ctx): instance_count", range: 1...100) {
            spec.instanceCount = c
        }
        if let n = fields["alarms"], let a = reader.stringList(n, "\(ctx): alarms") { spec.alarms = a }
        return name == nil || group == nil || instanceType == nil ? nil : spec
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func required<T>(
        _ fields: OrderedFields, _ key: String, reader: ConfigNodeReader, _ decode: (Node) -> T?
    ) -> T? {
        guard let node = fields[key] else {
            reader.report(fields.node, "\(fields.context): missing required key \"\(key)\"")
            return nil
        }
        return decode(node)
    }

    static func checkRegion(_ region: String, node: Node, reader: ConfigNodeReader) {
        let pattern = #"^[a-z]{2}(-[a-z]+)+-\d+$"#
        if region.range(of: pattern, options: .regularExpression) == nil {
            reader.report(node, "\"\(region)\" is not an AWS region name such as us-east-1 or eu-west-1")
        }
    }

    private static func checkName(_ name: String, node: Node, what: String, reader: ConfigNodeReader) {
        if name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$"#, options: .regularExpression) == nil {
            reader.report(
                node, "\(what) \"\(name)\" must be 1–32 letters, digits, '-' or '_', starting with a letter or digit")
        }
    }

    private static func issue(from error: YamlError, file: String, yaml: String) -> ConfigIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ConfigIssue(
                file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(prefix)\(problem)")
        case .reader(let problem, let offset, _, _):
            let (line, column) = TextPosition.lineAndColumn(ofUTF8Offset: offset ?? 0, in: yaml)
            return ConfigIssue(
                file: file, line: line, column: column, message: "cannot read the file as text: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigIssue(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate keys: \(duplicates.sorted().joined(separator: ", "))")
        default:
            return ConfigIssue(file: file, line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }
}
