import Foundation

/// Why the emulator helper could not start the emulator or complete a control call.
public enum EmulatorError: Error, CustomStringConvertible, Sendable {
    /// The Python interpreter is missing (run `make venv`).
    case pythonNotFound(String)
    /// The process exited before printing its READY line.
    case exitedBeforeReady(status: Int32)
    /// No READY line within the deadline.
    case notReady(seconds: Double)
    /// A control call answered with a non-2xx status.
    case controlCallFailed(path: String, status: Int, body: String)
    /// A control call's answer could not be decoded.
    case badControlResponse(path: String, body: String)

    /// A human-readable explanation.
    public var description: String {
        switch self {
        case .pythonNotFound(let path):
            return "emulator python not found at \(path); run `make venv` or set PODIUM_EMULATOR_PYTHON"
        case .exitedBeforeReady(let status):
            return "the emulator exited with status \(status) before it was ready"
        case .notReady(let seconds):
            return "the emulator printed no READY line within \(seconds) s"
        case .controlCallFailed(let path, let status, let body):
            return "emulator control call \(path) failed with HTTP \(status): \(body)"
        case .badControlResponse(let path, let body):
            return "emulator control call \(path) answered something unexpected: \(body)"
        }
    }
}
