import Foundation

/// A progress report while a promotion or rollback runs.
public struct DeploymentProgress: Sendable, Equatable, Codable {
    /// Where the run is.
    public enum Phase: String, Sendable, Equatable, Codable {
        /// Creating (or finding) the model.
        case creatingModel = "creating model"
        /// Creating (or finding) the endpoint config.
        case creatingEndpointConfig = "creating endpoint config"
        /// Calling UpdateEndpoint / CreateEndpoint.
        case startingDeployment = "starting deployment"
        /// Waiting for SageMaker to finish.
        case deploying
        /// SageMaker is rolling back.
        case rollingBack = "rolling back"
        /// Finished in service.
        case done
        /// Failed or rolled back.
        case failed
    }

    /// What the run's latest read reported, typed by what was read.
    public enum Status: Sendable, Equatable, Codable, CustomStringConvertible {
        /// SageMaker's endpoint status (direct route, traffic changes, and the served-package check of the others).
        case endpoint(EndpointStatus)
        /// A CloudFormation stack or resource status (stack and pipeline routes).
        case cloudFormation(CloudFormationStatus)
        /// A GitHub Actions workflow run's status as GitHub names it (`queued`, `in_progress`, `completed`).
        case workflowRun(String)

        /// The status as its service names it.
        public var description: String {
            switch self {
            case .endpoint(let status): status.rawValue
            case .cloudFormation(let status): status.rawValue
            case .workflowRun(let status): status
            }
        }

        /// Whether it is a CloudFormation update still running that `podium cancel` (CancelUpdateStack) can stop.
        public var isCancellableStackUpdate: Bool {
            if case .cloudFormation(let status) = self { return status.isCancellableUpdate }
            return false
        }
    }

    /// The phase.
    public var phase: Phase
    /// The status of what the run follows, when known.
    public var status: Status?
    /// Seconds since the run started.
    public var elapsed: Double
    /// A human message (`UpdateEndpoint churn-prod → churn-prod-v4-…`, `Updating (canary 10%)`).
    public var message: String

    /// Creates a progress report.
    public init(phase: Phase, status: Status?, elapsed: Double, message: String) {
        self.phase = phase
        self.status = status
        self.elapsed = elapsed
        self.message = message
    }

    /// `[1m05s] deploying: Updating — message`
    public var line: String {
        var text = "[\(DurationFormat.human(seconds: elapsed))] \(phase.rawValue)"
        if let status { text += ": \(status)" }
        if !message.isEmpty { text += " — \(message)" }
        return text
    }
}
