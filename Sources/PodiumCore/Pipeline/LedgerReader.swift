import AWSCore
import Foundation

/// Gathers the ledger's facts through a session and judges them with `LedgerEvaluator`.
///
/// Calls per refresh: one ListModelPackages pass per configured group; per environment the session's
/// deployment discovery (ListEndpoints, then DescribeEndpoint and the config → model chain only for endpoints that
/// changed; the chain is cached by config name); per endpoint one GetParameter when a pin starts the pipeline and
/// one DescribeStacks when a stack owns it; ListTags only when the endpoint changed (an endpoint's ARN is read
/// once). Every source that fails is named in the row's `problems`; the rest of the row is still judged.
public final class LedgerReader: Sendable {
    private let session: PodiumSession
    private let cache = LedgerCache()

    /// Creates a reader (keep it across refreshes: it caches what does not change).
    public init(session: PodiumSession) {
        self.session = session
    }

    /// The ledger now.
    public func ledger() async -> Ledger {
        let config = session.config
        let registry = await concurrentMap(config.configuredGroups, maxConcurrent: 4) { group in
            await self.registryFacts(group: group)
        }
        var byGroup: [String: RegistryFacts] = [:]
        for (group, facts) in zip(config.configuredGroups, registry) { byGroup[group] = facts }
        let records = (try? session.auditLog.read().records) ?? []
        let known = byGroup
        let perEnvironment = await concurrentMap(config.environments, maxConcurrent: 4) { env in
            await self.rows(environment: env, registry: known, records: records)
        }
        return Ledger(time: session.now(), rows: perEnvironment.flatMap { $0 })
    }

    // MARK: - Registry

    struct RegistryFacts: Sendable {
        var latestApproved: LedgerFacts.Version?
        var statusByVersion: [Int: ApprovalStatus] = [:]
        var problem: String?
    }

    private func registryFacts(group: String) async -> RegistryFacts {
        do {
            let versions = try await session.versions(group: group, details: false)
            var facts = RegistryFacts()
            for version in versions { facts.statusByVersion[version.version] = version.status }
            facts.latestApproved =
                versions.filter { $0.status == .approved }.max { $0.version < $1.version }
                .map { LedgerFacts.Version(version: $0.version, arn: $0.arn) }
            return facts
        } catch {
            await session.accessDenials.record(error)
            return RegistryFacts(problem: "registry: \(PodiumError.describe(error))")
        }
    }

    // MARK: - Environments

    private func rows(environment env: EnvironmentConfig, registry: [String: RegistryFacts], records: [AuditRecord])
        async -> [LedgerRow]
    {
        var deployments: [String: EndpointDeployment] = [:]
        var environmentProblem: String?
        do {
            for deployment in try await session.deployments(environment: env.name) {
                deployments[deployment.endpointName] = deployment
            }
        } catch {
            await session.accessDenials.record(error)
            environmentProblem = "endpoints: \(PodiumError.describe(error))"
        }
        let found = deployments
        let problemOfAll = environmentProblem
        return await concurrentMap(env.endpoints, maxConcurrent: 4) { spec in
            var facts = LedgerFacts(group: spec.modelPackageGroup, environment: env.name, endpoint: spec.name)
            let group = registry[spec.modelPackageGroup] ?? RegistryFacts()
            facts.latestApproved = group.latestApproved
            if let problem = group.problem { facts.problems.append(problem) }
            if let problem = problemOfAll { facts.problems.append(problem) }
            if let deployment = found[spec.name] {
                facts.running = Self.running(deployment, registry: group)
                if let problem = deployment.problem { facts.problems.append(problem) }
                await self.readTags(deployment, env: env, into: &facts)
            }
            await self.readPin(spec: spec, env: env, into: &facts)
            await self.readStack(spec: spec, env: env, into: &facts)
            if let promotion = Self.lastPromotion(records, environment: env.name, endpoint: spec.name) {
                facts.lastPromotions.insert(promotion, at: 0)
            }
            return LedgerRow(facts: facts, flags: LedgerEvaluator.flags(facts, now: self.session.now()))
        }
    }

    static func running(_ d: EndpointDeployment, registry: RegistryFacts) -> LedgerFacts.Running {
        var running = LedgerFacts.Running(
            exists: d.exists, status: d.status?.rawValue, changing: d.isChanging || d.pendingEndpointConfig != nil,
            endpointConfig: d.endpointConfigName, packageArn: d.modelPackageArn, version: d.version)
        // Only a package of the configured group can be looked up in that group's listing.
        if let version = d.version, d.group == d.spec.modelPackageGroup, registry.problem == nil {
            running.packageStatus = registry.statusByVersion[version]
            running.packageListed = registry.statusByVersion[version] != nil
        }
        return running
    }

    /// The newest finished promote or rollback of the endpoint in podium's audit log, when it succeeded (a failed
    /// one was already reported as failed; what it left behind is judged from the endpoint's tags and the stack).
    static func lastPromotion(_ records: [AuditRecord], environment: String, endpoint: String)
        -> LedgerFacts.Promotion?
    {
        let last = records.last {
            $0.environment == environment && $0.target == endpoint && ($0.action == .promote || $0.action == .rollback)
                && $0.outcome.isFinal && $0.outcome != .refused
        }
        guard let last, last.outcome == .success else { return nil }
        let package = last.plan.lazy.compactMap(PackageChange.parse).first
        // The plan's `endpoint config: OLD → NEW` line (direct route); stack and pipeline plans name the package.
        let configs = last.plan.lazy.compactMap(configChange).first
        guard configs != nil || package != nil else { return nil }
        return LedgerFacts.Promotion(
            source: .auditLog, endpointConfig: configs?.new ?? last.endpointConfig, packageArn: package?.new,
            previousEndpointConfig: configs?.old,
            previousPackageArn: package.flatMap { $0.old == "none" ? nil : $0.old },
            time: last.time, by: last.operatorArn)
    }

    /// `endpoint config: OLD → NEW` from a plan line (`none` when there was none before).
    static func configChange(_ line: String) -> (old: String?, new: String)? {
        guard let range = line.range(of: "endpoint config: ") else { return nil }
        let words = line[range.upperBound...].split(separator: " ")
        guard words.count >= 3, words[1] == "→" else { return nil }
        return (words[0] == "none" ? nil : String(words[0]), String(words[2]))
    }

    // MARK: - Sources

    /// The endpoint's `podium:` tags (ListTags), read again only when the endpoint changed.
    private func readTags(_ d: EndpointDeployment, env: EnvironmentConfig, into facts: inout LedgerFacts) async {
        guard d.exists, !d.isChanging else { return }
        let key = "\(env.name)/\(d.endpointName)"
        var tags = await cache.tags(key, lastModified: d.lastModified, endpointConfig: d.endpointConfigName)
        if tags == nil {
            do {
                let client = try session.client(for: env.name)
                var arn = await cache.arn(key)
                if arn == nil {
                    let described = try await client.sageMaker.describeEndpoint(
                        DescribeEndpointInput(endpointName: d.endpointName))
                    arn = described.endpointArn
                    await cache.setArn(key, described.endpointArn)
                }
                let list = try await client.sageMaker.listTags(ListTagsInput(resourceArn: arn ?? "")).tags ?? []
                var byKey: [String: String] = [:]
                for tag in list { byKey[tag.key] = tag.value }
                tags = byKey
                await cache.setTags(
                    key,
                    LedgerCache.Tags(lastModified: d.lastModified, endpointConfig: d.endpointConfigName, tags: byKey))
            } catch {
                await session.accessDenials.record(error)
                facts.problems.append("endpoint tags: \(PodiumError.describe(error))")
                return
            }
        }
        guard let tags, let arn = tags[PodiumTags.packageArn], !arn.isEmpty else { return }
        facts.lastPromotions.append(
            LedgerFacts.Promotion(
                source: .endpointTags, packageArn: arn,
                previousEndpointConfig: tags[PodiumTags.previousEndpointConfig].flatMap {
                    $0.isEmpty || $0 == "none" ? nil : $0
                },
                by: tags[PodiumTags.promoter]))
    }

    /// The pin, when a pin starts the environment's pipeline.
    private func readPin(spec: EndpointSpec, env: EnvironmentConfig, into facts: inout LedgerFacts) async {
        guard case .pin(let pattern) = env.promotion?.pipeline?.trigger else { return }
        let name = PromotionPattern.expand(
            pattern, endpoint: spec.name, group: spec.modelPackageGroup, environment: env.name)
        do {
            let client = try session.client(for: env.name)
            let value = try await client.ssm.getParameter(GetParameterRequest(name: name)).parameter?.value
            facts.pin = LedgerFacts.Pin(name: name, value: value)
        } catch  where SSMClient.isParameterNotFound(error) {
            facts.pin = LedgerFacts.Pin(name: name, value: nil)
        } catch {
            await session.accessDenials.record(error)
            facts.problems.append("pin \(name): \(PodiumError.describe(error))")
        }
    }

    /// The owning stack (DescribeStacks: status, the package parameter, the last drift detection).
    private func readStack(spec: EndpointSpec, env: EnvironmentConfig, into facts: inout LedgerFacts) async {
        guard let target = env.promotion?.stack else { return }
        let name = target.stackName(endpoint: spec.name, group: spec.modelPackageGroup, environment: env.name)
        do {
            let client = try session.client(for: env.name)
            let stack = try await client.cloudFormation.describeStacks(DescribeStacksInput(stackName: name)).stacks?
                .first
            guard let stack else {
                facts.stack = LedgerFacts.Stack(name: name, exists: false, parameter: target.parameter)
                return
            }
            facts.stack = LedgerFacts.Stack(
                name: name, exists: true, status: stack.stackStatus, parameter: target.parameter,
                parameterValue: stack.parameters?.first { $0.parameterKey == target.parameter }?.parameterValue,
                driftStatus: stack.driftInformation?.stackDriftStatus,
                driftChecked: stack.driftInformation?.lastCheckTimestamp)
            facts.stack?.statusReason = stack.stackStatusReason
            facts.stack?.lastUpdated = stack.lastUpdatedTime ?? stack.creationTime
        } catch  where CloudFormationClient.isStackMissing(error) {
            facts.stack = LedgerFacts.Stack(name: name, exists: false, parameter: target.parameter)
        } catch {
            await session.accessDenials.record(error)
            facts.problems.append("stack \(name): \(PodiumError.describe(error))")
        }
    }
}
