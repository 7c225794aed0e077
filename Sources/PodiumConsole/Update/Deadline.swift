import Foundation
import TerminalUI

/// Runs an async operation with a time limit, without waiting for an operation that ignores cancellation.
///
/// A fetch stuck on a stopped server must not keep its panel "loading" forever: after `limit` the caller
/// gets `ConsoleError("timed out after …")` and the operation's task is cancelled in the background. The limit
/// is measured on the runtime's injected clock (`ConsoleApp.clock`), so tests move time instead of waiting.
enum Deadline {
    /// The operation's result, or a timeout error after `limit` on `clock`.
    static func run<T: Sendable>(
        limit: Duration, clock: any RuntimeClock = SystemRuntimeClock(),
        _ operation: @escaping @Sendable () async throws -> T
    ) async -> Result<T, ConsoleError> {
        let gate = OnceGate<Result<T, ConsoleError>>(cancelValue: .failure(ConsoleError("cancelled")))
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, ConsoleError>, Never>) in
                gate.install(continuation)
                let work = Task {
                    do {
                        gate.resume(.success(try await operation()))
                    } catch {
                        gate.resume(.failure(ConsoleError(error)))
                    }
                }
                let timer = Task {
                    // A cancelled sleep (the operation finished first) throws: no timeout then.
                    guard (try? await clock.sleep(for: limit)) != nil, !Task.isCancelled else { return }
                    gate.resume(
                        .failure(ConsoleError("timed out after \(Int(limit.timeInterval))s", unreachable: true)))
                    work.cancel()
                }
                gate.onFinish { timer.cancel() }
                gate.onCancel { work.cancel() }
            }
        } onCancel: {
            gate.cancel()
        }
    }
}

/// Resumes a continuation exactly once, whichever of the racing tasks gets there first.
final class OnceGate<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var pending: Value?
    private var done = false
    private var finishHandlers: [@Sendable () -> Void] = []
    private var cancelHandlers: [@Sendable () -> Void] = []
    private var cancelled = false
    private let cancelValue: Value

    init(cancelValue: Value) { self.cancelValue = cancelValue }

    /// Whether a continuation is installed and not yet resumed (for tests that must not race `install`).
    var isWaiting: Bool { lock.withLock { continuation != nil } }

    func install(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        if let pending {
            self.pending = nil
            lock.unlock()
            continuation.resume(returning: pending)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: Value) {
        lock.lock()
        guard !done else {
            lock.unlock()
            return
        }
        done = true
        let handlers = finishHandlers
        finishHandlers = []
        if let continuation {
            self.continuation = nil
            lock.unlock()
            continuation.resume(returning: value)
        } else {
            pending = value
            lock.unlock()
        }
        for handler in handlers { handler() }
    }

    func onFinish(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        if done {
            lock.unlock()
            handler()
            return
        }
        finishHandlers.append(handler)
        lock.unlock()
    }

    func onCancel(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        if cancelled {
            lock.unlock()
            handler()
            return
        }
        cancelHandlers.append(handler)
        lock.unlock()
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let handlers = cancelHandlers
        cancelHandlers = []
        lock.unlock()
        for handler in handlers { handler() }
        resume(cancelValue)
    }
}
