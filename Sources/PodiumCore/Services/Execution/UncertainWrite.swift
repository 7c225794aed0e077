import AWSCore
import Foundation

/// An AWS write that was sent and never answered (a read timeout, a connection closed mid-answer), or whose retry
/// was answered after such an attempt: the service may have carried it out. AWSCore retries these like botocore
/// does (`retries/standard.py` treats a ReadTimeoutError as transient for every operation), so neither "failed"
/// nor a retry's own error can be trusted. A route throws this instead; the executor re-reads the state
/// (`UncertainWriteCheck`) and follows the change if it landed, or reports the outcome as unknown.
struct UncertainWrite: Error, Sendable, LocalizedError {
    /// The call as the progress and the audit name it (`UpdateEndpoint churn-dev`).
    let call: String
    /// The operation, which says what state a re-read must look at.
    let operation: Operation
    /// What AWSCore threw.
    let underlying: any Error

    /// The writes podium makes while changing an endpoint or a package (the raw value is the AWS or GitHub operation's
    /// name, which the crash-test hook is keyed by). Those that can go unanswered are guarded this way; the check
    /// (`UncertainWriteCheck`, `TrafficUncertainWriteCheck`) re-reads what each changes where it can.
    enum Operation: String, Sendable {
        /// SageMaker CreateModel (podium's deterministic name: re-running it is safe).
        case createModel = "CreateModel"
        /// SageMaker CreateEndpointConfig (deterministic name, likewise).
        case createEndpointConfig = "CreateEndpointConfig"
        /// SageMaker CreateEndpoint.
        case createEndpoint = "CreateEndpoint"
        /// SageMaker UpdateEndpoint.
        case updateEndpoint = "UpdateEndpoint"
        /// CloudFormation UpdateStack (stack route).
        case updateStack = "UpdateStack"
        /// SSM PutParameter (the pipeline route's pin).
        case putParameter = "PutParameter"
        /// SageMaker UpdateModelPackage (approvals, which re-read the package themselves).
        case updateModelPackage = "UpdateModelPackage"
        /// SageMaker UpdateEndpointWeightsAndCapacities (a traffic shift, re-read by `TrafficUncertainWriteCheck`).
        case updateEndpointWeightsAndCapacities = "UpdateEndpointWeightsAndCapacities"
        /// SageMaker AddTags (the direct route tags a created endpoint; a failure is only reported).
        case addTags = "AddTags"
        /// GitHub CreateWorkflowDispatch (the pipeline route's dispatch trigger, which looks for the run instead of
        /// re-reading).
        case createWorkflowDispatch = "CreateWorkflowDispatch"

        /// Whether it changes the endpoint itself (a landed one is followed from the endpoint as it is now).
        var changesEndpoint: Bool { self == .createEndpoint || self == .updateEndpoint }

        /// Whether it creates one of podium's deterministic names, so that running it again is safe (the caller
        /// reuses what exists) and re-reading is not needed.
        var createsDeterministicName: Bool { self == .createModel || self == .createEndpointConfig }
    }

    /// Whether `error` leaves a write's outcome unknown.
    static func mayHaveLanded(_ error: any Error) -> Bool {
        if let service = error as? AWSServiceError { return service.afterUnansweredAttempt }
        if case .transport(_, _, let transport, _) = error as? AWSClientError { return transport.mayHaveReachedService }
        return false
    }

    /// Runs one write, turning an error that leaves its outcome unknown into an `UncertainWrite`. For a create whose
    /// caller reuses what exists (`alreadyExistsIsAnswer`), an "already exists" answer to a retry is kept as it
    /// is: it says the resource is there, which is all that caller needs.
    static func attempt<T: Sendable>(
        _ call: String, operation: Operation, alreadyExistsIsAnswer: Bool = false, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch  where mayHaveLanded(error) && !(alreadyExistsIsAnswer && PodiumError.isAlreadyExists(error)) {
            throw UncertainWrite(call: call, operation: operation, underlying: error)
        }
    }

    /// What escapes when the route, carrying on after one write that got no answer, meets another: the outcome is
    /// unknown, and nothing was re-read for this one.
    var errorDescription: String? {
        "outcome unknown: \(call) \(reason); it may have landed or may still land: check before retrying (a re-run converges either way)"
    }

    /// The note a success carries once a re-read showed the write: `confirmed after <call> <reason>: <seen>`.
    func confirmation(_ seen: String) -> String { "confirmed after \(call) \(reason): \(seen)" }

    /// The progress line while carrying on after a re-read showed the write.
    func carryingOn(_ seen: String) -> String { "\(call) \(reason); \(seen): carrying on" }

    /// Why the answer is missing: `got no answer in 3 attempts (timed out (no response from … within 20 s))`.
    var reason: String {
        if let service = underlying as? AWSServiceError {
            return "got no answer, and its retry was answered \(service.code)"
                + (service.message.map { " (\($0))" } ?? "")
        }
        if case .transport(_, _, let transport, let attempts) = underlying as? AWSClientError {
            return "got no answer in \(attempts) attempt\(attempts == 1 ? "" : "s") (\(transport))"
        }
        return "got no answer (\(PodiumError.describe(underlying)))"
    }
}

/// The outcome of a change is unknown: a write got no answer and re-reading the state did not show it took effect
/// (it may still: AWS may carry out a request it has not answered yet). Recorded as `unknown` in the audit log.
struct WriteOutcomeUnknown: Error, Sendable, LocalizedError {
    /// The write.
    let write: UncertainWrite
    /// What the re-read saw (`DescribeEndpoint shows churn-dev InService on churn-dev-v3`), or why it could not.
    let seen: String

    /// The message: what was sent, what was seen, and that it may still land.
    var errorDescription: String? {
        "outcome unknown: \(write.call) \(write.reason); re-read: \(seen). The request may have landed or may still land: check before retrying (a re-run converges either way)"
    }
}
