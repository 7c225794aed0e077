import Foundation
import PodiumCore

/// A failure shown in the console: the readable message of any error (never a raw dump).
public struct ConsoleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message (first line of the error's description).
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    /// Wraps any error in its readable form.
    public init(_ error: any Error) {
        if let error = error as? ConsoleError {
            self = error
        } else if let error = error as? PodiumError {
            self.message = error.message
        } else {
            self.message = PodiumErrors.describe(error)
        }
    }

    /// The message.
    public var description: String { message }
}
