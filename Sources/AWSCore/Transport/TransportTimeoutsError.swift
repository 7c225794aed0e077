import Foundation

/// A timeout variable in the environment is not a usable number of seconds.
public struct TransportTimeoutsError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The variable, e.g. `PODIUM_AWS_READ_TIMEOUT`.
    public let variable: String
    /// Its value as given.
    public let value: String

    /// What is wrong and what is accepted.
    public var description: String {
        "\(variable)=\(value) is not a timeout: give a number of seconds above 0 and at most 3600 (e.g. 20 or 1.5)"
    }

    /// The same as `description`.
    public var errorDescription: String? { description }
}
