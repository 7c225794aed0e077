import AWSCore
import Foundation

/// Follows a CloudFormation stack's events (DescribeStackEvents, newest first) from a marker until the stack
/// settles, reporting each new per-resource event as progress. `UPDATE_COMPLETE` is success; a rollback
/// (`UPDATE_ROLLBACK_COMPLETE`) or a failed update is a failure whose reason is the first failed event's.
struct StackEventFollower: Sendable {
    /// How following ended.
    enum Ending: Sendable, Equatable {
        /// The update completed.
        case completed
        /// Nothing happened before the start deadline.
        case notStarted
    }

    let context: RouteContext
    let stackName: String

    /// The stack-level statuses that end an update.
    static let success: Set<CloudFormationStatus> = [.updateComplete]
    static let failure: Set<CloudFormationStatus> = [.updateRollbackComplete, .updateRollbackFailed, .updateFailed]

    /// The id of the newest event now (`nil` for a stack without events); later events are the update's.
    func marker() async throws -> String? {
        try await context.client.cloudFormation.describeStackEvents(DescribeStackEventsInput(stackName: stackName))
            .stackEvents?.first?.eventId
    }

    /// Polls the events after `marker` until the stack reaches a final status. Returns `.notStarted` when no new
    /// event came before `startDeadline` (when given); throws `PodiumError(.failed)` on a rollback or failure
    /// (with the first failed event's reason), or when `deadline` passes.
    func follow(
        since marker: String?, progress: ProgressReporter, startDeadline: Date?, deadline: Date,
        onEvent: (@Sendable (StackEvent) async -> Void)? = nil
    ) async throws -> Ending {
        var seen = marker
        var events: [StackEvent] = []
        while true {
            try Task.checkCancellation()
            let fresh = try await newEvents(after: seen)
            if let newest = fresh.last { seen = newest.eventId }
            for event in fresh {
                events.append(event)
                report(event, progress: progress)
                await onEvent?(event)
                guard isStackEvent(event), let status = event.resourceStatus.map(CloudFormationStatus.init(rawValue:))
                else {
                    continue
                }
                if Self.success.contains(status) { return .completed }
                if Self.failure.contains(status) { throw failure(status: status, events: events) }
            }
            let now = context.now()
            if events.isEmpty, let startDeadline, now > startDeadline { return .notStarted }
            if now > deadline {
                throw PodiumError(
                    .failed,
                    "stack \(stackName) is still updating after \(DurationFormat.format(context.timeout)); podium stopped waiting (the update continues)",
                    hint: "follow it in the CloudFormation console, or cancel it with `podium cancel`")
            }
            try await context.sleep(context.pollInterval)
        }
    }

    /// The events after `marker`, oldest first (at most five pages back: an update has a handful of events).
    private func newEvents(after marker: String?) async throws -> [StackEvent] {
        var collected: [StackEvent] = []
        var input = DescribeStackEventsInput(stackName: stackName)
        for _ in 0..<5 {
            let page = try await context.client.cloudFormation.describeStackEvents(input)
            for event in page.stackEvents ?? [] {
                if event.eventId == marker { return collected.reversed() }
                collected.append(event)
            }
            guard marker != nil, let token = page.nextToken else { break }
            input.nextToken = token
        }
        return collected.reversed()
    }

    private func isStackEvent(_ event: StackEvent) -> Bool {
        event.resourceType == "AWS::CloudFormation::Stack" && event.logicalResourceId == stackName
    }

    private func report(_ event: StackEvent, progress: ProgressReporter) {
        let status = CloudFormationStatus(event.resourceStatus ?? "?")
        let phase: DeploymentProgress.Phase = status.isRollback ? .rollingBack : .deploying
        var message = "\(event.logicalResourceId ?? "?") \(event.resourceType ?? "") \(status)"
        if let reason = event.resourceStatusReason, !reason.isEmpty { message += ": \(reason)" }
        progress(phase, .cloudFormation(status), message)
    }

    /// The failure of an update, with the reason of its first failed event.
    func failure(status: CloudFormationStatus, events: [StackEvent]) -> PodiumError {
        let failed = events.first { CloudFormationStatus($0.resourceStatus ?? "").isFailed && !isStackEvent($0) }
        let reason =
            failed.map {
                "\($0.logicalResourceId ?? "?") \($0.resourceStatus ?? ""): \($0.resourceStatusReason ?? "no reason given")"
            }
            ?? events.first(where: {
                isStackEvent($0) && CloudFormationStatus($0.resourceStatus ?? "").isRollback
                    && !($0.resourceStatusReason ?? "").isEmpty
            })?.resourceStatusReason ?? "no reason given"
        return PodiumError(
            .failed, "stack \(stackName) ended \(status): \(reason)",
            hint: status == .updateRollbackComplete
                ? "CloudFormation rolled the stack back; the endpoint serves the previous version"
                : "check the stack in the CloudFormation console before retrying")
    }
}
