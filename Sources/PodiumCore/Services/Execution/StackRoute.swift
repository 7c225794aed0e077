import AWSCore
import Foundation

/// The stack route: the endpoint belongs to a CloudFormation stack, so podium changes the stack, not the endpoint.
/// UpdateStack keeps the template (UsePreviousTemplate) and every parameter (UsePreviousValue) but the package
/// parameter, which gets the plan's ARN (a rollback is the same update with the previous ARN). The stack's events
/// are followed live; CloudFormation's own rollback is a failure with the first failed event's reason. Then the
/// endpoint must be InService on the planned package.
struct StackRoute: PromotionRoute {
    func run(_ plan: DeploymentPlan, context: RouteContext, progress: ProgressReporter) async throws
        -> DeploymentOutcome
    {
        guard let target = context.environment.promotion?.stack, let arn = plan.newPackageArn else {
            throw PodiumError(
                .refused, "environment \(plan.environment) has no promotion.stack in the config; nothing was changed")
        }
        let name = target.stackName(endpoint: plan.endpoint, group: plan.group, environment: plan.environment)
        let deadline = progress.started.addingTimeInterval(DurationFormat.seconds(context.timeout))
        let follower = StackEventFollower(context: context, stackName: name)
        let stack = try await StackRoute.describe(name, client: context.client)
        let value = stack.parameters?.first { $0.parameterKey == target.parameter }?.parameterValue
        if value == arn, CloudFormationStatus(stack.stackStatus).isInProgress {
            // A re-run while the update this plan asks for is still running: follow it, do not start another.
            progress(
                .deploying, .cloudFormation(CloudFormationStatus(stack.stackStatus)),
                "stack \(name) is already updating to this package; following it")
            _ = try await follower.follow(
                since: try await follower.marker(), progress: progress, startDeadline: nil, deadline: deadline)
        } else if value != arn {
            let marker = try await follower.marker()
            progress(
                .startingDeployment, .cloudFormation(CloudFormationStatus(stack.stackStatus)),
                "UpdateStack \(name) (\(target.parameter) → \(arn); UsePreviousTemplate)")
            do {
                _ = try await UncertainWrite.attempt("UpdateStack \(name)", operation: .updateStack) {
                    try await context.client.cloudFormation.updateStack(
                        Self.update(stack: name, parameter: target.parameter, value: arn, keys: stack.parameters ?? []))
                }
                context.made("UpdateStack \(name)", operation: .updateStack)
                _ = try await follower.follow(since: marker, progress: progress, startDeadline: nil, deadline: deadline)
            } catch  where CloudFormationClient.isNoUpdates(error) {
                progress(
                    .deploying, .cloudFormation(CloudFormationStatus(stack.stackStatus)),
                    "stack \(name) already has \(target.parameter) = \(arn)")
            }
        } else {
            progress(
                .deploying, .cloudFormation(CloudFormationStatus(stack.stackStatus)),
                "stack \(name) already has \(target.parameter) = \(arn)")
        }
        let config = try await ServedPackageCheck(context: context).waitUntilServing(
            plan, progress: progress, deadline: deadline)
        var done = plan
        done.newEndpointConfig = config
        return DeploymentOutcome(plan: done, status: .inService, elapsed: progress.elapsed, calls: context.calls)
    }

    /// DescribeStacks for one stack; a missing stack is a failure naming it.
    static func describe(_ name: String, client: AWSClient) async throws -> Stack {
        do {
            if let stack = try await client.cloudFormation.describeStacks(DescribeStacksInput(stackName: name)).stacks?
                .first
            {
                return stack
            }
        } catch  where CloudFormationClient.isStackMissing(error) {}
        throw PodiumError(
            .failed, "stack \(name) does not exist in account/region of this environment; nothing was changed",
            hint: "check promotion.stack.name in the config")
    }

    /// The UpdateStack request: the previous template, the package parameter set, every other one kept.
    static func update(stack: String, parameter: String, value: String, keys: [Parameter]) -> UpdateStackInput {
        var parameters = [Parameter(parameterKey: parameter, parameterValue: value)]
        for key in keys.compactMap(\.parameterKey) where key != parameter {
            parameters.append(Parameter(parameterKey: key, usePreviousValue: true))
        }
        return UpdateStackInput(
            stackName: stack, usePreviousTemplate: true, parameters: parameters,
            capabilities: ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"])
    }
}
