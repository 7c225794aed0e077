import Foundation

extension TransportTimeouts {
    /// The variable that sets the read timeout of every AWS call, in seconds (`20`, `1.5`).
    public static let readTimeoutVariable = "PODIUM_AWS_READ_TIMEOUT"
    /// Podium's read timeout when the variable is unset: 20 s. SageMaker, CloudWatch and STS answer Podium's
    /// calls in well under a second, so a 40 s stall is cut short and retried instead of freezing a command for a
    /// minute (botocore's default is 60 s).
    public static let podiumDefaultRead: Duration = .seconds(20)

    /// Timeouts with the read timeout from `PODIUM_AWS_READ_TIMEOUT` (else `defaultRead`).
    /// - Throws: `TransportTimeoutsError` when the value is not a number of seconds above zero.
    public init(environment: [String: String], defaultRead: Duration = TransportTimeouts.podiumDefaultRead) throws {
        self.init(read: defaultRead)
        guard let raw = environment[Self.readTimeoutVariable]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
        else { return }
        guard let seconds = Double(raw), seconds.isFinite, seconds > 0, seconds <= 3600 else {
            throw TransportTimeoutsError(variable: Self.readTimeoutVariable, value: raw)
        }
        read = .nanoseconds(Int64((seconds * 1_000_000_000).rounded()))
    }
}
