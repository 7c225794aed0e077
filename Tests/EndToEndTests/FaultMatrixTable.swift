import Foundation
import PodiumTestSupport

/// A fault of the reliability matrix (issue 9 item 4) and how the emulator is made to produce it.
enum MatrixFault: String, CaseIterable, Sendable {
    case throttleBurst = "throttling burst"
    case http500 = "HTTP 500"
    case http503 = "HTTP 503"
    case reset = "connection reset"
    case truncated = "truncated body"
    case garbage = "garbage body"
    case stall = "stall (timeout)"
    case expiredCredentials = "credentials expire mid-session"
    case assumeRoleExpired = "ExpiredToken on AssumeRole"
    case clockSkew = "clock skew"
    case connectionRefused = "connection refused"

    /// The read timeout the stall cases run with (`PODIUM_AWS_READ_TIMEOUT`), and the emulator's stall, longer
    /// than it: the 40 s stall of the issue, scaled down so a case takes seconds, not minutes.
    static let stallReadTimeout = "1"
    static let stallDelayMs = 2500

    /// The skew of the emulator's clock: 15 minutes ahead, three times AWS's tolerance.
    static let skewSeconds = 900

    /// Injects the fault for calls of `operation` (`"*"` with `service` for every call of a service).
    func inject(into emulator: EmulatorProcess, operation: String, service: String?) async throws {
        switch self {
        case .throttleBurst:
            try await emulator.injectFault(operation: operation, kind: .throttle, count: 2, service: service)
        case .http500:
            try await emulator.injectFault(operation: operation, kind: .http500, count: 1, service: service)
        case .http503:
            try await emulator.injectFault(operation: operation, kind: .http503, count: nil, service: service)
        case .reset:
            try await emulator.injectFault(operation: operation, kind: .reset, count: 1, service: service)
        case .truncated:
            try await emulator.injectFault(operation: operation, kind: .truncate, count: 1, service: service)
        case .garbage:
            try await emulator.injectFault(operation: operation, kind: .garbage, count: nil, service: service)
        case .stall:
            try await emulator.injectFault(
                operation: operation, kind: .delay, count: nil, delayMs: Self.stallDelayMs, service: service)
        case .expiredCredentials:
            try await emulator.injectFault(operation: operation, kind: .expiredToken, count: 1, service: service)
        case .assumeRoleExpired:
            // Cached role credentials are only renewed when they expire: make the session's token expire too, so
            // the refresh reaches AssumeRole, which says the source credentials have expired.
            try await emulator.injectFault(operation: operation, kind: .expiredToken, count: nil, service: service)
            try await emulator.injectFault(operation: "AssumeRole", kind: .expiredToken, count: nil, service: "sts")
        case .clockSkew:
            try await emulator.injectFault(operation: "*", kind: .skew, count: nil, skewSeconds: Self.skewSeconds)
        case .connectionRefused:
            break  // the command is pointed at a closed port instead
        }
    }

    /// The emulator's name for the fault in its request log, when it has one.
    var loggedKind: String? {
        switch self {
        case .throttleBurst: return "throttle"
        case .http500: return "http500"
        case .http503: return "http503"
        case .reset: return "reset"
        case .truncated: return "truncate"
        case .garbage: return "garbage"
        case .stall: return "delay"
        case .expiredCredentials, .assumeRoleExpired: return "expired_token"
        case .clockSkew: return "skew"
        case .connectionRefused: return nil
        }
    }
}

/// An operation of the matrix.
enum MatrixOperation: String, CaseIterable, Sendable {
    case status
    case approve
    case promoteCanary = "promote (canary)"
    case promoteAllAtOnce = "promote (all_at_once)"
    case rollback

    /// The AWS call the fault is aimed at: the command's first write, or the read `status` depends on.
    var target: String {
        switch self {
        case .status: return "DescribeEndpoint"
        case .approve: return "UpdateModelPackage"
        case .promoteCanary, .promoteAllAtOnce, .rollback: return "UpdateEndpoint"
        }
    }

    /// Whether the command changes AWS resources (and so must leave audit records).
    var mutates: Bool { self != .status }
}

/// What a case must end in.
enum MatrixOutcome: Equatable, Sendable, CustomStringConvertible {
    /// Exit 0; the faulted call was retried (or corrected) and succeeded.
    case retriedToSuccess
    /// The given exit code, and stderr says `says`.
    case typedFailure(exit: Int32, says: String)
    /// Exit 0: every attempt of the write got no answer, but it was carried out (the emulator answers stalled
    /// requests late); podium re-read the state, saw it, said so on stderr and followed the change.
    case confirmedAfterNoAnswer

    var description: String {
        switch self {
        case .retriedToSuccess: return "retried to success (exit 0)"
        case .typedFailure(let code, let says): return "typed failure, exit \(code): \"\(says)\""
        case .confirmedAfterNoAnswer: return "no answer, confirmed by re-reading, followed (exit 0)"
        }
    }
}

/// The table: fault × operation → expected outcome.
enum FaultMatrix {
    static func expected(_ fault: MatrixFault, _ operation: MatrixOperation) -> MatrixOutcome {
        let target = operation.target
        switch fault {
        case .throttleBurst, .http500, .reset, .truncated, .expiredCredentials, .clockSkew:
            return .retriedToSuccess
        case .http503:
            return .typedFailure(exit: 1, says: "SageMaker \(target) failed: ServiceUnavailable (HTTP 503)")
        case .garbage:
            return .typedFailure(
                exit: 1, says: "SageMaker \(target) answered HTTP 200 with a response podium cannot read")
        case .stall where operation.mutates:
            return .confirmedAfterNoAnswer
        case .stall:
            return .typedFailure(
                exit: 1,
                says: "SageMaker \(target) failed after 3 attempts: timed out (no response from http://127.0.0.1:")
        case .assumeRoleExpired:
            return .typedFailure(exit: 1, says: "the source credentials used to assume the role have expired")
        case .connectionRefused:
            return .typedFailure(exit: 1, says: "failed after 3 attempts: could not connect (http://127.0.0.1:")
        }
    }
}
