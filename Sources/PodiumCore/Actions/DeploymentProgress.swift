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

    /// The phase.
    public var phase: Phase
    /// SageMaker's endpoint status, when known.
    public var status: String?
    /// Seconds since the run started.
    public var elapsed: Double
    /// A human message (`UpdateEndpoint churn-prod → churn-prod-v4-…`, `Updating (canary 10%)`).
    public var message: String

    /// Creates a progress report.
    public init(phase: Phase, status: String?, elapsed: Double, message: String) {
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
