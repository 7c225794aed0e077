import AWSCore
import Foundation

/// Gathers `RouteFacts` for a plan: who owns the endpoint (drift guard), the configured stack, the pipeline's
/// pin and token, and a rollback's previous ARN. Reads only; a denied read becomes a fact, never a crash.
struct RouteFactsReader: Sendable {
    let context: SessionContext
    /// The process environment (the GitHub token variable is only checked for presence here).
    var processEnvironment: [String: String] = ProcessInfo.processInfo.environment

    /// The facts for a promotion or rollback of `spec` in `env` running `group` now.
    func facts(env: EnvironmentConfig, spec: EndpointSpec, current: EndpointDeployment, group: String) async throws
        -> RouteFacts
    {
        let client = try context.client(for: env.name)
        var facts = RouteFacts()
        if current.exists { try await owner(of: spec.name, client: client, into: &facts) }
        if let target = env.promotion?.stack, env.route != .direct {
            let name = target.stackName(endpoint: spec.name, group: group, environment: env.name)
            facts.stack = try await describe(stack: name, parameter: target.parameter, client: client)
        }
        switch env.promotion?.pipeline?.trigger {
        case .github(let github):
            facts.tokenPresent = !(processEnvironment[github.tokenEnv] ?? "").isEmpty
        case .pin(let pattern):
            let name = PromotionPattern.expand(pattern, endpoint: spec.name, group: group, environment: env.name)
            do {
                facts.pinValue = try await client.ssm.getParameter(GetParameterRequest(name: name)).parameter?.value
            } catch  where SSMClient.isParameterNotFound(error) {
                facts.pinValue = nil
            }
        case .approveOnly, nil:
            break
        }
        return facts
    }

    /// Preflight in the target account and region: the package's images and model data, the environment's KMS
    /// key and execution role (H4's `Preflight`; only cancellation throws).
    func preflight(package: DescribeModelPackageOutput, env: EnvironmentConfig) async throws -> [PreflightSummary] {
        let client = try context.client(for: env.name)
        let containers = package.inferenceSpecification?.containers ?? []
        // With replicas, the endpoint pulls from them: check those, not the registry's originals.
        let target = PreflightTarget(
            containers: ReplicaRewriter(environment: env)?.packageContainers(containers) ?? containers,
            environment: env, account: nil)
        return try await Preflight(client: client).run(target).checks.map(PreflightSummary.init)
    }

    /// The package ARN before the current one, from the audit log (see `PackageChange.previous`).
    func previousPackageArn(current: String?, environment: String, endpoint: String) -> String? {
        guard let current, let records = try? context.auditLog.read().records else { return nil }
        return PackageChange.previous(to: current, environment: environment, endpoint: endpoint, records: records)
    }

    /// The endpoint's owning stack: the `aws:cloudformation:stack-name` tag, else DescribeStackResources with the
    /// endpoint's ARN (its physical id), which answers `ValidationError` when no stack owns it.
    private func owner(of endpoint: String, client: AWSClient, into facts: inout RouteFacts) async throws {
        let arn: String
        do {
            arn = try await client.sageMaker.describeEndpoint(DescribeEndpointInput(endpointName: endpoint)).endpointArn
        } catch  where PodiumError.isNotFound(error) {
            return
        }
        do {
            let tags = try await client.sageMaker.listTags(ListTagsInput(resourceArn: arn)).tags ?? []
            for tag in tags where tag.key.hasPrefix("podium:") { facts.endpointTags[tag.key] = tag.value }
            if let tag = tags.first(where: { $0.key == CloudFormationClient.stackNameTag }) {
                facts.owningStack = tag.value
                return
            }
        } catch {
            // Tags are one signal (a denied or failed ListTags is fine); DescribeStackResources below is the other.
        }
        do {
            let resources =
                try await client.cloudFormation.describeStackResources(
                    DescribeStackResourcesInput(physicalResourceId: arn)
                ).stackResources ?? []
            facts.owningStack = resources.first?.stackName
        } catch  where CloudFormationClient.isStackMissing(error) {
            facts.owningStack = nil
        } catch let error as AWSServiceError where error.isAccessDenied {
            facts.ownershipUnknown =
                "could not check whether a CloudFormation stack owns \(endpoint): cloudformation:DescribeStackResources was denied"
        } catch {
            if PodiumError.isCancellation(error) { throw error }
            facts.ownershipUnknown =
                "could not check whether a CloudFormation stack owns \(endpoint): \(PodiumError.describe(error))"
        }
    }

    /// The stack as DescribeStacks shows it; a missing stack is `exists: false`.
    private func describe(stack name: String, parameter: String, client: AWSClient) async throws -> StackFacts {
        let stack: Stack?
        do {
            stack = try await client.cloudFormation.describeStacks(DescribeStacksInput(stackName: name)).stacks?.first
        } catch  where CloudFormationClient.isStackMissing(error) {
            stack = nil
        }
        guard let stack else { return StackFacts(name: name, parameter: parameter, exists: false) }
        let parameters = stack.parameters ?? []
        return StackFacts(
            name: name, parameter: parameter, exists: true, status: stack.stackStatus,
            parameterValue: parameters.first { $0.parameterKey == parameter }?.parameterValue,
            parameterKeys: parameters.compactMap(\.parameterKey))
    }
}
